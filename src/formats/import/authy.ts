/**
 * @file Authy's accounts file on Android (docs/formats.md), `shared_prefs/
 * com.authy.storage.tokens.authenticator.xml`, from a rooted phone or a device backup: one
 * SharedPreferences string holding a JSON array of tokens. Each has `decryptedSecret` (base32),
 * or, with Authy's backups password, `encryptedSecret`: base64 of AES-256-CBC (PKCS#7) under
 * PBKDF2-HMAC-SHA1(password, UTF-8 of `salt`, `key_derivation_iterations` or 1000, 32 bytes),
 * with the IV `unique_iv` (hex) or 16 zero bytes; the plaintext is the base32 secret. Authy keeps
 * no algorithm or period: its third-party codes are SHA-1 every 30 s, with `digits` as stored.
 * Authy's own tokens (`…tokens.authy.key`, Twitch and the like) are not in this file's list.
 */
import { utf8Encode } from '../../core/crypto/bytes';
import { decodeBase32 } from '../../core/base32';
import { AppError, throwIfAborted } from '../../core/errors';
import { aesCbcDecrypt, pbkdf2, requirePassword } from './crypto';
import { accountDraft, canonicalB32, collectAccounts, entryLabel } from './drafts';
import { base64ToBytes, decodeText, hexToBytes, int, isRecord, parseJsonText, requireText, str, typed } from './input';
import { hasPref, isSharedPrefs, readSharedPrefs } from './android-xml';
import type { ImportOptions, ImportResult, Importer } from './types';

const TOKENS = 'com.authy.storage.tokens.authenticator.key';
/** Authy uses 1,000 (older) or 100,000 rounds; far beyond is a damaged or crafted file. */
const MAX_ITERATIONS = 1_000_000;
/**
 * Every token has its own salt, so each costs a derivation: the whole file may ask for what 500
 * tokens at Authy's 100,000 rounds would, checked before the first one runs.
 */
const MAX_TOTAL_ITERATIONS = 50_000_000;

/** Issuer and name: `originalIssuer`, else the part before ':' of `originalName`; the name without the issuer's prefix. */
function names(t: Record<string, unknown>): { issuer: string; name: string } {
  const original = str(t.originalName);
  const colon = original.indexOf(':');
  const issuer = (str(t.originalIssuer) || (colon > 0 ? original.slice(0, colon) : '')).trim();
  let name = str(t.name).trim();
  for (const sep of [':', ' - ']) {
    if (issuer !== '' && name.startsWith(issuer + sep)) name = name.slice(issuer.length + sep.length).trim();
  }
  if (name === '' && colon > 0) name = original.slice(colon + 1).trim();
  return { issuer, name };
}

/** Decrypts one `encryptedSecret`; null when the key does not open it (bad padding, or not base32 text). */
async function decryptSecret(t: Record<string, unknown>, password: string): Promise<string | null> {
  const ct = base64ToBytes(str(t.encryptedSecret));
  const iterations = int(t.key_derivation_iterations, 1000);
  if (ct === null || ct.length === 0 || ct.length % 16 !== 0 || iterations > MAX_ITERATIONS) throw new AppError('import/damaged');
  const ivText = str(t.unique_iv);
  const iv = ivText === '' ? new Uint8Array(16) : (hexToBytes(ivText) ?? base64ToBytes(ivText));
  if (iv === null || iv.length !== 16) throw new AppError('import/damaged');
  const key = await pbkdf2(utf8Encode(password), utf8Encode(str(t.salt)), iterations, 'SHA-1', 32);
  try {
    const plain = await aesCbcDecrypt(key, iv, ct);
    const secret = decodeText(plain);
    plain.fill(0);
    return secret !== null && decodeBase32(secret.trim().replace(/=+$/, '').toUpperCase()) !== null ? secret.trim() : null;
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

async function readAuthy(tokens: unknown[], options: ImportOptions): Promise<ImportResult> {
  const total = tokens.reduce<number>(
    (sum, t) => sum + (isRecord(t) && str(t.decryptedSecret) === '' && str(t.encryptedSecret) !== '' ? Math.max(0, int(t.key_derivation_iterations, 1000)) : 0),
    0,
  );
  if (total > MAX_TOTAL_ITERATIONS) throw new AppError('import/damaged');
  const secrets = new Map<number, string>();
  let locked = 0;
  for (const [i, t] of tokens.entries()) {
    if (!isRecord(t)) continue;
    const plain = str(t.decryptedSecret);
    if (plain !== '') secrets.set(i, plain);
    else if (str(t.encryptedSecret) !== '') {
      const password = requirePassword(options.password);
      throwIfAborted(options.signal);
      const secret = await decryptSecret(t, password);
      if (secret === null) locked++;
      else secrets.set(i, secret);
    }
  }
  // Every token under one password: none opening is a wrong password, not n damaged entries.
  if (locked > 0 && secrets.size === 0) throw new AppError('import/wrong-password');
  return collectAccounts(
    'authy-xml',
    tokens,
    (t, i) => {
      if (!isRecord(t)) throw new AppError('import/damaged');
      const secret = secrets.get(i);
      if (secret === undefined) throw new AppError(str(t.encryptedSecret) === '' ? 'account/invalid-secret' : 'import/wrong-password');
      return { data: accountDraft('totp', { ...names(t), secretB32: canonicalB32(secret), digits: int(t.digits, 6) }) };
    },
    (t, i) => (isRecord(t) ? entryLabel(names(t).issuer, names(t).name, i) : `#${i + 1}`),
  );
}

export const authyXmlImporter: Importer = {
  id: 'authy-xml',
  label: 'Authy (app data)',
  sniff({ text }) {
    if (!isSharedPrefs(text) || !hasPref(text, TOKENS)) return null;
    return { encrypted: text.includes('encryptedSecret') && !text.includes('decryptedSecret') };
  },
  async read(input, options) {
    const prefs = await readSharedPrefs(requireText(input));
    const tokens = parseJsonText(prefs.get(TOKENS) ?? '');
    if (!Array.isArray(tokens)) throw new AppError('import/damaged');
    return typed(() => readAuthy(tokens, options));
  },
};
