/**
 * One Japanese term per idea: docs/glossary-ja.md holds the table (our term, and the words we do
 * not use for it); this test reads it and checks the Japanese messages, the README and the docs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ja } from '../../../src/messages/ja';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const GLOSSARY = path.join(ROOT, 'docs/glossary-ja.md');

interface Row {
  ours: string[];
  notUsed: string[];
}

/** The table's rows: cells split on "|", lists on "、" (our-term cells also on ","), "—" = none. */
function readGlossary(markdown: string): Row[] {
  const lines = markdown.split('\n').filter((l) => l.startsWith('|'));
  const header = lines[0]?.split('|').map((c) => c.trim());
  expect(header?.slice(1, 5)).toEqual(['使う語', '意味', 'English', '使わない語']);
  return lines.slice(2).map((line) => {
    const cells = line.split('|').map((c) => c.trim());
    const list = (cell: string | undefined, separators: RegExp): string[] =>
      (cell ?? '')
        .split(separators)
        .map((x) => x.trim())
        .filter((x) => x !== '' && x !== '—');
    return { ours: list(cells[1], /[、,]/), notUsed: list(cells[4], /、/) };
  });
}

/** Where a text uses a word it should not: the word, unless it stands in parentheses after our term. */
function offTerms(text: string, rows: readonly Row[]): string[] {
  const found: string[] = [];
  for (const { ours, notUsed } of rows) {
    for (const word of notUsed) {
      let rest = text;
      // "セットアップキー（シークレットキー）": the word users know from elsewhere, shown once beside ours.
      for (const term of ours) rest = rest.split(`${term}（${word}）`).join('');
      if (rest.includes(word)) found.push(word);
    }
  }
  return found;
}

const rows = readGlossary(readFileSync(GLOSSARY, 'utf8'));

describe('Japanese glossary', () => {
  it('is read from docs/glossary-ja.md, with the terms the app must keep apart', () => {
    const ours = rows.flatMap((r) => r.ours);
    for (const term of ['転送コード', '移行用のQRコード', '予備のコード', 'QRコード', 'セットアップキー']) expect(ours).toContain(term);
    expect(rows.find((r) => r.ours.includes('転送コード'))?.notUsed).toContain('移行コード');
    expect(rows.find((r) => r.ours.includes('予備のコード'))?.notUsed).toContain('リカバリーコード');
    expect(rows.find((r) => r.ours.includes('QRコード'))?.notUsed).toContain('QR コード');
    // A word cannot be both ours and not ours.
    const banned = new Set(rows.flatMap((r) => r.notUsed));
    expect(ours.filter((term) => banned.has(term))).toEqual([]);
  });

  it('finds a word we do not use, and allows it only in parentheses after our term', () => {
    expect(offTerms('移行コードを入力', rows)).toEqual(['移行コード']);
    expect(offTerms('この QR コード', rows)).toEqual(['QR コード']);
    expect(offTerms('セットアップキー（シークレットキー）', rows)).toEqual([]);
    expect(offTerms('シークレットキー（セットアップキー）', rows)).toEqual(['シークレットキー']);
  });

  it('has every Japanese message use our terms only', () => {
    const off = Object.entries(ja).flatMap(([key, text]) => offTerms(text, rows).map((word) => `${key}: ${word}`));
    expect(off).toEqual([]);
  });

  it('has the README and the docs use our terms only', () => {
    const files = [
      'README.md',
      ...readdirSync(path.join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md') && f !== 'glossary-ja.md')
        .map((f) => `docs/${f}`),
    ];
    expect(files.length).toBeGreaterThan(4);
    const off = files.flatMap((file) => offTerms(readFileSync(path.join(ROOT, file), 'utf8'), rows).map((word) => `${file}: ${word}`));
    expect(off).toEqual([]);
  });

  it('writes brackets full-width in Japanese messages', () => {
    expect(Object.entries(ja).filter(([, text]) => /[()[\]]/.test(text))).toEqual([]);
  });
});
