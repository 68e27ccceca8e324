/** @file Helpers shared by the exporters. */
import { validateAccount, type AccountData } from '../../core/account';
import { AppError, isAppError } from '../../core/errors';
import { entryLabel } from '../import/drafts';
import type { ExportAccount, ExportSkip, RecoveryCode } from './types';

export function requireExportPassword(password: string | undefined): string {
  if (password === undefined || password === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
  return password;
}

/** Only the AccountData keys, checked and canonical: a file we write must open. */
function accountDataOf(a: ExportAccount): AccountData {
  return validateAccount({
    type: a.type,
    issuer: a.issuer,
    name: a.name,
    secretB32: a.secretB32,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter,
    pin: a.pin,
  });
}

export interface Checked {
  account: ExportAccount;
  data: AccountData;
  index: number;
}

/**
 * Splits accounts into those a file can hold and those it cannot: one invalid account (an mOTP
 * link without its PIN, say) is listed as skipped instead of failing the whole export.
 */
export function checkAccounts(accounts: readonly ExportAccount[]): { ok: Checked[]; skipped: ExportSkip[] } {
  const ok: Checked[] = [];
  const skipped: ExportSkip[] = [];
  accounts.forEach((account, index) => {
    try {
      ok.push({ account, data: accountDataOf(account), index });
    } catch (err) {
      skipped.push({ label: labelOf(account, index), reason: 'invalid', code: isAppError(err) ? err.code : 'unknown' });
    }
  });
  return { ok, skipped };
}

/** A skipped account is named as the import preview names a problem entry, so both lists read alike. */
export function labelOf(a: Pick<ExportAccount, 'issuer' | 'name'>, index: number): string {
  return entryLabel(a.issuer, a.name, index);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The user's note followed by a readable block of recovery codes, for apps that have a note field
 * and nothing better (Aegis):
 *
 *     Recovery codes:
 *     abcd-efgh
 *     ijkl-mnop (used 2026-01-02)
 */
export function noteWithRecoveryCodes(notes: string, codes: readonly RecoveryCode[] | undefined): string {
  if (codes === undefined || codes.length === 0) return notes;
  const lines = codes.map((c) => (c.usedAt > 0 ? `${c.code} (used ${isoDate(c.usedAt)})` : c.code));
  const block = ['Recovery codes:', ...lines].join('\n');
  return notes.trim() === '' ? block : `${notes.replace(/\s+$/, '')}\n\n${block}`;
}

/** Distinct group names in first-seen order. */
export function groupNames(accounts: readonly ExportAccount[]): string[] {
  return [...new Set(accounts.flatMap((a) => a.groups.map((g) => g.trim()).filter((g) => g !== '')))];
}
