/**
 * @file Recovery (backup) codes: reading the list a site hands out, and the small pure helpers
 * the details screen uses to count, mark and unmark them.
 *
 * How a pasted text becomes codes (each step is a rule the tests pin down):
 * 1. NFKC (full-width digits, letters and spaces fold to ASCII; ① → 1), every dash-like
 *    character (‐ ‑ ‒ – — − ー is NOT one) → '-', CRLF/CR → LF. Input beyond RECOVERY_TEXT_LIMIT
 *    characters is ignored.
 * 2. Each line loses a leading label ending in ':' ("Backup code 1:", "Recovery code:").
 * 3. A line is split into segments at strong separators: tabs, commas, semicolons, '|', runs of two
 *    or more spaces (columns), numbering tokens ("1.", "1)", "(1)", "#1", "No.1") and bullet or
 *    box tokens made only of symbols ("-", "•", "☐"). A bare number of one or two digits at the
 *    start of a segment is numbering too ("1 1234 5678").
 * 4. A line is prose and skipped as a whole when any remaining token is not made of letters and
 *    digits (with dashes only inside) — "Keep these safe.", "Generated on 2024/03/01" — or is an
 *    ISO date ("2024-03-01").
 * 5. Inside a segment, words separated by single spaces are either pieces of one code or several
 *    codes. A *long* token (six or more characters, or one with a dash inside) is always a whole
 *    code: "abcd-efgh ijkl-mnop" is two codes, "a1b2c3d4 e5f6g7h8" is two codes. A run of *short*
 *    tokens (three to five characters, no dash) is the pieces of spaced codes: "1234 5678" is one
 *    (Google, Facebook). How many pieces make one code is learnt from the whole paste: the most
 *    common run length g (ties → the smaller). A run of k = n·g pieces is n codes; any other run is
 *    one code. So a Google list with one code per line (g = 2) still reads a row
 *    "1234 5678 9012 3456" as two codes, while a paste whose every line is four pieces reads them
 *    as one 16-character code. Pieces keep one space between them, as the site printed them.
 * 6. A code must have 6–128 characters (letters and digits, not counting spaces and dashes): a
 *    year ("2024") or a page number is not a code.
 * 7. Codes without any digit are kept only when they look like the others — the same shape
 *    (piece lengths, separators and letter case) as a code with digits in the same paste — or
 *    look machine-made (three or more dash-separated groups of one length ≥ 4, Microsoft's
 *    "ABCDE-FGHIJ-…"). So a heading "Backup codes" or "IMPORTANT" is not a code, while GitHub's
 *    hex code "abcde-fabcd" (no digit by chance) is.
 * 8. Duplicates (ignoring case, spaces and dashes) are dropped; at most MAX_RECOVERY_CODES codes.
 */
import { MAX_RECOVERY_CODE_LENGTH, MAX_RECOVERY_CODES, type RecoveryCode } from './account';

