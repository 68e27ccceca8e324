/**
 * Seeds and cheap encrypters for a-fuzz.test.ts (not a test file itself): the committed fixtures
 * as seeds, and each app's encryption with the smallest KDF cost, so that fuzzed plaintexts can go
 * through the full decrypting path thousands of times.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';

const enc = new TextEncoder();
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (seed * 37 + i * 11) & 0xff);

async function gcmKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt']);
}

async function gcm(key: CryptoKey, iv: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, key, plain as Uint8Array<ArrayBuffer>));
}

async function pbkdf2(password: string, salt: Uint8Array, iterations: number, hash: string): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', salt: salt as Uint8Array<ArrayBuffer>, iterations, hash }, base, 256));
}

export const FUZZ_PASSWORD = 'fuzz';

export interface Encrypter {
  (plain: Uint8Array): Promise<Uint8Array>;
}

/** Aegis vault around any db plaintext: scrypt N=2, r=1, p=1. */
export async function aegisEncrypter(): Promise<Encrypter> {
  const masterRaw = bytes(32, 1);
  const salt = bytes(32, 2);
  const slotNonce = bytes(12, 3);
  const kek = await gcmKey(await scryptAsync(enc.encode(FUZZ_PASSWORD), salt, { N: 2, r: 1, p: 1, dkLen: 32 }));
  const wrapped = await gcm(kek, slotNonce, masterRaw);
  const master = await gcmKey(masterRaw);
  const slot = { type: 1, uuid: 'u', key: hex(wrapped.subarray(0, 32)), key_params: { nonce: hex(slotNonce), tag: hex(wrapped.subarray(32)) }, n: 2, r: 1, p: 1, salt: hex(salt) };
  return async (plain) => {
    const nonce = bytes(12, 4);
    const sealed = await gcm(master, nonce, plain);
    const header = { slots: [slot], params: { nonce: hex(nonce), tag: hex(sealed.subarray(sealed.length - 16)) } };
    return enc.encode(JSON.stringify({ version: 1, header, db: b64(sealed.subarray(0, sealed.length - 16)) }));
  };
}

/** 2FAS: its iteration count is fixed (10 000), so this path is the slow one. */
export async function twofasEncrypter(): Promise<Encrypter> {
  const salt = bytes(32, 5);
  const key = await gcmKey(await pbkdf2(FUZZ_PASSWORD, salt, 10_000, 'SHA-256'));
  return async (plain) => {
    const iv = bytes(12, 6);
    const ct = await gcm(key, iv, plain);
    return enc.encode(JSON.stringify({ services: [], groups: [], schemaVersion: 4, appOrigin: 'android', servicesEncrypted: `${b64(ct)}:${b64(salt)}:${b64(iv)}` }));
  };
}

/** andOTP: the old layout (key = SHA-256(password)) costs no KDF at all. */
export async function andotpOldEncrypter(): Promise<Encrypter> {
  const key = await gcmKey(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(FUZZ_PASSWORD))));
  return async (plain) => {
    const nonce = bytes(12, 7);
    return Uint8Array.from([...nonce, ...(await gcm(key, nonce, plain))]);
  };
}

/** andOTP new layout with the smallest iteration count the importer accepts. */
export async function andotpNewEncrypter(): Promise<Encrypter> {
  const salt = bytes(12, 8);
  const key = await gcmKey(await pbkdf2(FUZZ_PASSWORD, salt, 1_000, 'SHA-1'));
  return async (plain) => {
    const nonce = bytes(12, 9);
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, 1_000);
    return Uint8Array.from([...head, ...salt, ...nonce, ...(await gcm(key, nonce, plain))]);
  };
}

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data as Uint8Array<ArrayBuffer>));
}

/** Bitwarden password-protected export, PBKDF2 with 1 000 iterations. */
export async function bitwardenEncrypter(): Promise<Encrypter> {
  const salt = 'fuzz-salt';
  const master = await pbkdf2(FUZZ_PASSWORD, enc.encode(salt), 1_000, 'SHA-256');
  const encKey = await crypto.subtle.importKey('raw', (await hmac(master, enc.encode('enc\u0001'))) as Uint8Array<ArrayBuffer>, 'AES-CBC', false, ['encrypt']);
  const macKey = await hmac(master, enc.encode('mac\u0001'));
  const encString = async (plain: Uint8Array, seed: number): Promise<string> => {
    const iv = bytes(16, seed);
    const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: iv as Uint8Array<ArrayBuffer> }, encKey, plain as Uint8Array<ArrayBuffer>));
    return `2.${b64(iv)}|${b64(ct)}|${b64(await hmac(macKey, Uint8Array.from([...iv, ...ct])))}`;
  };
  const validation = await encString(enc.encode('validation'), 10);
  return async (plain) =>
    enc.encode(
      JSON.stringify({ encrypted: true, passwordProtected: true, salt, kdfType: 0, kdfIterations: 1_000, encKeyValidation_DO_NOT_EDIT: validation, data: await encString(plain, 11) }),
    );
}
