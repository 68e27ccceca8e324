/**
 * @file Where the shared interop corpus is, and how suites that need it skip without it.
 *
 * The corpus (other apps' real export files, RFC vector files, photos of QR codes) is not part of
 * this repository: it is read from `OMAMORI_CORPUS` when set, else from `../shared/testdata`
 * beside the clone. A suite that needs it is declared with `describeCorpus`: where the corpus is
 * absent the suite is reported as skipped under its own name, with one line saying why, and our
 * own fixtures (test/fixtures) keep every code path tested.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';

export const CORPUS_DIR = path.resolve(process.env.OMAMORI_CORPUS ?? path.join(process.cwd(), '../shared/testdata'));

/** True when the corpus (its MANIFEST.json) is there. */
export const CORPUS_PRESENT = existsSync(path.join(CORPUS_DIR, 'MANIFEST.json'));

export const CORPUS_ABSENT_REASON = `no interop corpus at ${CORPUS_DIR} (set OMAMORI_CORPUS to a copy of it)`;

const announced = new Set<string>();

/** `describe` for a suite that reads the corpus; skipped by name, with the reason, when it is absent. */
export function describeCorpus(name: string, body: () => void): void {
  // Suites are declared while vitest collects the file, so this decides before any corpus read.
  if (CORPUS_PRESENT) {
    describe(name, body);
    return;
  }
  if (!announced.has(name)) {
    announced.add(name);
    console.info(`skipped "${name}": ${CORPUS_ABSENT_REASON}`);
  }
  // The body is not run: it would read files that are not there. One skipped placeholder keeps
  // the suite's name in the report (a file whose every suite is absent is then "skipped", not
  // "no test found").
  describe.skip(name, () => {
    it.skip(`needs the interop corpus: ${CORPUS_ABSENT_REASON}`, () => undefined);
  });
}

/** A file of the corpus, by its path relative to the corpus root. */
export function corpusPath(rel: string): string {
  return path.join(CORPUS_DIR, rel);
}

export function readCorpusFile(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(rel)));
}

export function readCorpusJson<T>(rel: string): T {
  return JSON.parse(readFileSync(corpusPath(rel), 'utf8')) as T;
}
