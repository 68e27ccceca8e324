/**
 * Test-side writers for the family-B formats (not a test file): they build files the way each
 * app writes them, from made-up accounts, with fixed salts and IVs. Used by the fixture writer
 * (test/fixture-writers/import-b-fixtures.test.ts) and by the fuzz tests, which pass a stub KDF
 * so the full decryption path can run hundreds of times.
 */
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import type { KdfRunner } from '../../../../src/core/crypto/kdf';

export const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
/** Deterministic "random" bytes for salts and IVs. */
export const fixedBytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) & 0xff);

/** Derives "keys" instantly (SHA-256 of password and salt): lets the fuzzer reach the ciphers. */
export const STUB_KDF: KdfRunner = {
  argon2id: (passphrase, params) => Promise.resolve(new Uint8Array(createHash('sha256').update(passphrase).update(params.salt).digest())),
};

export type Argon2 = (password: string, salt: Uint8Array, m: number, t: number, p: number) => Promise<Uint8Array>;
export const realArgon2: Argon2 = async (password, salt, m, t, p) =>
  argon2id({ password, salt, memorySize: m, iterations: t, parallelism: p, hashLength: 32, outputType: 'binary' });
export const stubArgon2: Argon2 = async (password, salt) => STUB_KDF.argon2id(password, { m: 0, t: 0, p: 0, salt });

function gcm(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-gcm', key, iv);
  if (aad !== undefined) c.setAAD(aad);
  return concat(c.update(plain), c.final(), c.getAuthTag());
}

function cbc(key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-cbc', key, iv);
  return concat(c.update(plain), c.final());
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

export async function writeProtonEncrypted(plainJson: string, password: string, kdf: Argon2 = realArgon2): Promise<Uint8Array> {
  const salt = fixedBytes(16, 1);
  const nonce = fixedBytes(12, 2);
  const key = await kdf(password, salt, 19_456, 2, 1);
  const content = concat(nonce, gcm(key, nonce, enc(plainJson), enc('proton.authenticator.export.v1')));
  return enc(JSON.stringify({ version: 1, salt: b64(salt), content: b64(content) }));
}

export async function writeStratumStrong(plainJson: string, password: string, kdf: Argon2 = realArgon2): Promise<Uint8Array> {
  const salt = fixedBytes(16, 3);
  const iv = fixedBytes(12, 4);
  const key = await kdf(password, salt, 65_536, 3, 4);
  return concat(enc('AUTHENTICATORPRO'), salt, iv, gcm(key, iv, enc(plainJson)));
}

export function writeStratumLegacy(plainJson: string, password: string): Uint8Array {
  const salt = fixedBytes(20, 5);
  const iv = fixedBytes(16, 6);
  const key = pbkdf2Sync(password, salt, 64_000, 32, 'sha1');
  return concat(enc('AuthenticatorPro'), salt, iv, cbc(key, iv, enc(plainJson)));
}

export function writeTotpAuthenticator(entries: unknown[], password: string): Uint8Array {
  const plain = JSON.stringify({ [JSON.stringify(entries)]: '1700000000' });
  const key = createHash('sha256').update(password).digest();
  return enc(b64(cbc(key, new Uint8Array(16), enc(plain))));
}

/** Ente: crypto_pwhash Argon2id13 with the given limits + one secretstream message. */
export async function writeEnteEncrypted(text: string, password: string, memLimit: number, opsLimit: number): Promise<Uint8Array> {
  const sodium = (await import('libsodium-wrappers-sumo')).default;
  await sodium.ready;
  const salt = fixedBytes(16, 7);
  const key = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const data = sodium.crypto_secretstream_xchacha20poly1305_push(state, enc(text), null, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  return enc(JSON.stringify({ version: 1, kdfParams: { memLimit, opsLimit, salt: b64(salt) }, encryptedData: b64(data), encryptionNonce: b64(header) }));
}

// --- FreeOTP v2: Java serialization of HashMap<String, String> ---------------------------------

const signed = (b: Uint8Array): number[] => Array.from(b, (x) => (x > 127 ? x - 256 : x));

function javaUtf(text: string): Uint8Array {
  const bytes = enc(text);
  return concat(Uint8Array.of(bytes.length >> 8, bytes.length & 0xff), bytes);
}

export function writeJavaStringMap(entries: readonly (readonly [string, string])[]): Uint8Array {
  const u32 = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const parts: Uint8Array[] = [
    Uint8Array.of(0xac, 0xed, 0x00, 0x05, 0x73, 0x72),
    javaUtf('java.util.HashMap'),
    Uint8Array.of(0x05, 0x07, 0xda, 0xc1, 0xc3, 0x16, 0x60, 0xd1, 0x03, 0x00, 0x02, 0x46),
    javaUtf('loadFactor'),
    Uint8Array.of(0x49),
    javaUtf('threshold'),
    Uint8Array.of(0x78, 0x70, 0x3f, 0x40, 0x00, 0x00),
    u32(12),
    Uint8Array.of(0x77, 0x08),
    u32(16),
    u32(entries.length),
  ];
  for (const [k, v] of entries) parts.push(Uint8Array.of(0x74), javaUtf(k), Uint8Array.of(0x74), javaUtf(v));
  parts.push(Uint8Array.of(0x78));
  return concat(...parts);
}

function freeOtpEncryptedKey(key: Uint8Array, plain: Uint8Array, token: string, seed: number): string {
  const iv = fixedBytes(12, seed);
  const params = concat(Uint8Array.of(0x30, 17, 0x04, 12), iv, Uint8Array.of(0x02, 0x01, 16));
  return JSON.stringify({ mCipher: 'AES/GCM/NoPadding', mCipherText: signed(gcm(key, iv, plain, enc(token))), mParameters: signed(params), mToken: token });
}

export interface FreeOtpToken {
  uuid: string;
  secret: Uint8Array;
  meta: Record<string, unknown>;
}

export function writeFreeOtpV2(tokens: readonly FreeOtpToken[], password: string, iterations = 1000): Uint8Array {
  const masterKey = fixedBytes(32, 8);
  const salt = fixedBytes(32, 9);
  const kek = pbkdf2Sync(password, salt, iterations, 32, 'sha512');
  const masterKeyJson = JSON.stringify({
    mAlgorithm: 'PBKDF2withHmacSHA512',
    mEncryptedKey: JSON.parse(freeOtpEncryptedKey(kek, masterKey, 'AES', 10)) as unknown,
    mIterations: iterations,
    mSalt: signed(salt),
  });
  const entries: [string, string][] = [['masterKey', masterKeyJson]];
  tokens.forEach((t, i) => {
    const algo = typeof t.meta.algo === 'string' ? t.meta.algo : 'SHA1';
    entries.push([t.uuid, JSON.stringify({ key: freeOtpEncryptedKey(masterKey, t.secret, `Hmac${algo}`, 20 + i) })]);
    entries.push([`${t.uuid}-token`, JSON.stringify(t.meta)]);
  });
  return writeJavaStringMap(entries);
}

/** A password ZIP with one text member: ZipCrypto (Authenticator Plus, WinAuth) or AES (Raivo). */
export async function writeZipCrypto(member: string, text: string, password: string, zipCrypto = true): Promise<Uint8Array> {
  const zip = await import('@zip.js/zip.js');
  zip.configure({ useWebWorkers: false });
  const writer = new zip.ZipWriter(new zip.Uint8ArrayWriter());
  await writer.add(member, new zip.TextReader(text), { password, zipCrypto, lastModDate: new Date('2026-01-01T00:00:00Z') });
  return writer.close();
}
