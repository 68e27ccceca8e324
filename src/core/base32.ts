/** @file RFC 4648 base32 without padding, the encoding otpauth secrets use. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Returns null when `b32` holds a character outside the alphabet or impossible trailing bits. */
export function decodeBase32(b32: string): Uint8Array<ArrayBuffer> | null {
  const out = new Uint8Array(Math.floor((b32.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const ch of b32) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  // A length of 1, 3 or 6 mod 8 cannot come from whole bytes.
  if (bits >= 5) return null;
  return out;
}

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
