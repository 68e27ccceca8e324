/** @file Bytes as hex text (key fingerprints, file fields, motp secrets). */

/** Lower-case hex, two digits a byte. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
