/**
 * @file FreeOTP (v2, Android) backups, `externalBackup.xml` despite the name (docs/formats.md):
 * a Java-serialized HashMap<String, String>. "masterKey" is JSON: PBKDF2 (`mAlgorithm`,
 * `mIterations`, `mSalt`) of the password unwraps the AES-GCM master key (`mEncryptedKey`:
 * `mCipherText`, DER `mParameters` = SEQUENCE {OCTET STRING iv, INTEGER tag bytes}, AAD
 * `mToken`). Each token is `<uuid>` = {"key": <encrypted secret, same shape>} beside
 * `<uuid>-token` = plain metadata. Unlike FreeOTP+ JSON, HOTP counters are stored as they are.
 */
import { AppError, isAppError, throwIfAborted } from '../../core/errors';
import { aesGcmDecrypt, pbkdf2, requirePassword } from './crypto';
import { collectAccounts } from './drafts';
import { isRecord, parseJsonText as parseLimited, signedBytes, str } from './input';
import { freeOtpTokenLabel, freeOtpTokenToDraft } from './freeotp-plus';
import { isJavaSerialized, readJavaStringMap } from './java-serial';
import { budgetRefusal, FREEOTP_KDF, kdfNumber, refuseOver } from './kdf-limits';
import type { ImportOptions, Importer } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

const HASHES: Readonly<Record<string, 'SHA-1' | 'SHA-256' | 'SHA-512'>> = {
  pbkdf2withhmacsha1: 'SHA-1',
  pbkdf2withhmacsha256: 'SHA-256',
  pbkdf2withhmacsha512: 'SHA-512',
};

interface EncryptedKey {
  iv: Uint8Array;
  ct: Uint8Array;
  aad: Uint8Array;
}

/** The JSON strings the map holds; anything else is 'import/damaged'. */
function parseJsonText(text: string): unknown {
  const json = parseLimited(text);
  if (json === undefined) throw new AppError('import/damaged');
  return json;
}

/**
 * javax GCMParameterSpec's DER: SEQUENCE { OCTET STRING iv, INTEGER tag bytes }; older Android
 * (API 23) writes the bare OCTET STRING, with the default 128-bit tag.
 */
function gcmParameters(der: Uint8Array): Uint8Array {
  const bare = der[0] === 0x04;
  const start = bare ? 0 : 2;
  if ((!bare && (der[0] !== 0x30 || der[1] !== der.length - 2)) || der[start] !== 0x04) throw new AppError('import/damaged');
  const ivLength = der[start + 1] ?? 0;
  const iv = der.subarray(start + 2, start + 2 + ivLength);
  const rest = der.subarray(start + 2 + ivLength);
  if (iv.length !== ivLength || ivLength < 8) throw new AppError('import/damaged');
  if (bare ? rest.length !== 0 : rest.length !== 3 || rest[0] !== 0x02 || rest[1] !== 1 || rest[2] !== 16) throw new AppError('import/unsupported');
  return iv;
}

function encryptedKey(value: unknown): EncryptedKey {
  if (!isRecord(value)) throw new AppError('import/damaged');
  if (!/^AES\/GCM\/NoPadding$/i.test(str(value.mCipher))) throw new AppError('import/unsupported');
  const ct = signedBytes(value.mCipherText);
  const params = signedBytes(value.mParameters, 64);
  if (ct === null || params === null || ct.length < 16) throw new AppError('import/damaged');
  return { iv: gcmParameters(params), ct, aad: utf8Encode(str(value.mToken)) };
}

/** The `masterKey` entry's JSON: PBKDF2 parameters and the wrapped master key. */
function masterKeyOf(map: ReadonlyMap<string, string>): Record<string, unknown> {
  const masterKeyJson = map.get('masterKey');
  if (masterKeyJson === undefined) throw new AppError('import/damaged');
  const mk = parseJsonText(masterKeyJson);
  if (!isRecord(mk)) throw new AppError('import/damaged');
  return mk;
}

/**
 * The KDF budget (kdf-limits.ts), before any KDF runs and before the password is asked for: at
 * most the iterations FreeOTP writes. One derivation per file (the tokens' keys are unwrapped
 * with the master key, no KDF).
 */
function checkFreeOtpKdf(mk: Record<string, unknown>): void {
  refuseOver(kdfNumber(mk.mIterations) > FREEOTP_KDF.iterations, 'import/kdf-freeotp');
}

async function unwrapMasterKey(mk: Record<string, unknown>, password: string): Promise<Uint8Array> {
  const hash = HASHES[str(mk.mAlgorithm).toLowerCase()];
  if (hash === undefined) throw new AppError('import/unsupported');
  const iterations = typeof mk.mIterations === 'number' ? mk.mIterations : -1;
  const salt = signedBytes(mk.mSalt, 1024);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || salt === null) throw new AppError('import/damaged');
  const wrapped = encryptedKey(mk.mEncryptedKey);
  const kek = await pbkdf2(utf8Encode(password), salt, iterations, hash, 32);
  try {
    return await aesGcmDecrypt(kek, wrapped.iv, wrapped.ct, wrapped.aad);
  } finally {
    kek.fill(0);
  }
}

async function decryptSecret(keyJson: string | undefined, masterKey: Uint8Array): Promise<Uint8Array | null> {
  if (keyJson === undefined) return null;
  try {
    const outer = parseJsonText(keyJson);
    if (!isRecord(outer) || typeof outer.key !== 'string') return null;
    const enc = encryptedKey(parseJsonText(outer.key));
    return await aesGcmDecrypt(masterKey, enc.iv, enc.ct, enc.aad);
  } catch (err) {
    if (isAppError(err) && err.code === 'import/unsupported') throw err;
    return null;
  }
}

export const freeOtpV2Importer: Importer = {
  id: 'freeotp-v2',
  label: 'FreeOTP (backup)',
  sniff(input) {
    if (!isJavaSerialized(input.bytes)) return null;
    // Over the KDF budget: refused at once, before the import screen asks for a password.
    return { encrypted: true, ...budgetRefusal(() => checkFreeOtpKdf(masterKeyOf(readJavaStringMap(input.bytes)))) };
  },
  async read(input, options: ImportOptions) {
    const map = readJavaStringMap(input.bytes);
    const mk = masterKeyOf(map);
    checkFreeOtpKdf(mk);
    const password = requirePassword(options.password);
    throwIfAborted(options.signal);
    const masterKey = await unwrapMasterKey(mk, password);
    const tokens: { meta: unknown; secret: Uint8Array | null }[] = [];
    try {
      for (const [key, value] of map) {
        if (!key.endsWith('-token')) continue;
        let meta: unknown;
        try {
          meta = parseLimited(value) ?? null;
        } catch {
          meta = null; // nested too deeply: this token is a problem, not the whole file
        }
        tokens.push({ meta, secret: await decryptSecret(map.get(key.slice(0, -'-token'.length)), masterKey) });
      }
    } finally {
      masterKey.fill(0);
    }
    return collectAccounts(
      'freeotp-v2',
      tokens,
      (t) => ({ data: freeOtpTokenToDraft(t.meta, t.secret) }),
      (t, i) => freeOtpTokenLabel(t.meta, i),
    );
  },
};
