/**
 * @file Helpers the family-A importers share: bare secrets, steam:// keys, text lines, abort
 * checks, own-key table lookups. Links inside other apps' files go through parseForeignUri
 * (common-b.ts), which reads them as those apps do.
 */
import { accountDraft } from './input';
import { type AccountData } from '../../core/account';
import { AppError } from '../../core/errors';

/** A bare base32 key (Bitwarden's login.totp, 2FAS's secret): TOTP SHA1/6/30. */
export function bareSecretDraft(secret: string, issuer: string, name: string): AccountData {
  return accountDraft('totp', { issuer, name, secretB32: secret });
}

/** `steam://<base32>` as Bitwarden and others store Steam Guard keys. */
export function steamUriSecret(text: string): string | null {
  const m = /^steam:\/\/(.+)$/i.exec(text.trim());
  return m === null ? null : (m[1] ?? '').trim();
}

/** Lines of a text file with their 1-based numbers, skipping blank and `#` comment lines. */
export function significantLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t !== '' && !t.startsWith('#')) out.push({ line: i + 1, text: t });
  });
  return out;
}

/** Throws 'aborted' when the caller gave up. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AppError('aborted');
}

/** `table[key]` for a key read from a file: own entries only ("constructor" is not a type). */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
