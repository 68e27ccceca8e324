/**
 * @file Dexie's and IndexedDB's failures as AppErrors, read by their names only. Without Dexie
 * itself, so the start path (which may never load it) can use it.
 */
import { AppError } from '../core/errors';

/** Why `indexedDB.open` fails when this browser will not store anything for us (private window, blocked site data). */
const OPEN_REFUSED = new Set(['InvalidStateError', 'SecurityError']);

/** The names along Dexie's chain of wrapped errors (`inner`), outermost first. */
function errorNames(err: unknown): string[] {
  const names: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') names.push(name);
    current = (current as { inner?: unknown }).inner;
  }
  return names;
}

/**
 * Maps Dexie/IndexedDB failures to AppErrors without copying their text. A failed open reaches
 * later calls as a DatabaseClosedError whose `inner` is the reason, so the whole chain is read:
 * no IndexedDB or a forbidden one (a private window, blocked site data) → storage/unavailable; a
 * database newer than this code → storage/newer-version; a full disk → storage/quota; closed
 * under us by another tab → storage/version-change.
 */
export function toStorageError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const names = errorNames(err);
  if (names.includes('QuotaExceededError')) return new AppError('storage/quota', { cause: err });
  if (names.includes('VersionError')) return new AppError('storage/newer-version', { cause: err });
  const openFailed = names[0] === 'DatabaseClosedError' || names[0] === 'OpenFailedError';
  if (names.includes('MissingAPIError') || (openFailed && names.slice(1).some((name) => OPEN_REFUSED.has(name)))) {
    return new AppError('storage/unavailable', { cause: err });
  }
  if (names[0] === 'DatabaseClosedError') return new AppError('storage/version-change', { cause: err });
  return new AppError('storage/failed', { cause: err });
}
