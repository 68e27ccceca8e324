/**
 * @file Helpers the family-A importers share: otpauth links read the way other apps write them,
 * bare secrets and text lines.
 */
import { accountDraft } from './common';
import { type AccountData } from '../../core/account';
import { AppError } from '../../core/errors';
import { parseOtpauthUri } from '../../core/otpauth-uri';

/**
 * `parseOtpauthUri`, plus Google's Key Uri reading of a label without a colon: it is the account
 * name, even when it equals `issuer=`. Our own formatter writes `Issuer?issuer=Issuer` for an
 * account without a name, so the core parser drops that name; other apps (Stratum, Ente,
 * Bitwarden) write `NoIssuer?issuer=NoIssuer` for an account whose name is "NoIssuer", and Aegis
 * and Stratum read it back as such. The PIN of mOTP/Yandex stays '' (links never carry it).
 */
export function parseForeignUri(text: string): AccountData {
  const account = parseOtpauthUri(text);
  if (account.name !== '' || account.issuer === '') return account;
  const trimmed = text.trim();
  const afterScheme = trimmed.replace(/^otpauth:\/\/[^/?]*\/?/i, '');
  if (afterScheme === trimmed) return account;
  const q = afterScheme.indexOf('?');
  let label: string;
  try {
    label = decodeURIComponent(q < 0 ? afterScheme : afterScheme.slice(0, q)).trim();
  } catch {
    return account;
  }
  return label !== '' && !label.includes(':') && label === account.issuer ? { ...account, name: label } : account;
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
export function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AppError('aborted');
}
