/**
 * @file The start read (start-read.ts) begun before the entry chunk runs. `src/early-read.ts`, an
 * entry of its own that index.html loads `async`, calls `beginEarlyRead` as soon as it arrives,
 * while the page is still being parsed and the entry chunk fetched and compiled: opening IndexedDB
 * takes 20–35 ms, mostly the browser's own, which then no longer follows the entry's evaluation.
 * The vault's start (services/browser/vault.ts) takes the read with `takeEarlyRead`.
 *
 * The read is handed over on the global object, once: the build puts this module in the early
 * read's chunk, which the entry imports, but a copy of it in each would still hand it over. Not
 * begun after the page was parsed (the entry runs then too, so nothing would be gained): then the
 * start reads by itself, as without this file (and as in unit tests and `vite` dev).
 */
import { readStartRows, type StartRows } from './start-read';

const KEY = '__omamoriEarlyRead';
type WithEarlyRead = typeof globalThis & { [KEY]?: Promise<StartRows | null> };

export function beginEarlyRead(): void {
  if (typeof document === 'undefined' || document.readyState !== 'loading') return;
  (globalThis as WithEarlyRead)[KEY] ??= readStartRows();
}

/** The read begun early, once (the start's own); undefined when none was begun or it was taken. */
export function takeEarlyRead(): Promise<StartRows | null> | undefined {
  const scope = globalThis as WithEarlyRead;
  const read = scope[KEY];
  delete scope[KEY];
  return read;
}
