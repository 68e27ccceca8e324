/**
 * @file Raivo OTP's JSON (docs/formats.md; the `raivo-otp-export.json` inside its export ZIP):
 * an array of `{issuer, account, secret, algorithm, digits, timer, counter, kind, pinned}`,
 * every value a string.
 */
import type { OtpType } from '../../core/account';
import { AppError } from '../../core/errors';
import { accountDraft, canonicalB32, collectAccounts, entryLabel } from './drafts';
import { hashAlgorithm, int, isRecord, requireJson, str, typed } from './input';
import type { ImportResult, Importer } from './types';

const TYPES: Readonly<Record<string, OtpType>> = { totp: 'totp', hotp: 'hotp' };

function isRaivo(json: unknown): json is unknown[] {
  return Array.isArray(json) && json.length > 0 && json.every((e) => isRecord(e) && 'secret' in e && 'kind' in e && ('timer' in e || 'account' in e));
}

export function readRaivo(json: unknown): ImportResult {
  if (!isRaivo(json)) throw new AppError('import/damaged');
  return collectAccounts(
    'raivo',
    json,
    (e) => {
      if (!isRecord(e)) throw new AppError('import/damaged');
      const type = TYPES[str(e.kind, 'TOTP').toLowerCase()];
      if (type === undefined) throw new AppError('import/unsupported');
      const algorithm = e.algorithm === undefined ? 'SHA1' : hashAlgorithm(e.algorithm);
      if (algorithm === null) throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
      const data = accountDraft(type, {
        issuer: str(e.issuer),
        name: str(e.account),
        secretB32: canonicalB32(str(e.secret)),
        algorithm,
        digits: int(e.digits, 6),
        period: int(e.timer, 30),
        counter: int(e.counter, 0),
      });
      return { data, extras: { favourite: e.pinned === true || str(e.pinned).toLowerCase() === 'true' } };
    },
    (e, i) => (isRecord(e) ? entryLabel(str(e.issuer), str(e.account), i) : `#${i + 1}`),
  );
}

export const raivoImporter: Importer = {
  id: 'raivo',
  label: 'Raivo OTP',
  sniff(input) {
    return isRaivo(input.json) ? { encrypted: false } : null;
  },
  async read(input) {
    const json = requireJson(input);
    return typed(() => readRaivo(json));
  },
};
