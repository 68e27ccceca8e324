/**
 * @file Plain lists of otpauth:// links, one per line: what Aegis ("plain text"), WinAuth,
 * Stratum and Omamori itself export, and Ente Auth's plain-text export, whose links carry an
 * extra `codeDisplay=<JSON>` parameter (tags, note, pinned, trashed). A bad line is a problem,
 * never a failure of the whole file.
 */
import { collectAccounts, decodeText, entryLabel, isRecord, str, type DraftExtras } from './input';
import { significantLines } from './drafts';
import type { AccountData } from '../../core/account';
import { parseForeignUri } from './link-lists';
import { AppError } from '../../core/errors';
import type { Importer, ImportInput, ImportResult } from './types';

const LINK = /^(otpauth|motp):\/\//i;

function linesOf(input: ImportInput): { line: number; text: string }[] | null {
  const text = decodeText(input.bytes);
  if (text === null) return null;
  return significantLines(text);
}

function isComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/** Ente keeps its own fields in a `codeDisplay` JSON parameter of each link. */
interface CodeDisplay {
  trashed: boolean;
  extras: DraftExtras;
}

function codeDisplayOf(link: string): CodeDisplay | null {
  const q = link.indexOf('?');
  if (q < 0) return null;
  for (const part of link.slice(q + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).toLowerCase() !== 'codedisplay') continue;
    let json: unknown;
    try {
      json = JSON.parse(decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '))) as unknown;
    } catch {
      return null; // unreadable display data never costs the account
    }
    if (!isRecord(json)) return null;
    const tags = Array.isArray(json.tags) ? json.tags.filter((t): t is string => typeof t === 'string') : [];
    return { trashed: json.trashed === true, extras: { groups: tags, notes: str(json.note), favourite: json.pinned === true } };
  }
  return null;
}

interface Line {
  line: number;
  text: string;
}

function readLines(format: string, lines: readonly Line[], withCodeDisplay: boolean): ImportResult {
  const labels = new Map<number, string>();
  return collectAccounts(
    format,
    lines,
    (l) => {
      const data: AccountData = parseForeignUri(l.text);
      labels.set(l.line, entryLabel(data.issuer, data.name, l.line - 1));
      if (!withCodeDisplay) return { data };
      const display = codeDisplayOf(l.text);
      // Ente's trash holds codes the user deleted; importing them would resurrect them.
      if (display?.trashed === true) throw new AppError('import/unsupported');
      return display === null ? { data } : { data, extras: display.extras };
    },
    (l) => labels.get(l.line) ?? `#${l.line}`,
  );
}

function sniffList(input: ImportInput): Line[] | null {
  const lines = linesOf(input);
  if (lines === null) return null;
  const first = lines[0];
  if (first === undefined) return null;
  return LINK.test(first.text) ? lines : null;
}

export const enteImporter: Importer = {
  id: 'ente-auth',
  label: 'Ente Auth',
  sniff(input) {
    const lines = sniffList(input);
    return lines !== null && lines.some((l) => /[?&]codeDisplay=/i.test(l.text)) ? { encrypted: false } : null;
  },
  async read(input) {
    const lines = sniffList(input);
    if (lines === null) throw new AppError('import/damaged');
    return readLines('ente-auth', lines, true);
  },
};

export const uriListImporter: Importer = {
  id: 'otpauth-list',
  label: 'otpauth:// links (Aegis, WinAuth, Stratum, text)',
  sniff(input) {
    if (sniffList(input) !== null) return { encrypted: false };
    // A list whose every line is a comment (an export with no accounts): ours, so the user hears
    // "no accounts" instead of "unknown format".
    const text = decodeText(input.bytes);
    if (text === null || !text.split(/\r\n|\r|\n/).every(isComment) || !text.includes('#')) return null;
    return { encrypted: false };
  },
  async read(input) {
    const lines = linesOf(input);
    if (lines === null) throw new AppError('import/damaged');
    return readLines('otpauth-list', lines, false);
  },
};
