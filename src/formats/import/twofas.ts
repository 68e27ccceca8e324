/**
 * @file 2FAS Authenticator backups (`.2fas`, also `.json` in schema 1), schema versions 1–4.
 * Plain: `services` array. Encrypted (schema ≥ 2): `servicesEncrypted` =
 * base64(ciphertext‖tag) ":" base64(salt) ":" base64(iv), key = PBKDF2-HMAC-SHA256(password,
 * salt, 10 000, 32 bytes), AES-256-GCM; the plaintext is the JSON `services` array.
 * The service `name` is what 2FAS shows (the user may have renamed it): it is our issuer, even
 * where `otp.issuer` / `otp.link` still hold the originally scanned values.
 */
import { aesGcmDecrypt, pbkdf2, requirePassword } from './crypto';
import { accountDraft, collectAccounts, entryLabel } from './drafts';
import { base64ToBytes, decryptedJson, hashAlgorithm, int, isRecord, lookup, str } from './input';
import type { OtpType } from '../../core/account';
import { AppError, throwIfAborted } from '../../core/errors';
import type { Importer, ImportOptions, ImportResult } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

const MAX_SCHEMA = 4;
const PBKDF2_ITERATIONS = 10_000;
const TOKEN_TYPES: Readonly<Record<string, OtpType>> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };

function backupOf(json: unknown): Record<string, unknown> | null {
  if (!isRecord(json)) return null;
  const hasServices = Array.isArray(json.services) || typeof json.servicesEncrypted === 'string';
  const looks2fas = typeof json.schemaVersion === 'number' || typeof json.appOrigin === 'string' || typeof json.servicesEncrypted === 'string';
  return hasServices && looks2fas ? json : null;
}

/**
 * An object whose text names `services` (or `servicesEncrypted`) and one of 2FAS's own fields
 * near the top: a 2FAS backup cut off or damaged when it does not parse. Android writes the
 * services first, each with an `otp` object; older and iOS backups start with `appOrigin` or
 * `schemaVersion`.
 */
function looksLike2fas(text: string): boolean {
  const head = text.slice(0, 65_536);
  return /^\s*\{/.test(head) && /"services(?:Encrypted)?"\s*:/.test(head) && /"(?:schemaVersion|appOrigin|servicesEncrypted)"\s*:|"otp"\s*:\s*\{/.test(head);
}

function isEncrypted(backup: Record<string, unknown>): boolean {
  return typeof backup.servicesEncrypted === 'string' && backup.servicesEncrypted !== '';
}

async function decryptServices(backup: Record<string, unknown>, options: ImportOptions): Promise<unknown> {
  const password = requirePassword(options.password);
  const parts = str(backup.servicesEncrypted).split(':');
  if (parts.length !== 3) throw new AppError('import/damaged');
  const [ct, salt, iv] = parts.map((p) => base64ToBytes(p));
  if (ct === null || salt === null || iv === null || ct === undefined || salt === undefined || iv === undefined || ct.length < 16 || iv.length === 0) {
    throw new AppError('import/damaged');
  }
  throwIfAborted(options.signal);
  const key = await pbkdf2(utf8Encode(password), salt, PBKDF2_ITERATIONS, 'SHA-256', 32);
  throwIfAborted(options.signal);
  let plain: Uint8Array;
  try {
    plain = await aesGcmDecrypt(key, iv, ct);
  } finally {
    key.fill(0);
  }
  return decryptedJson(plain);
}

function groupNames(backup: Record<string, unknown>): Map<string, string> {
  const names = new Map<string, string>();
  if (Array.isArray(backup.groups)) for (const g of backup.groups) if (isRecord(g) && typeof g.id === 'string') names.set(g.id, str(g.name));
  return names;
}

/** Maps the (decrypted) services array. Exported for the fuzz tests. */
export function readTwofasServices(services: unknown, groups: Map<string, string>): ImportResult {
  if (!Array.isArray(services)) throw new AppError('import/damaged');
  return collectAccounts(
    '2fas',
    services as unknown[],
    (raw) => {
      if (!isRecord(raw)) throw new AppError('import/damaged');
      const otp = isRecord(raw.otp) ? raw.otp : {};
      // Schema 1 and 2 have no tokenType: 2FAS read every entry as TOTP.
      const tokenType = str(otp.tokenType, 'TOTP').toUpperCase();
      const type = lookup(TOKEN_TYPES, tokenType);
      if (type === undefined) throw new AppError('import/unsupported');
      const issuer = str(raw.name).trim() || str(otp.issuer);
      const draft = accountDraft(type, { issuer, name: str(otp.account), secretB32: str(raw.secret) });
      if (type !== 'steam') {
        const algorithm = otp.algorithm === undefined || otp.algorithm === null || otp.algorithm === '' ? 'SHA1' : hashAlgorithm(otp.algorithm);
        if (algorithm === null) throw new AppError('account/invalid-algorithm');
        draft.algorithm = algorithm;
        draft.digits = int(otp.digits, draft.digits);
      }
      if (type !== 'hotp') draft.period = int(otp.period, draft.period);
      if (type === 'hotp') draft.counter = int(otp.counter, 0);
      const groupId = str(raw.groupId);
      return { data: draft, extras: { groups: groupId === '' ? [] : [groups.get(groupId) ?? ''] } };
    },
    (raw, i) => (isRecord(raw) ? entryLabel(str(raw.name), isRecord(raw.otp) ? str(raw.otp.account) : '', i) : `#${i + 1}`),
  );
}

export const twofasImporter: Importer = {
  id: '2fas',
  label: '2FAS Authenticator',
  sniff(input) {
    const backup = backupOf(input.json);
    return backup === null ? null : { encrypted: isEncrypted(backup) };
  },
  async read(input, options) {
    const backup = backupOf(input.json);
    if (backup === null) throw new AppError('import/damaged');
    if (int(backup.schemaVersion, 1) > MAX_SCHEMA) throw new AppError('import/unsupported');
    const services = isEncrypted(backup) ? await decryptServices(backup, options) : backup.services;
    return readTwofasServices(services, groupNames(backup));
  },
  damagedText: { code: 'import/truncated-2fas', matches: looksLike2fas },
};
