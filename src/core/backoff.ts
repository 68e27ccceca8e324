/**
 * @file Delay after wrong passphrases: the first five cost nothing extra (typos happen), then
 * each further one waits twice as long, capped at 30 s. Nothing is ever wiped.
 */

export const FREE_ATTEMPTS = 5;
export const MAX_DELAY_MS = 30_000;

/** Milliseconds to wait before the next attempt after `failures` wrong passphrases in a row. */
export function unlockDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS));
}
