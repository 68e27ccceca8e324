/**
 * @file From entries to an ImportResult: an account draft with the type's defaults, secrets in
 * the canonical base32 Omamori stores, the label a user recognises an entry by, and
 * `collectAccounts`, which validates every draft and turns a bad entry into a problem instead of
 * failing the whole file.
 */
import { DEFAULTS, validateAccount, type AccountData, type OtpType } from '../../core/account';
import { decodeBase32, encodeBase32 } from '../../core/base32';
import { AppError, isAppError } from '../../core/errors';
import type { ImportedAccount, ImportProblem, ImportResult } from './types';

/** An account with the type's defaults for whatever the source did not say. */
export function accountDraft(type: OtpType, fields: Partial<AccountData>): AccountData {
  const d = DEFAULTS[type];
  return { type, issuer: '', name: '', secretB32: '', algorithm: d.algorithm, digits: d.digits, period: d.period, counter: 0, pin: '', ...fields };
}

/** A bare base32 key (Bitwarden's login.totp, 2FAS's secret): TOTP SHA1/6/30. */
export function bareSecretDraft(secret: string, issuer: string, name: string): AccountData {
  return accountDraft('totp', { issuer, name, secretB32: secret });
}

/** `steam://<base32>` as Bitwarden and others store Steam Guard keys. */
export function steamUriSecret(text: string): string | null {
  const m = /^steam:\/\/(.+)$/i.exec(text.trim());
  return m === null ? null : (m[1] ?? '').trim();
}

/** Bytes as the canonical base32 Omamori stores; throws 'account/invalid-secret' when empty. */
export function bytesToSecretB32(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new AppError('account/invalid-secret', { field: 'secret' });
  return encodeBase32(bytes);
}

/**
 * Re-encodes a base32 secret so that unused trailing bits are zero ('…STEAM' → '…STEAA'):
 * what the secret's bytes really are. Invalid text is returned unchanged for validation to refuse.
 */
export function canonicalB32(text: string): string {
  const compact = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  const bytes = decodeBase32(compact);
  return bytes === null || bytes.length === 0 ? compact : encodeBase32(bytes);
}

/**
 * What a user recognises an entry by, in the import preview's problem list (and in an export's
 * list of skipped accounts): "Issuer (name)", one of them, or "#<position>" when it has neither.
 */
export function entryLabel(issuer: string, name: string, index: number): string {
  const i = issuer.trim();
  const n = name.trim();
  if (i !== '' && n !== '') return `${i} (${n})`;
  if (i !== '' || n !== '') return i || n;
  return `#${index + 1}`;
}

export interface DraftExtras {
  groups?: readonly string[];
  notes?: string;
  favourite?: boolean;
}

/**
 * Builds the result from raw entries: `toDraft` maps one entry (or throws an AppError for an
 * entry it cannot use); each draft is validated; failures become problems with the entry's label.
 */
export function collectAccounts<T>(
  format: string,
  entries: readonly T[],
  toDraft: (entry: T, index: number) => { data: AccountData; extras?: DraftExtras },
  labelOf: (entry: T, index: number) => string,
): ImportResult {
  const accounts: ImportedAccount[] = [];
  const problems: ImportProblem[] = [];
  entries.forEach((entry, index) => {
    try {
      const { data, extras } = toDraft(entry, index);
      const valid = validateAccount(data);
      accounts.push({
        ...valid,
        groups: [...new Set((extras?.groups ?? []).map((g) => g.trim()).filter((g) => g !== ''))],
        notes: extras?.notes ?? '',
        favourite: extras?.favourite ?? false,
      });
    } catch (err) {
      let label: string;
      try {
        label = labelOf(entry, index);
      } catch {
        label = `#${index + 1}`;
      }
      problems.push({ label, code: isAppError(err) ? err.code : 'import/damaged' });
    }
  });
  if (accounts.length === 0 && problems.length === 0) throw new AppError('import/no-accounts');
  return { format, accounts, problems };
}
