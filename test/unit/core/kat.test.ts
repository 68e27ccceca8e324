/**
 * Known-answer tests: published vectors through our own code paths (`src/core/crypto`), so that a
 * wrong parameter, a swapped argument or a broken library fails here rather than in a file that
 * no other app can open. Every expected value is copied from the named source and was checked
 * once against a second implementation (Node's OpenSSL for PBKDF2, scrypt and AES-GCM;
 * @noble/hashes for Argon2id) when this file was written.
 */
import { describe, expect, it } from 'vitest';
import { importAesKey, open, sealWithIv } from '../../../src/core/crypto/aead';
import { argon2idRaw } from '../../../src/core/crypto/kdf';
import { aesGcmOpenRaw, aesGcmSealRaw, pbkdf2Raw, scryptRaw } from '../../../src/core/crypto/other-apps';
import { AppError } from '../../../src/core/errors';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const fromHex = (h: string): Uint8Array<ArrayBuffer> => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('PBKDF2-HMAC-SHA1: RFC 6070 §2 (pbkdf2Raw, the path of Authenticator Pro, andOTP, Bitwarden, …)', () => {
  // The fourth vector (c = 16,777,216) is left out: seconds of CPU for no path the others miss.
  it.each([
    ['password', 'salt', 1, 20, '0c60c80f961f0e71f3a9b524af6012062fe037a6'],
    ['password', 'salt', 2, 20, 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957'],
    ['password', 'salt', 4096, 20, '4b007901b765489abead49d926f721d065a429c1'],
    ['passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25, '3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038'],
    ['pass\0word', 'sa\0lt', 4096, 16, '56fa6aa75548099dcc37d7f03425e0c3'],
  ])('P=%j S=%j c=%i dkLen=%i', async (password, salt, iterations, bytes, expected) => {
    expect(hex(await pbkdf2Raw(ascii(password), ascii(salt), iterations, 'SHA-1', bytes))).toBe(expected);
  });
});

describe('PBKDF2-HMAC-SHA256: RFC 7914 §11 (pbkdf2Raw)', () => {
  it.each([
    ['passwd', 'salt', 1, '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783'],
    [
      'Password',
      'NaCl',
      80000,
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d',
    ],
  ])('P=%j S=%j c=%i dkLen=64', async (password, salt, iterations, expected) => {
    expect(hex(await pbkdf2Raw(ascii(password), ascii(salt), iterations, 'SHA-256', 64))).toBe(expected);
  });
});

describe('scrypt: RFC 7914 §12 (scryptRaw, the path of Aegis files)', () => {
  // scryptRaw returns 32 bytes. scrypt's output is PBKDF2-HMAC-SHA256(P, B, 1, dkLen), whose
  // first 32-byte block does not depend on dkLen: it is the first half of the RFC's 64 bytes.
  it.each([
    ['', '', 16, 1, 1, '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906'],
    [
      'password',
      'NaCl',
      1024,
      8,
      16,
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    ],
    [
      'pleaseletmein',
      'SodiumChloride',
      16384,
      8,
      1,
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
    ],
  ])('P=%j S=%j N=%i r=%i p=%i', async (password, salt, N, r, p, expected) => {
    expect(hex(await scryptRaw(ascii(password), ascii(salt), { N, r, p }))).toBe(expected.slice(0, 64));
  });

  it("refuses the RFC's fourth vector (N=2^20, r=8: 1 GiB) at the 256 MiB memory fence instead of running it", async () => {
    await expect(scryptRaw(ascii('pleaseletmein'), ascii('SodiumChloride'), { N: 1_048_576, r: 8, p: 1 })).rejects.toThrow();
  });
});

describe('Argon2id v1.3: phc-winner-argon2 src/test.c (argon2idRaw over hash-wasm, the vault and backup KDF)', () => {
  // RFC 9106 §5.3 needs a secret and associated data, which hash-wasm (and so our wrapper) does not
  // take; these are the reference implementation's own Argon2id vectors, 32-byte tags, m = 64 MiB.
  // test/unit/core/crypto.test.ts holds the same file's m = 256 KiB vectors and t = 2 "password".
  it.each([
    ['password', 'somesalt', 1, 'f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98'],
    ['password', 'somesalt', 4, '9025d48e68ef7395cca9079da4c4ec3affb3c8911fe4f86d1a2520856f63172c'],
    ['differentpassword', 'somesalt', 2, '0b84d652cf6b0c4beaef0dfe278ba6a80df6696281d7e0d2891b817d8c458fde'],
    ['password', 'diffsalt', 2, 'bdf32b05ccc42eb15d58fd19b1f856b113da1e9a5874fdcc544308565aa8141c'],
  ])('P=%j S=%j t=%i m=65536 p=1', async (password, salt, t, expected) => {
    expect(hex(await argon2idRaw(ascii(password), { m: 65_536, t, p: 1, salt: ascii(salt) }))).toBe(expected);
  });
});

describe('AES-256-GCM: McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13–16', () => {
  const K = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308';
  const P60 = 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39';
  const C60 = '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662';
  const cases: { name: string; key: string; iv: string; plain: string; aad: string; ct: string; tag: string }[] = [
    { name: '13', key: '00'.repeat(32), iv: '00'.repeat(12), plain: '', aad: '', ct: '', tag: '530f8afbc74536b9a963b4f1c4cb738b' },
    {
      name: '14',
      key: '00'.repeat(32),
      iv: '00'.repeat(12),
      plain: '00'.repeat(16),
      aad: '',
      ct: 'cea7403d4d606b6e074ec5d3baf39d18',
      tag: 'd0d1c8a799996bf0265b98b5d48ab919',
    },
    { name: '15', key: K, iv: 'cafebabefacedbaddecaf888', plain: `${P60}1aafd255`, aad: '', ct: `${C60}898015ad`, tag: 'b094dac5d93471bdec1a502270e3cc6c' },
    {
      name: '16',
      key: K,
      iv: 'cafebabefacedbaddecaf888',
      plain: P60,
      aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
      ct: C60,
      tag: '76fc6ece0f4e1768cddf8853bb2d551b',
    },
  ];

  it.each(cases)('test case $name through aead.ts (sealWithIv / open: records, slots, backups)', async (c) => {
    const key = await importAesKey(fromHex(c.key), false);
    const sealed = await sealWithIv(key, fromHex(c.iv), fromHex(c.plain), fromHex(c.aad));
    expect(hex(sealed.ct)).toBe(c.ct + c.tag);
    expect(hex(await open(key, { iv: fromHex(c.iv), ct: fromHex(c.ct + c.tag) }, fromHex(c.aad)))).toBe(c.plain);
  });

  it.each(cases)('test case $name through other-apps.ts (aesGcmSealRaw / aesGcmOpenRaw: Aegis, 2FAS, …)', async (c) => {
    const aad = c.aad === '' ? undefined : fromHex(c.aad);
    const sealed = await aesGcmSealRaw(fromHex(c.key), fromHex(c.iv), fromHex(c.plain), aad);
    expect({ ct: hex(sealed.ct), tag: hex(sealed.tag) }).toEqual({ ct: c.ct, tag: c.tag });
    expect(hex(await aesGcmOpenRaw(fromHex(c.key), fromHex(c.iv), fromHex(c.ct + c.tag), aad))).toBe(c.plain);
  });

  it('test case 16 with one tag bit flipped, or without its AAD, does not open', async () => {
    const c = cases[3]!;
    const key = await importAesKey(fromHex(c.key), false);
    const flipped = fromHex(c.ct + c.tag);
    flipped[flipped.length - 1]! ^= 1;
    for (const [ct, aad] of [
      [flipped, fromHex(c.aad)],
      [fromHex(c.ct + c.tag), new Uint8Array(0)],
    ] as const) {
      const err = await open(key, { iv: fromHex(c.iv), ct }, aad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('crypto/integrity');
    }
  });
});
