/**
 * @file Test-side writers of other apps' files (not a test file): they build files the way each
 * app writes them, from made-up accounts, with fixed salts and IVs. Used by the fixture writer
 * (test/fixture-writers/import-fixtures.test.ts) and by the tests: the fuzz test encrypts its
 * mutated plaintexts with the cheapest KDF each format allows (or a stub KDF) so that the full
 * decrypting path can run thousands of times.
 */
import { createCipheriv, createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { argon2id } from 'hash-wasm';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import type { KdfRunner } from '../../../../src/core/crypto/kdf';

// ---------- bytes and primitives ----------

export const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * Deterministic "random" bytes for salts and IVs: the same file on every run. The committed
 * fixtures were written with `step` 7, those from ACCOUNTS (fixtures.ts) with 17.
 */
export const fixedBytes = (n: number, seed: number, step = 7): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * step) & 0xff);

export const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** AES-256-GCM: ciphertext ‖ 16-byte tag. */
export function gcm(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-gcm', key, iv);
  if (aad !== undefined) c.setAAD(aad);
  return concat(c.update(plain), c.final(), c.getAuthTag());
}

/** AES-256-CBC with PKCS#7 padding. */
export function cbc(key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-cbc', key, iv);
  return concat(c.update(plain), c.final());
}

export const pbkdf2 = (password: string | Uint8Array, salt: Uint8Array, iterations: number, hash: 'sha1' | 'sha256' | 'sha512'): Uint8Array =>
  new Uint8Array(pbkdf2Sync(password, salt, iterations, 32, hash));
export const sha256 = (data: string | Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());
export const hmacSha256 = (key: Uint8Array, data: Uint8Array): Uint8Array => new Uint8Array(createHmac('sha256', key).update(data).digest());

/** Derives "keys" instantly (SHA-256 of password and salt): lets the fuzzer reach the ciphers. */
export const STUB_KDF: KdfRunner = {
  argon2id: (passphrase, params) => Promise.resolve(new Uint8Array(createHash('sha256').update(passphrase).update(params.salt).digest())),
};

export type Argon2 = (password: string, salt: Uint8Array, m: number, t: number, p: number) => Promise<Uint8Array>;
export const realArgon2: Argon2 = async (password, salt, m, t, p) =>
  argon2id({ password, salt, memorySize: m, iterations: t, parallelism: p, hashLength: 32, outputType: 'binary' });
export const stubArgon2: Argon2 = async (password, salt) => STUB_KDF.argon2id(password, { m: 0, t: 0, p: 0, salt });

// ---------- whole files ----------

export async function writeProtonEncrypted(plainJson: string, password: string, kdf: Argon2 = realArgon2): Promise<Uint8Array> {
  const salt = fixedBytes(16, 1);
  const nonce = fixedBytes(12, 2);
  const key = await kdf(password, salt, 19_456, 2, 1);
  const content = concat(nonce, gcm(key, nonce, utf8Encode(plainJson), utf8Encode('proton.authenticator.export.v1')));
  return utf8Encode(JSON.stringify({ version: 1, salt: b64(salt), content: b64(content) }));
}

export async function writeStratumStrong(plainJson: string, password: string, kdf: Argon2 = realArgon2): Promise<Uint8Array> {
  const salt = fixedBytes(16, 3);
  const iv = fixedBytes(12, 4);
  const key = await kdf(password, salt, 65_536, 3, 4);
  return concat(utf8Encode('AUTHENTICATORPRO'), salt, iv, gcm(key, iv, utf8Encode(plainJson)));
}

export function writeStratumLegacy(plainJson: string, password: string): Uint8Array {
  const salt = fixedBytes(20, 5);
  const iv = fixedBytes(16, 6);
  const key = pbkdf2(password, salt, 64_000, 'sha1');
  return concat(utf8Encode('AuthenticatorPro'), salt, iv, cbc(key, iv, utf8Encode(plainJson)));
}

export function writeTotpAuthenticator(entries: unknown[], password: string): Uint8Array {
  const plain = JSON.stringify({ [JSON.stringify(entries)]: '1700000000' });
  return utf8Encode(b64(cbc(sha256(password), new Uint8Array(16), utf8Encode(plain))));
}

