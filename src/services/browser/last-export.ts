/**
 * @file This browser's record of the last backup export (a non-secret time in localStorage),
 * shared by the backup service and the code list's "not in any backup" reminder. Kept apart from
 * backup.ts so that the start-up bundle does not carry the backup service.
 */
import { createLastExportStore, type LastExportStore } from '../backup/health';

let store: LastExportStore | undefined;

export function getLastExportStore(): LastExportStore {
  store ??= createLastExportStore(typeof localStorage === 'undefined' ? undefined : localStorage);
  return store;
}
