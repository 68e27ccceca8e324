/**
 * @file otpauth:// links as other apps write them, and the one reader of link lists (one link per
 * line): plain text exports (Aegis, WinAuth, Stratum, Omamori), Ente's text export (plain or
 * inside its encrypted file) and the text members of password ZIPs all go through
 * `readLinkList`. A bad line is a problem, never a failure of the whole file.
 */
import type { AccountData } from '../../core/account';
import { AppError } from '../../core/errors';
import { parseOtpauthUri } from '../../core/otpauth-uri';
import { canonicalB32, collectAccounts, entryLabel, type DraftExtras } from './drafts';
import type { ImportResult, ParsedInput } from './types';

/** More lines than any real export holds: refused before any of them is parsed. */
const MAX_LINES = 100_000;
const LINK = /^(otpauth|motp):\/\//i;

function rawLabel(uri: string): string | null {
  const m = /^otpauth:\/\/[a-z]+\/([^?]*)/i.exec(uri.trim());
  if (m === null) return null;
  try {
    return decodeURIComponent(m[1] ?? '');
  } catch {
    return null;
  }
}

/**
 * parseOtpauthUri plus two habits of the apps that write these lists (Ente, Stratum, WinAuth,
 * Authenticator Plus): a label without a colon that equals `issuer=` is also the account name
 * (`otpauth://totp/NoIssuer?…&issuer=NoIssuer`), and the secret is re-encoded canonically.
 */
export function parseForeignUri(uri: string): AccountData {
  const account = parseOtpauthUri(uri);
  if (account.name === '' && account.issuer !== '') {
    const label = rawLabel(uri);
    if (label !== null && !label.includes(':') && label.trim() === account.issuer) account.name = account.issuer;
  }
  return { ...account, secretB32: canonicalB32(account.secretB32) };
}

/** Label for a link found outside a list (Stratum's HTML table): its decoded label, or its position. */
export function uriEntryLabel(uri: string, index: number): string {
  const label = rawLabel(uri);
  if (label === null) return `#${index + 1}`;
  const colon = label.indexOf(':');
  return entryLabel(colon < 0 ? '' : label.slice(0, colon), colon < 0 ? label : label.slice(colon + 1), index);
}

/** A line of a text file and its 1-based number. */
export interface ListLine {
  line: number;
  text: string;
}

/** The lines of a text file with their numbers, skipping blank and `#` comment lines. */
export function significantLines(text: string): ListLine[] {
  const out: ListLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t !== '' && !t.startsWith('#')) out.push({ line: i + 1, text: t });
  });
  return out;
}

/** The significant lines of a file whose first significant line is a link; null otherwise (the sniff). */
export function linkListLines(input: ParsedInput): ListLine[] | null {
  const { text } = input;
  if (text === null) return null;
  const lines = significantLines(text);
  const first = lines[0];
  return first !== undefined && LINK.test(first.text) ? lines : null;
}

export interface LinkListRules {
  /** Lines the format leaves out before reading them (Ente's encrypted export: codes in its trash). */
  leaveOut?(link: string): boolean;
  /** What the format keeps beside each link (Ente: tags, note, pin); throwing makes the line a problem. */
  extrasOf?(link: string): DraftExtras | null;
}

/**
 * Reads every significant line of `text` as a link (parseForeignUri). A line that cannot be read
 * is a problem labelled with its line number, `#<line>`, which is where the user finds it in the
 * file; any other problem carries the names its link gives.
 */
export function readLinkList(format: string, text: string, rules: LinkListRules = {}): ImportResult {
  const { leaveOut, extrasOf } = rules;
  const lines = significantLines(text).filter((l) => leaveOut === undefined || !leaveOut(l.text));
  if (lines.length > MAX_LINES) throw new AppError('import/damaged');
  return collectAccounts(
    format,
    lines,
    (l) => {
      const data = parseForeignUri(l.text);
      const extras = extrasOf?.(l.text) ?? null;
      return extras === null ? { data } : { data, extras };
    },
    (l) => {
      try {
        const data = parseForeignUri(l.text);
        return entryLabel(data.issuer, data.name, l.line - 1);
      } catch {
        return `#${l.line}`;
      }
    },
  );
}
