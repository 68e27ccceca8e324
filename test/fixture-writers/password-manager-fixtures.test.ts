/**
 * Writes the password managers' import fixtures (issue #17) from
 * test/unit/formats/import/password-manager-fixtures.ts: a CXF 1.0 JSON file, an Apple Passwords
 * CSV and a 1Password 1PUX ZIP (`export.attributes` + `export.data`, stored as 1Password writes
 * it: not encrypted). Run by hand:
 *   npx vitest run --config vitest.fixture-writers.config.ts test/fixture-writers/password-manager-fixtures.test.ts
 * OMAMORI_FIXTURE_OUT=<dir> writes them elsewhere, to compare with the committed files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { FIXTURE_DIR } from '../unit/formats/import/helpers';
import * as P from '../unit/formats/import/password-manager-fixtures';

const OUT = process.env.OMAMORI_FIXTURE_OUT ?? FIXTURE_DIR;

function write(rel: string, data: string | Uint8Array): void {
  const file = path.join(OUT, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
}

it('writes the CXF, Apple Passwords and 1PUX fixtures', async () => {
  write(P.PM_FILES.cxf, `${JSON.stringify(P.CXF, null, 2)}\n`);
  write(P.PM_FILES.applePasswords, P.APPLE_PASSWORDS);
  const zip = await import('@zip.js/zip.js');
  zip.configure({ useWebWorkers: false });
  const writer = new zip.ZipWriter(new zip.Uint8ArrayWriter());
  const lastModDate = new Date('2026-01-01T00:00:00Z');
  await writer.add('export.attributes', new zip.TextReader(JSON.stringify(P.ONEPUX_ATTRIBUTES)), { lastModDate });
  await writer.add('export.data', new zip.TextReader(JSON.stringify(P.ONEPUX_DATA)), { lastModDate });
  write(P.PM_FILES.onePux, await writer.close());
});
