/**
 * @file Backup health, kept apart from the backup codec so the code list can use it without
 * loading it: when the last export happened (a non-secret time in localStorage) and how many
 * accounts were added or changed since and did not come unchanged from a restored backup.
 */
import type { Account } from '../../core/account';

/** The non-secret time of the last export (ms since epoch); localStorage in the app. */
export interface LastExportStore {
  read(): number | null;
  write(at: number): void;
}

export const LAST_EXPORT_KEY = 'omamori.last-export';

export function createLastExportStore(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): LastExportStore {
  let memory: number | null = null;
  return {
    read() {
      try {
        const raw = storage?.getItem(LAST_EXPORT_KEY) ?? null;
        const at = raw === null ? NaN : Number(raw);
        return Number.isSafeInteger(at) && at > 0 ? at : memory;
      } catch {
        return memory;
      }
    },
    write(at) {
      memory = at;
      try {
        storage?.setItem(LAST_EXPORT_KEY, String(at));
      } catch {
        // Private mode or quota: the time is a convenience, the export itself succeeded.
      }
    },
  };
}

/**
 * Accounts added or changed after the last export from this device (all of them when there was
 * none), except those unchanged since they were restored from a backup file, which that file holds.
 */
export function accountsNotInBackup(accounts: readonly Pick<Account, 'changedAt' | 'backedUpAt'>[], lastExportAt: number | null): number {
  const exportedAt = lastExportAt ?? 0;
  return accounts.filter((a) => a.changedAt > exportedAt && a.changedAt > a.backedUpAt).length;
}