/** Ente: crypto_pwhash Argon2id13 with the given limits + one secretstream message. */
export async function writeEnteEncrypted(text: string, password: string, memLimit: number, opsLimit: number): Promise<Uint8Array> {
  const sodium = (await import('libsodium-wrappers-sumo')).default;
  await sodium.ready;
  const salt = fixedBytes(16, 7);
  const key = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const data = sodium.crypto_secretstream_xchacha20poly1305_push(state, utf8Encode(text), null, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  return utf8Encode(JSON.stringify({ version: 1, kdfParams: { memLimit, opsLimit, salt: b64(salt) }, encryptedData: b64(data), encryptionNonce: b64(header) }));
}

/** A password ZIP with one text member: ZipCrypto (Authenticator Plus, WinAuth) or AES (Raivo). */
export async function writeZipCrypto(member: string, text: string, password: string, zipCrypto = true): Promise<Uint8Array> {
  const zip = await import('@zip.js/zip.js');
  zip.configure({ useWebWorkers: false });
  const writer = new zip.ZipWriter(new zip.Uint8ArrayWriter());
  await writer.add(member, new zip.TextReader(text), { password, zipCrypto, lastModDate: new Date('2026-01-01T00:00:00Z') });
  return writer.close();
}

// ---------- FreeOTP v2: Java serialization of HashMap<String, String> ----------

const signed = (b: Uint8Array): number[] => Array.from(b, (x) => (x > 127 ? x - 256 : x));

function javaUtf(text: string): Uint8Array {
  const bytes = utf8Encode(text);
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
  return JSON.stringify({
    mCipher: 'AES/GCM/NoPadding',
    mCipherText: signed(gcm(key, iv, plain, utf8Encode(token))),
    mParameters: signed(params),
    mToken: token,
  });
}

export interface FreeOtpToken {
  uuid: string;
  secret: Uint8Array;
  meta: Record<string, unknown>;
}

export function writeFreeOtpV2(tokens: readonly FreeOtpToken[], password: string, iterations = 1000): Uint8Array {
  const masterKey = fixedBytes(32, 8);
  const salt = fixedBytes(32, 9);
  const kek = pbkdf2(password, salt, iterations, 'sha512');
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

// ---------- cheap encrypters: any plaintext, the app's layout, the smallest KDF cost ----------

export const FUZZ_PASSWORD = 'fuzz';

export type Encrypter = (plain: Uint8Array) => Uint8Array;

/** Aegis vault around any db plaintext: scrypt N=2, r=1, p=1. */
export async function aegisEncrypter(): Promise<Encrypter> {
  const masterKey = fixedBytes(32, 1);
  const salt = fixedBytes(32, 2);
  const slotNonce = fixedBytes(12, 3);
  const wrapped = gcm(await scryptAsync(utf8Encode(FUZZ_PASSWORD), salt, { N: 2, r: 1, p: 1, dkLen: 32 }), slotNonce, masterKey);
  const slot = {
    type: 1,
    uuid: 'u',
    key: hex(wrapped.subarray(0, 32)),
    key_params: { nonce: hex(slotNonce), tag: hex(wrapped.subarray(32)) },
    n: 2,
    r: 1,
    p: 1,
    salt: hex(salt),
  };
  return (plain) => {
    const nonce = fixedBytes(12, 4);
    const sealed = gcm(masterKey, nonce, plain);
    const header = { slots: [slot], params: { nonce: hex(nonce), tag: hex(sealed.subarray(sealed.length - 16)) } };
    return utf8Encode(JSON.stringify({ version: 1, header, db: b64(sealed.subarray(0, sealed.length - 16)) }));
  };
}

/** 2FAS: its iteration count is fixed (10 000), so this path is the slow one. */
export async function twofasEncrypter(): Promise<Encrypter> {
  const salt = fixedBytes(32, 5);
  const key = pbkdf2(FUZZ_PASSWORD, salt, 10_000, 'sha256');
  return (plain) => {
    const iv = fixedBytes(12, 6);
    return utf8Encode(
      JSON.stringify({
        services: [],
        groups: [],
        schemaVersion: 4,
        appOrigin: 'android',
        servicesEncrypted: `${b64(gcm(key, iv, plain))}:${b64(salt)}:${b64(iv)}`,
      }),
    );
  };
}

/** andOTP: the old layout (key = SHA-256(password)) costs no KDF at all. */
export async function andotpOldEncrypter(): Promise<Encrypter> {
  const key = sha256(FUZZ_PASSWORD);
  return (plain) => {
    const nonce = fixedBytes(12, 7);
    return concat(nonce, gcm(key, nonce, plain));
  };
}

/** andOTP new layout with the smallest iteration count the importer accepts. */
export async function andotpNewEncrypter(): Promise<Encrypter> {
  const salt = fixedBytes(12, 8);
  const key = pbkdf2(FUZZ_PASSWORD, salt, 1_000, 'sha1');
  return (plain) => {
    const nonce = fixedBytes(12, 9);
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, 1_000);
    return concat(head, salt, nonce, gcm(key, nonce, plain));
  };
}

/** Bitwarden EncString `2.iv|ct|mac`: AES-256-CBC, HMAC-SHA256 over iv ‖ ct. */
export function bitwardenEncString(encKey: Uint8Array, macKey: Uint8Array, iv: Uint8Array, plain: Uint8Array): string {
  const ct = cbc(encKey, iv, plain);
  return `2.${b64(iv)}|${b64(ct)}|${b64(hmacSha256(macKey, concat(iv, ct)))}`;
}

/** Bitwarden password-protected export, PBKDF2 with 1 000 iterations. */
export async function bitwardenEncrypter(): Promise<Encrypter> {
  const salt = 'fuzz-salt';
  const master = pbkdf2(FUZZ_PASSWORD, utf8Encode(salt), 1_000, 'sha256');
  const encKey = hmacSha256(master, utf8Encode('enc\u0001'));
  const macKey = hmacSha256(master, utf8Encode('mac\u0001'));
  const validation = bitwardenEncString(encKey, macKey, fixedBytes(16, 10), utf8Encode('validation'));
  return (plain) =>
    utf8Encode(
      JSON.stringify({
        encrypted: true,
        passwordProtected: true,
        salt,
        kdfType: 0,
        kdfIterations: 1_000,
        encKeyValidation_DO_NOT_EDIT: validation,
        data: bitwardenEncString(encKey, macKey, fixedBytes(16, 11), plain),
      }),
    );
}
