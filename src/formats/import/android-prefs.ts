/**
 * @file Apps without an export whose accounts sit in an Android SharedPreferences file
 * (android-xml.ts; docs/formats.md): FreeOTP and FreeOTP+ (`tokens.xml`: one JSON token per
 * entry and a `tokenOrder`), TOTP Authenticator (`STATIC_TOTP_CODES_LIST`) and Battle.net
 * Authenticator (a serial and a device secret, XOR-masked). Authy's file is in authy.ts.
 */
import { AppError } from '../../core/errors';
import { accountDraft, bytesToSecretB32, collectAccounts } from './drafts';
import { freeOtpTokenLabel, freeOtpTokenToDraft } from './freeotp-plus';
import { hexToBytes, isRecord, parseJsonText, requireText, signedBytes, typed } from './input';
import { hasPref, isSharedPrefs, readSharedPrefs } from './android-xml';
import { readTotpAuthenticatorEntries } from './totp-authenticator';
import type { ImportResult, Importer } from './types';

// ---------- FreeOTP (v1) and FreeOTP+ ----------

/** A token's JSON: an object whose `secret` is an array of signed bytes. */
function tokenOf(value: string | undefined): Record<string, unknown> | null {
  if (value === undefined || !value.trimStart().startsWith('{')) return null;
  const json = parseJsonText(value);
  return isRecord(json) && Array.isArray(json.secret) ? json : null;
}

/** Tokens in the app's order (`tokenOrder`), then any it left out of the order. */
function freeOtpTokens(prefs: Map<string, string>): Record<string, unknown>[] {
  const order = parseJsonText(prefs.get('tokenOrder') ?? '[]');
  const names = Array.isArray(order) ? order.filter((n): n is string => typeof n === 'string') : [];
  const seen = new Set<string>();
  const out: Record<string, unknown>[] = [];
  for (const name of [...names, ...prefs.keys()]) {
    if (seen.has(name) || name === 'tokenOrder') continue;
    seen.add(name);
    const token = tokenOf(prefs.get(name));
    if (token !== null) out.push(token);
  }
  return out;
}

export const freeOtpXmlImporter: Importer = {
  id: 'freeotp-xml',
  label: 'FreeOTP / FreeOTP+ (app data)',
  sniff({ text }) {
    // Both apps write the same tokens.xml; the escaped `"secret":[` marks a token.
    return isSharedPrefs(text) && hasPref(text, 'tokenOrder') && text.includes('&quot;secret&quot;:[') ? { encrypted: false } : null;
  },
  async read(input) {
    const prefs = await readSharedPrefs(requireText(input));
    // FreeOTP stores the counter of the last code shown, as its JSON backups do: kept as written.
    return typed(() =>
      collectAccounts('freeotp-xml', freeOtpTokens(prefs), (t) => ({ data: freeOtpTokenToDraft(t, signedBytes(t.secret)) }), freeOtpTokenLabel),
    );
  },
};

// ---------- TOTP Authenticator ----------

const TOTP_AUTHENTICATOR_LIST = 'STATIC_TOTP_CODES_LIST';

export const totpAuthenticatorXmlImporter: Importer = {
  id: 'totp-authenticator-xml',
  label: 'TOTP Authenticator (app data)',
  sniff({ text }) {
    return isSharedPrefs(text) && hasPref(text, TOTP_AUTHENTICATOR_LIST) ? { encrypted: false } : null;
  },
  async read(input) {
    const prefs = await readSharedPrefs(requireText(input));
    const list = parseJsonText(prefs.get(TOTP_AUTHENTICATOR_LIST) ?? '');
    if (!Array.isArray(list)) throw new AppError('import/damaged');
    return typed(() => readTotpAuthenticatorEntries('totp-authenticator-xml', list));
  },
};

// ---------- Battle.net Authenticator ----------

const BLIZZARD = 'com.blizzard.messenger.';
const SECRET = `${BLIZZARD}AUTHENTICATOR_DEVICE_SECRET`;
const SERIAL = `${BLIZZARD}AUTHENTICATOR_SERIAL`;
const ENCRYPTION = `${BLIZZARD}AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE`;
/** The fixed mask the app XORs its values with ("MASK" encryption): a constant of the app, not a key. */
const MASK =
  hexToBytes('398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a') ?? new Uint8Array();

/** A masked value: hex of (ASCII text XOR the mask); null when it is not that. */
function unmask(hex: string | undefined): string | null {
  const bytes = hexToBytes(hex ?? '');
  if (bytes === null || bytes.length === 0 || bytes.length > MASK.length) return null;
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode((bytes[i] ?? 0) ^ (MASK[i] ?? 0));
  return out;
}

/** "US221120503346" → "US-2211-2050-3346", as the app shows it. */
function serialLabel(serial: string): string {
  const m = /^([A-Z]{2})(\d{4})(\d{4})(\d{4})$/.exec(serial);
  return m === null ? serial : `${m[1]}-${m[2]}-${m[3]}-${m[4]}`;
}

function readBattleNet(prefs: Map<string, string>): ImportResult {
  const kind = prefs.get(ENCRYPTION) ?? 'MASK';
  return collectAccounts(
    'battlenet-xml',
    [prefs],
    () => {
      // Other kinds keep the secret under the phone's Android Keystore, which a copy cannot open.
      if (kind !== 'MASK') throw new AppError('import/keystore-secret');
      const secretHex = unmask(prefs.get(SECRET));
      const secret = secretHex === null || !/^[0-9a-fA-F]{40}$/.test(secretHex) ? null : hexToBytes(secretHex);
      if (secret === null) throw new AppError('account/invalid-secret', { field: 'secret' });
      const serial = unmask(prefs.get(SERIAL)) ?? '';
      // Blizzard's authenticator is TOTP SHA-1 with 8 digits every 30 s.
      const data = accountDraft('totp', {
        issuer: 'Battle.net',
        name: serialLabel(serial.replace(/[^A-Za-z0-9]/g, '')),
        secretB32: bytesToSecretB32(secret),
        digits: 8,
      });
      return { data };
    },
    () => 'Battle.net',
  );
}

export const battleNetXmlImporter: Importer = {
  id: 'battlenet-xml',
  label: 'Battle.net Authenticator (app data)',
  sniff({ text }) {
    return isSharedPrefs(text) && hasPref(text, SECRET) ? { encrypted: false } : null;
  },
  async read(input) {
    const prefs = await readSharedPrefs(requireText(input));
    return typed(() => readBattleNet(prefs));
  },
};
