/**
 * The CLI's detection (src/cli/detect-input.ts) offers a file that is not JSON to the link-list
 * importers before loading the registry: it must name the importer the registry's detectFormat
 * names, for every file it claims, or `inspect` would report another format or read it otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectInput, detectLinkList, LINK_LIST_IMPORTERS } from '../../../src/cli/detect-input';
import { detectFormat, IMPORTERS, prepareInput } from '../../../src/formats/import/registry';
import { CORPUS_DIR, CORPUS_PRESENT } from '../../support/corpus';
import { migrationUri } from '../formats/migration-helpers';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const transfer = readFileSync(path.resolve('test/fixtures/google-migration/japanese.txt'), 'utf8').trim().split('\n')[0] ?? '';
const otpauth = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

/** Texts where the order of the link-list importers decides: each claims what a later one would too. */
const MIXED: Record<string, string> = {
  'an otpauth line, then a transfer link': `${otpauth}\n${transfer}\n`,
  'a transfer link, then an otpauth line': `${transfer}\n${otpauth}\n`,
  "Ente's list (codeDisplay=)": `${otpauth}&codeDisplay=%7B%22pinned%22%3Afalse%7D\n`,
  'comments only': '# nothing here\n',
  'a QR reader prefix': `QR-Code:${transfer}\n`,
  'a broken transfer link': `${migrationUri(new Uint8Array([1, 2, 3]))}\n`,
  'prose with a link inside': `see ${otpauth} for details\n`,
  'a JSON array of links': JSON.stringify([otpauth]),
  'not UTF-8': '\xff\xfe otpauth://',
};

function cases(): [string, Uint8Array][] {
  const files = [...filesUnder(path.resolve('test/fixtures')), ...(CORPUS_PRESENT ? filesUnder(CORPUS_DIR) : [])];
  const fromFiles = files.filter((f) => statSync(f).size <= 4 * 1024 * 1024).map((f): [string, Uint8Array] => [f, new Uint8Array(readFileSync(f))]);
  // 'not UTF-8' is meant as bytes (latin1 keeps 0xff 0xfe); the rest as UTF-8 text.
  const mixed = Object.entries(MIXED).map(([name, text]): [string, Uint8Array] => [
    name,
    name === 'not UTF-8' ? new Uint8Array(Buffer.from(text, 'latin1')) : new TextEncoder().encode(text),
  ]);
  return [...fromFiles, ...mixed];
}

describe('the CLI detects formats as the registry does', () => {
  it('the link-list importers are in the registry, next to each other, in its order', () => {
    const at = LINK_LIST_IMPORTERS.map((i) => IMPORTERS.indexOf(i));
    expect(at[0]).toBeGreaterThanOrEqual(0);
    expect(at).toEqual(at.map((_, k) => (at[0] ?? 0) + k));
  });

  it('every file it claims without the registry, the registry gives to the same importer; the rest it hands to the registry', async () => {
    let claimed = 0;
    for (const [name, bytes] of cases()) {
      let input;
      try {
        input = prepareInput({ bytes, fileName: path.basename(name) });
      } catch {
        continue; // too large or too deep: refused before detection either way
      }
      const quick = detectLinkList(input);
      const registry = detectFormat(input);
      if (quick !== null) {
        claimed++;
        expect({ name, id: quick.importer.id, sniff: quick.sniff }).toEqual({ name, id: registry?.importer.id, sniff: registry?.sniff });
      }
      expect({ name, id: (await detectInput(input))?.importer.id }).toEqual({ name, id: registry?.importer.id });
    }
    // The shortcut is taken at all: the fixtures hold transfer-link and otpauth lists.
    expect(claimed).toBeGreaterThan(5);
  });
});
