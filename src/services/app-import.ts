/**
 * @file Importing another app's export (src/formats/import): read → preview against the vault →
 * one transaction. Nothing is written before the user confirms the preview.
 */
import { sameCredential, type AccountData } from '../core/account';
import type { KdfRunner } from '../core/crypto/kdf';
import { readImport, type ImportedAccount, type ImportProblem } from '../formats/import/registry';
import type { AccountStore } from './vault-accounts';

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

export type VaultForAppImport = Pick<AccountStore, 'listAccounts' | 'importAccounts'>;

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
