/** Base45 (RFC 9285), the text of the move's animated frames. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from '../../../src/core/base45';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('base45', () => {
  it("matches RFC 9285's examples", () => {
    expect(base45Encode(utf8('AB'))).toBe('BB8');
    expect(base45Encode(utf8('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(utf8('base-45'))).toBe('UJCLQE7W581');
    expect(base45Decode('QED8WEX0')).toEqual(utf8('ietf!'));
    expect(base45Encode(new Uint8Array(0))).toBe('');
    expect(base45Encode(Uint8Array.of(0xff, 0xff))).toBe('FGW');
  });

  it('round-trips any bytes, in QR alphanumeric characters only (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const text = base45Encode(bytes);
        expect(text).toMatch(/^[0-9A-Z $%*+\-./:]*$/u);
        expect(text.length).toBe(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        expect(base45Decode(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses what is not base45: foreign characters, a lone character, groups past their range', () => {
    expect(base45Decode('bb8')).toBeNull(); // lower case is outside the alphabet
    expect(base45Decode('BB8A')).toBeNull();
    expect(base45Decode('GGW')).toBeNull(); // 65536
    expect(base45Decode(':5')).toBeNull(); // 44 + 5 × 45 = 269
    expect(base45Decode('BB#')).toBeNull();
  });
});
