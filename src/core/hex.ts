/**
 * @file Bytes as hex text (key fingerprints, file fields, motp secrets). Not a re-export of
 * @noble/hashes' bytesToHex (which digest.ts uses): importing that from here split noble's utils
 * out of the start-up sha2 chunk, one more module before the first code.
 */

/** Lower-case hex, two digits a byte. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
