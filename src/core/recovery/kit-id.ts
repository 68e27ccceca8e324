/**
 * @file The recovery kit's id (docs/export-format.md, "Recovery slot"): the first 4 bytes of
 * SHA-256 over a label and the key, printed as the kit's fingerprint and named in each backup's
 * recovery slot. Apart from kit.ts so that the backup codec does not load the word lists.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '../hex';
import { AppError } from '../errors';

export const RECOVERY_KEY_BYTES = 32;
export const KIT_ID_BYTES = 4;
const KIT_ID_LABEL = 'omamori/recovery-kit-id/v1\0';

export function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== RECOVERY_KEY_BYTES) throw new AppError('recovery/invalid');
}

export function kitIdOf(key: Uint8Array): Uint8Array<ArrayBuffer> {
  checkKey(key);
  const label = new TextEncoder().encode(KIT_ID_LABEL);
  const input = new Uint8Array(label.length + key.length);
  input.set(label);
  input.set(key, label.length);
  const digest = sha256(input);
  input.fill(0);
  return new Uint8Array(digest.subarray(0, KIT_ID_BYTES));
}

/** The kit id as printed: 'A1B2-C3D4'. */
export function formatFingerprint(kitId: Uint8Array): string {
  const hex = bytesToHex(kitId).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}
