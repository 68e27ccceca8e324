/**
 * @file A read file against the vault: what is new, what is already there, what cannot be
 * imported; then one transaction. Nothing here loads an importer, so the page can hold it while
 * the reading runs in the import worker.
 */
import { sameCredential, type AccountData } from '../../core/account';
import type { ImportedAccount, ImportProblem, ImportResult } from '../../formats/import/types';
import type { VaultService } from '../vault/vault';

export interface AppImportPreview {
  /** Importer id, e.g. 'aegis'. */
  format: string;
  /** Not in the vault yet: imported on confirmation. */
  added: ImportedAccount[];
  /** Already in the vault (same secret and parameters) or repeated in the file: skipped. */
  present: ImportedAccount[];
  /** Entries of the file that cannot become accounts, with the reason. */
  problems: ImportProblem[];
  /** Entries that are no authenticator accounts at all (a password manager's password-only entries): counted only. */
  notAccounts?: number;
}

export type VaultForAppImport = Pick<VaultService, 'listAccounts' | 'importAccounts'>;

/** What of a read file is new, already in the vault (or repeated in the file), or unusable. */
export async function compareWithVault(vault: Pick<VaultForAppImport, 'listAccounts'>, result: ImportResult): Promise<AppImportPreview> {
  // Bucketed by type and secret, so thousands of accounts compare in linear time.
  const byKey = new Map<string, AccountData[]>();
  const key = (a: AccountData): string => `${a.type}|${a.secretB32}`;
  for (const a of await vault.listAccounts()) byKey.set(key(a), [...(byKey.get(key(a)) ?? []), a]);
  const preview: AppImportPreview = { format: result.format, added: [], present: [], problems: result.problems };
  if (result.notAccounts !== undefined && result.notAccounts > 0) preview.notAccounts = result.notAccounts;
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
