/**
 * @file FreeOTP+ JSON backup (docs/formats.md): `{tokens[], tokenOrder[]}`, each token with the
 * secret as Java signed bytes, `algo`, `digits`, `period`, `type`, `issuerExt`/`issuerInt`,
 * `label`. HOTP `counter` is the last one FreeOTP used (one below the next code's): imported as
 * written.
 */
import type { OtpType } from '../../core/account';
import { AppError } from '../../core/errors';
import { accountDraft, bytesToSecretB32, collectAccounts, entryLabel } from './drafts';
import { hashAlgorithm, int, isRecord, requireJson, signedBytes, str, typed } from './input';
import type { ImportResult, Importer } from './types';

const TYPES: Readonly<Record<string, OtpType>> = { totp: 'totp', hotp: 'hotp', steam: 'steam' };

function isFreeOtpPlus(json: unknown): json is { tokens: unknown[] } {
  return (
    isRecord(json) &&
    Array.isArray(json.tokens) &&
    (Array.isArray(json.tokenOrder) || (json.tokens.length > 0 && json.tokens.every((t) => isRecord(t) && Array.isArray(t.secret))))
  );
}

function issuerOf(t: Record<string, unknown>): string {
  const ext = str(t.issuerExt).trim();
  return ext !== '' ? ext : str(t.issuerInt);
}

/** One FreeOTP token (FreeOTP+ JSON, and the token metadata of FreeOTP v2 backups). */
export function freeOtpTokenToDraft(t: unknown, secret: Uint8Array | null, counterOffset = 0) {
  if (!isRecord(t)) throw new AppError('import/damaged');
  const type = TYPES[str(t.type, 'TOTP').toLowerCase()];
  if (type === undefined) throw new AppError('import/unsupported');
  if (secret === null) throw new AppError('account/invalid-secret', { field: 'secret' });
  const d = accountDraft(type, {});
  const algorithm = t.algo === undefined || t.algo === null ? 'SHA1' : hashAlgorithm(t.algo);
  if (algorithm === null) throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
  return accountDraft(type, {
    issuer: issuerOf(t),
    name: str(t.label),
    secretB32: bytesToSecretB32(secret),
    algorithm,
    digits: int(t.digits, d.digits),
    period: int(t.period, d.period),
    counter: int(t.counter, 0) + counterOffset,
  });
}

export function freeOtpTokenLabel(t: unknown, index: number): string {
  return isRecord(t) ? entryLabel(issuerOf(t), str(t.label), index) : `#${index + 1}`;
}

function readFreeOtpPlus(json: unknown): ImportResult {
  if (!isFreeOtpPlus(json)) throw new AppError('import/damaged');
  return collectAccounts('freeotp-plus', json.tokens, (t) => ({ data: freeOtpTokenToDraft(t, isRecord(t) ? signedBytes(t.secret) : null) }), freeOtpTokenLabel);
}

export const freeOtpPlusImporter: Importer = {
  id: 'freeotp-plus',
  label: 'FreeOTP+',
  sniff(input) {
    return isFreeOtpPlus(input.json) ? { encrypted: false } : null;
  },
  async read(input) {
    const json = requireJson(input);
    return typed(() => readFreeOtpPlus(json));
  },
};
