/**
 * Writes test/fixtures/export-v2 once: `npx vitest run --config vitest.fixture-writers.config.ts export-file`.
 * Not part of `npm test` (its include is test/unit): committed fixtures are never regenerated
 * (docs/security.md, "Reliability bar": released files keep opening). test/fixtures/export-v1 was
 * written by this file's v1 predecessor (see git history) and can no longer be written: the writer
 * makes v2 files now.
 */
import { writeFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { createInProcessKdf } from '../../src/core/crypto/kdf';
import { writeExportFile } from '../../src/core/export-file';
import { FIXTURE_ACCOUNTS, FIXTURE_APP, FIXTURE_ARGON2, FIXTURE_DIR_V2, FIXTURE_NOW, FIXTURES_V2 } from '../unit/core/export-fixtures';

describe('export-v2 fixture writer', () => {
  it('writes every fixture', async () => {
    const kdf = createInProcessKdf();
    for (const { file, secret } of FIXTURES_V2) {
      const bytes = await writeExportFile(FIXTURE_ACCOUNTS, secret, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP, argon2: FIXTURE_ARGON2 });
      writeFileSync(new URL(file, FIXTURE_DIR_V2), bytes);
    }
  });
});
