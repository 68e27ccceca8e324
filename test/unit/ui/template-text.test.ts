/**
 * A lint-ish guard: user-visible words in Lit templates must come from the message tables (t()),
 * never be typed into the markup. It reads the static parts of every html`…` template under
 * src/ui — text between tags and the attributes people hear or see (aria-label, title,
 * placeholder, alt) — and reports words written there directly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI = join(import.meta.dirname, '../../../src/ui');
/** Names that are the same in every language on purpose (the language picker shows each in its own). */
const ALLOWED = new Set(['English', '日本語']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Skips a string or template literal starting at `i` (its quote); returns the index after it. */
function skipLiteral(src: string, i: number): number {
  const quote = src[i];
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === quote) return j + 1;
    else if (quote === '`' && src.startsWith('${', j)) j = skipExpression(src, j + 2) - 1;
  }
  return src.length;
}

/** Skips a `${…}` expression body starting at `i`; returns the index after its closing brace. */
function skipExpression(src: string, i: number): number {
  let depth = 1;
  for (let j = i; j < src.length; j++) {
    const c = src[j]!;
    if (c === '"' || c === "'" || c === '`') j = skipLiteral(src, j) - 1;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return src.length;
}

/** The static text of each html`…` template in a file, expressions replaced by a marker. */
function templateStatics(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(/\bhtml`/g)) {
    let text = '';
    for (let j = m.index + 5; j < src.length; j++) {
      if (src[j] === '\\') text += src[++j];
      else if (src[j] === '`') break;
      else if (src.startsWith('${', j)) {
        j = skipExpression(src, j + 2) - 1;
        text += '\u0000';
      } else text += src[j];
    }
    out.push(text);
  }
  return out;
}

function literalWords(template: string): string[] {
  const found: string[] = [];
  const words = /[A-Za-z]{2,}|[\u3040-\u30ff\u4e00-\u9fff]+/;
  const withoutComments = template.replace(/<!--[\s\S]*?-->/g, '');
  for (const piece of withoutComments.split(/<[^>]*>/)) {
    for (const part of piece.split('\u0000')) if (words.test(part) && !ALLOWED.has(part.trim())) found.push(part.trim());
  }
  for (const tag of withoutComments.match(/<[^>]*>/g) ?? []) {
    for (const a of tag.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g)) {
      if (words.test(a[2]!.replaceAll('\u0000', ' '))) found.push(`${a[1]}="${a[2]}"`);
    }
  }
  return found;
}

describe('templates', () => {
  it('finds literal words (the check itself works)', () => {
    const [tpl] = templateStatics('html`<p>${t("a")}</p><button aria-label="Close">Save ${x} now</button><b>→ ${y}</b>`');
    expect(literalWords(tpl!)).toEqual(['Save', 'now', 'aria-label="Close"']);
    const [nested] = templateStatics('html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`');
    expect(literalWords(nested!)).toEqual([]);
  });

  it('take every user-visible word from the message tables', () => {
    const problems: string[] = [];
    let templates = 0;
    for (const file of files(UI)) {
      for (const tpl of templateStatics(readFileSync(file, 'utf8'))) {
        templates++;
        for (const word of literalWords(tpl)) problems.push(`${relative(UI, file)}: ${word}`);
      }
    }
    expect(templates).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
