/**
 * @file How much key-derivation work an Omamori backup may ask for (docs/export-format.md, "KDF
 * limits"). Checked on the parsed header before any KDF runs, so that a crafted file costs a
 * refusal, not minutes of Argon2id: each passphrase slot at most what Omamori itself writes, and
 * all passphrase slots of a file together at most two such slots.
 */
import { ARGON2_BOUNDS, DEFAULT_ARGON2, FALLBACK_ARGON2, type Argon2Cost } from './crypto/kdf';
import { AppError } from './errors';
import type { ExportSlot } from './export-file-parse';

/** Work of one Argon2id run in KiB × passes: its time is proportional to it (p changes neither). */
export function argon2Work(cost: Argon2Cost): number {
  return cost.m * cost.t;
}

/** 64 MiB × 3 = 32 MiB × 6: the two settings Omamori writes cost the same. */
const APP_WORK = argon2Work(DEFAULT_ARGON2);

/**
 * The largest passphrase slot Omamori writes: DEFAULT_ARGON2 (m 64 MiB, t 3, p 4) or, where 64 MiB
 * cannot be allocated, FALLBACK_ARGON2 (m 32 MiB, t 6, p 4). No headroom: a file asking for more
 * was not written by Omamori (a future release that raises the defaults needs a new format version).
 */
export const EXPORT_ARGON2_LIMITS = Object.freeze({
  m: Math.max(DEFAULT_ARGON2.m, FALLBACK_ARGON2.m),
  t: Math.max(DEFAULT_ARGON2.t, FALLBACK_ARGON2.t),
  p: Math.max(DEFAULT_ARGON2.p, FALLBACK_ARGON2.p),
  work: Math.max(APP_WORK, argon2Work(FALLBACK_ARGON2)),
});

/**
 * All passphrase slots of one file together: two slots as the app writes them. The writer makes one
 * slot; the format allows up to four, so a second passphrase slot fits, and a crafted file costs
 * at most one default derivation more than its first valid slot.
 */
export const EXPORT_KDF_BUDGET = 2 * EXPORT_ARGON2_LIMITS.work;

/**
 * Below this a slot is "weak" (the restore preview says so): the memory of FALLBACK_ARGON2 and the
 * work of DEFAULT_ARGON2, i.e. RFC 9106's second recommendation or the app's equal-cost fallback.
 * Every file Omamori writes passes; the small-cost test fixtures do not.
 */
export const RECOMMENDED_ARGON2 = Object.freeze({ m: Math.min(DEFAULT_ARGON2.m, FALLBACK_ARGON2.m), work: APP_WORK });

function inRange(value: number, [min, max]: readonly [number, number]): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

/**
 * Before any KDF runs. A parameter below the Argon2 minimum (or a salt of a wrong length) is
 * `file/damaged`: no writer produces it. A slot above what Omamori writes, or passphrase slots
 * that together exceed EXPORT_KDF_BUDGET, is `file/kdf-params` ("asks for more work than any
 * Omamori backup does").
 */
export function checkExportKdf(slots: readonly ExportSlot[]): void {
  let total = 0;
  for (const slot of slots) {
    if (slot.type !== 'passphrase') continue;
    const { m, t, p, salt } = slot.kdf;
    const valid =
      inRange(m, ARGON2_BOUNDS.m) && inRange(t, ARGON2_BOUNDS.t) && inRange(p, ARGON2_BOUNDS.p) && inRange(salt.length, ARGON2_BOUNDS.salt) && m >= 8 * p;
    // Larger than the bounds is a cost question (kdf-params); smaller, or a bad salt, is damage.
    const tooLarge = m > EXPORT_ARGON2_LIMITS.m || t > EXPORT_ARGON2_LIMITS.t || p > EXPORT_ARGON2_LIMITS.p || argon2Work(slot.kdf) > EXPORT_ARGON2_LIMITS.work;
    if (tooLarge) throw new AppError('file/kdf-params');
    if (!valid) throw new AppError('file/damaged');
    total += argon2Work(slot.kdf);
  }
  if (total > EXPORT_KDF_BUDGET) throw new AppError('file/kdf-params');
}

/** A passphrase slot made with less than the app's settings; a transfer code (150 bits, HKDF) never is. */
export function isWeakSlot(slot: ExportSlot): boolean {
  return slot.type === 'passphrase' && (slot.kdf.m < RECOMMENDED_ARGON2.m || argon2Work(slot.kdf) < RECOMMENDED_ARGON2.work);
}
