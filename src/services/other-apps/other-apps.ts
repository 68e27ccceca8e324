/**
 * @file Importing another app's export (src/formats/import): read → preview against the vault →
 * one transaction. Nothing is written before the user confirms the preview.
 */
import { sameCredential, type AccountData } from '../../core/account';
import type { KdfRunner } from '../../core/crypto/kdf';
import { AppError } from '../../core/errors';
import { exporterFor, type ExportSkip } from '../../formats/export/registry';
import { detectFormat, IMPORTERS, MAX_IMPORT_BYTES, readImport, type ImportedAccount, type ImportProblem } from '../../formats/import/registry';
import type { VaultService } from '../vault/vault';

export type { ExportSkip };

export interface AppImportPreview {
  /** Importer id, e.g. 'aegis'. */
  format: string;
  /** Not in the vault yet: imported on confirmation. */
  added: ImportedAccount[];
  /** Already in the vault (same secret and parameters) or repeated in the file: skipped. */
  present: ImportedAccount[];
  /** Entries of the file that cannot become accounts, with the reason. */
  problems: ImportProblem[];
}

export type VaultForAppImport = Pick<VaultService, 'listAccounts' | 'importAccounts'>;

/** Reads the file (throws typed errors: wrong password, unknown format …) and compares it with the vault. */
export async function previewAppImport(
  vault: VaultForAppImport,
  file: { bytes: Uint8Array; fileName?: string },
  opts: { password?: string; kdf?: KdfRunner; signal?: AbortSignal } = {},
): Promise<AppImportPreview> {
  const input = file.fileName === undefined ? { bytes: file.bytes } : { bytes: file.bytes, fileName: file.fileName };
  const result = await readImport(input, opts);
  // Bucketed by type and secret, so thousands of accounts compare in linear time.
  const byKey = new Map<string, AccountData[]>();
  const key = (a: AccountData): string => `${a.type}|${a.secretB32}`;
  for (const a of await vault.listAccounts()) byKey.set(key(a), [...(byKey.get(key(a)) ?? []), a]);
  const preview: AppImportPreview = { format: result.format, added: [], present: [], problems: result.problems };
  for (const incoming of result.accounts) {
    const seen = byKey.get(key(incoming)) ?? [];
    if (seen.some((a) => sameCredential(a, incoming))) {
      preview.present.push(incoming);
      continue;
    }
    preview.added.push(incoming);
    byKey.set(key(incoming), [...seen, incoming]);
  }
  return preview;
}

/** One transaction; returns how many accounts were added. */
export function commitAppImport(vault: VaultForAppImport, preview: AppImportPreview): Promise<number> {
  return vault.importAccounts(preview.added);
}

/** The apps whose exports are read, by name (for the import screen's list). */
export function importableApps(): string[] {
  return [...new Set(IMPORTERS.map((i) => i.label))];
}

/** Which app wrote the file and whether it needs a password; typed errors for too big or unknown. */
export function recogniseExport(file: { bytes: Uint8Array; fileName?: string }): { app: string; encrypted: boolean } {
  if (file.bytes.length > MAX_IMPORT_BYTES) throw new AppError('file/too-large');
  const input = file.fileName === undefined ? { bytes: file.bytes } : { bytes: file.bytes, fileName: file.fileName };
  const detected = detectFormat(input);
  if (detected === null) throw new AppError('import/unknown-format');
  return { app: detected.importer.label, encrypted: detected.sniff.encrypted };
}

export type AppExportTarget = 'aegis-encrypted' | 'aegis' | '2fas';

/**
 * Every account of the vault as a file another app reads; accounts the format cannot hold are
 * listed. Throws `vault/reauth-required` without a recent proof.
 */
export async function exportForApp(
  vault: Pick<VaultService, 'listAccounts' | 'requireRecentProof'>,
  target: AppExportTarget,
  password?: string,
): Promise<{ bytes: Uint8Array; fileName: string; mime: string; written: number; skipped: ExportSkip[] }> {
  // Every secret leaves in this file: a recent passphrase or passkey is required.
  vault.requireRecentProof();
  const accounts = await vault.listAccounts();
  const { file, skipped } = await exporterFor(target).write(accounts, password === undefined ? {} : { password });
  return { bytes: file.bytes, fileName: file.fileName, mime: file.mime, written: accounts.length - skipped.length, skipped };
}