/** Pasted text beyond this is ignored (200 codes of 128 characters fit well inside). */
export const RECOVERY_TEXT_LIMIT = 64 * 1024;
/** "Two or fewer left": time to generate new codes at the site. */
export const RECOVERY_LOW_AT = 2;
export const MIN_CODE_CHARS = 6;

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const NUMBERING = /^(?:#\d{1,3}|\(\d{1,3}\)|\d{1,3}[.):]|no\.\d{1,3}[.):]?)$/i;
/** Numbering glued to the code, as full-width text often has it: "1.3816" (from "１．３８１６"). */
const STUCK_NUMBERING = /^(?:\d{1,3}[.)]|\(\d{1,3}\)|#\d{1,3}[.):])(.+)$/;
const SYMBOLS_ONLY = /^[^\p{L}\p{N}]+$/u;
const WORD = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}$/;
/** A label is short; bounded so that a long line without ':' costs linear time. */
const LABEL = /^[^:]{1,80}:(?:\s+|$)/;
/** Quotes and brackets people (or JSON) put around codes; stripped from both ends of a token. */
const WRAPPERS = /^["'`“”‘’«»[\]{}<>(]+|["'`“”‘’«»[\]{}<>),.;]+$/g;

type Piece = { kind: 'long'; text: string } | { kind: 'run'; parts: string[] };

function alnumLength(code: string): number {
  return code.replace(/[\s-]/g, '').length;
}

function canonical(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

function isShort(token: string): boolean {
  return !token.includes('-') && token.length >= 3 && token.length <= 5;
}

/** Segments of one line (each a list of tokens), or null when the line is prose. */
function segmentsOf(line: string): string[][] | null {
  const label = LABEL.exec(line)?.[0];
  const body = label !== undefined && /\p{L}/u.test(label) ? line.slice(label.length) : line;
  const segments: string[][] = [];
  for (const field of body.split(/[\t,;|]|\s{2,}/)) {
    let current: string[] = [];
    for (const raw of field.split(' ')) {
      if (raw === '') continue;
      if (NUMBERING.test(raw) || SYMBOLS_ONLY.test(raw)) {
        if (current.length > 0) segments.push(current);
        current = [];
        continue;
      }
      const stuck = STUCK_NUMBERING.exec(raw);
      if (stuck !== null && current.length > 0) {
        segments.push(current);
        current = [];
      }
      const token = (stuck?.[1] ?? raw).replace(WRAPPERS, '');
      if (token === '') continue;
      if (current.length === 0 && /^\d{1,2}$/.test(token)) continue;
      if (!WORD.test(token) || ISO_DATE.test(token)) return null;
      current.push(token);
    }
    if (current.length > 0) segments.push(current);
  }
  return segments;
}

function piecesOf(segment: readonly string[]): Piece[] {
  const out: Piece[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0) out.push({ kind: 'run', parts: run });
    run = [];
  };
  for (const token of segment) {
    if (isShort(token)) run.push(token);
    else {
      flush();
      out.push({ kind: 'long', text: token });
    }
  }
  flush();
  return out;
}

/** The most common length of runs that hold a digit (prose does not vote); ties → the smaller. */
function commonRunLength(pieces: readonly Piece[]): number {
  const counts = new Map<number, number>();
  for (const p of pieces) if (p.kind === 'run' && p.parts.some((part) => /\d/.test(part))) counts.set(p.parts.length, (counts.get(p.parts.length) ?? 0) + 1);
  let best = 1;
  let bestCount = 0;
  for (const [length, count] of counts) {
    if (count > bestCount || (count === bestCount && length < best)) [best, bestCount] = [length, count];
  }
  return best;
}

function caseClass(code: string): string {
  const letters = code.replace(/[^A-Za-z]/g, '');
  if (letters === letters.toLowerCase()) return 'l';
  if (letters === letters.toUpperCase()) return 'u';
  return /^[A-Z][a-z]+$/.test(letters) ? 't' : 'm';
}

/** "1234 5678" → "4 4|l"; "ABCDE-FGHIJ" → "5-5|u". */
function shapeOf(code: string): string {
  return `${code.replace(/[A-Za-z0-9]+/g, (m) => String(m.length))}|${caseClass(code)}`;
}

function looksMachineMade(code: string): boolean {
  const groups = code.split('-');
  return groups.length >= 3 && groups.every((g) => g.length >= 4 && g.length === groups[0]?.length);
}

function splitRun(parts: readonly string[], g: number): string[] {
  if (parts.length % g !== 0) return [parts.join(' ')];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += g) out.push(parts.slice(i, i + g).join(' '));
  return out;
}

/**
 * The single codes in a pasted list, in order, as the site wrote them (spaced pieces joined by
 * one space). Never throws; returns [] for text with no codes.
 */
export function parseRecoveryCodes(text: string): string[] {
  const clean = String(text).slice(0, RECOVERY_TEXT_LIMIT).normalize('NFKC').replace(DASHES, '-').replace(/\r\n?/g, '\n');
  const lines: Piece[][] = [];
  for (const line of clean.split('\n')) {
    const segments = segmentsOf(line.replace(/[^\S\t]/g, ' ').trim());
    if (segments !== null && segments.length > 0) lines.push(segments.flatMap(piecesOf));
  }
  const g = commonRunLength(lines.flat());
  const candidates = lines.map((pieces) => pieces.flatMap((p) => (p.kind === 'long' ? [p.text] : splitRun(p.parts, g))));
  const sized = (c: string): boolean => alnumLength(c) >= MIN_CODE_CHARS && c.length <= MAX_RECOVERY_CODE_LENGTH;
  const shapes = new Set(
    candidates
      .flat()
      .filter((c) => sized(c) && /\d/.test(c))
      .map(shapeOf),
  );
  const valid = (c: string): boolean => sized(c) && (/\d/.test(c) || shapes.has(shapeOf(c)) || looksMachineMade(c));
  const seen = new Set<string>();
  const out: string[] = [];
  // A line of codes holds nothing else: one word that is not a code makes the whole line prose.
  for (const code of candidates.filter((line) => line.every(valid)).flat()) {
    const key = canonical(code);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(code);
    if (out.length === MAX_RECOVERY_CODES) break;
  }
  return out;
}

/** Fresh, unused codes as stored. */
export function toRecoveryCodes(codes: readonly string[]): RecoveryCode[] {
  return codes.map((code) => ({ code, usedAt: 0 }));
}

export function remainingCount(codes: readonly RecoveryCode[]): number {
  return codes.filter((c) => c.usedAt === 0).length;
}

export type RecoveryStatus = 'none' | 'ok' | 'low' | 'empty';

/** 'low' at two or fewer left, 'empty' when all are used, 'none' when there are no codes. */
export function recoveryStatus(codes: readonly RecoveryCode[]): RecoveryStatus {
  if (codes.length === 0) return 'none';
  const left = remainingCount(codes);
  if (left === 0) return 'empty';
  return left <= RECOVERY_LOW_AT ? 'low' : 'ok';
}

/** Marks the code at `index` used at `at` (ms), or unused with at = 0; a new array. */
export function setCodeUsed(codes: readonly RecoveryCode[], index: number, at: number): RecoveryCode[] {
  return codes.map((c, i) => (i === index ? { code: c.code, usedAt: at } : { ...c }));
}
