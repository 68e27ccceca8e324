/**
 * @file The start read (start-read.ts) begun before the entry chunk runs. `src/early-read.ts`, an
 * entry of its own that index.html loads `async`, calls `beginEarlyRead` as soon as it arrives,
 * while the page is still being parsed and the entry chunk fetched and compiled: opening IndexedDB
 * takes 20–35 ms, mostly the browser's own, which then no longer follows the entry's evaluation.
 * The vault's start (services/browser/vault.ts) takes the read with `takeEarlyRead`.
 *
 * One module: the build puts it in the early read's chunk, which the entry imports
 * (e2e/startup-budget.spec.ts checks both). Not begun after the page was parsed (the entry runs
 * then too, so nothing would be gained): then the start reads by itself, as without this file (and
 * as in unit tests and `vite` dev).
 */
import { readStartRows, type StartRows } from './start-read';

let early: Promise<StartRows | null> | undefined;

export function beginEarlyRead(): void {
  if (typeof document === 'undefined' || document.readyState !== 'loading') return;
  early ??= readStartRows();
}

/** The read begun early, once (the start's own); undefined when none was begun or it was taken. */
export function takeEarlyRead(): Promise<StartRows | null> | undefined {
  const read = early;
  early = undefined;
  return read;
}
