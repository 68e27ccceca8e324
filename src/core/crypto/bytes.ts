/** @file Byte helpers shared by the crypto envelope. No WebCrypto here. */

export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();

export function utf8Encode(text: string): Bytes {
  return encoder.encode(text);
}

/**
 * WebCrypto's typings accept only ArrayBuffer-backed views (TOOLCHAIN.md). Key material is not
 * copied when it already is one, so that zeroing the caller's array zeroes the only copy.
 */
export function asBytes(view: Uint8Array): Bytes {
  if (view.buffer instanceof ArrayBuffer) return view as Bytes;
  return new Uint8Array(view);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
