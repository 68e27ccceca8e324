/**
 * @file A plain list of otpauth:// links, one per line: what Omamori's "not encrypted" export
 * writes and what Aegis, Ente and many others export as text. Reading collects a problem per
 * bad line instead of failing the whole file.
 */
import type { AccountData } from '../core/account';
import { isAppError, type ErrorCode } from '../core/errors';
import { formatOtpauthUri, parseOtpauthUri } from '../core/otpauth-uri';

export interface ListProblem {
  /** 1-based line number. */
  line: number;
  code: ErrorCode;
}

export function formatOtpauthList(accounts: readonly AccountData[]): string {
  return accounts.map((a) => `${formatOtpauthUri(a)}\n`).join('');
}

export function parseOtpauthList(text: string): { accounts: AccountData[]; problems: ListProblem[] } {
  const accounts: AccountData[] = [];
  const problems: ListProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    try {
      accounts.push(parseOtpauthUri(line));
    } catch (err) {
      problems.push({ line: i + 1, code: isAppError(err) ? err.code : 'unknown' });
    }
  });
  return { accounts, problems };
}
