/** Hostile input files: the CLI never crashes, prints at most one line on failure, writes nothing. */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listDir, run, tempDir } from './cli-helpers';

const PREFIXES = [
  '',
  'otpauth://totp/',
  'otpauth-migration://offline?data=',
  '{"version":1,"header":',
  '{"services":[',
  '{"format":"omamori-export","version":1,',
  '\x89PNG\r\n\x1a\n',
];

describe('omamori with random files', () => {
  it('inspect and convert: exit 0 or 1, one stderr line on failure, no partial output', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in.bin');
    const outDir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 300 }), async (prefix, tail) => {
        writeFileSync(input, Buffer.concat([Buffer.from(prefix, 'latin1'), Buffer.from(tail)]));
        const inspect = await run(['inspect', input], { env: { OMAMORI_PASSPHRASE: 'x' } });
        expect([0, 1]).toContain(inspect.code);
        if (inspect.code !== 0) expect(inspect.stderr.split('\n')).toHaveLength(2);
        const convert = await run(['convert', input, '--to', 'aegis', '--out', path.join(outDir, 'o.json')], { env: { OMAMORI_PASSPHRASE: 'x' } });
        expect([0, 1]).toContain(convert.code);
        if (convert.code !== 0) {
          expect(convert.stderr.split('\n')).toHaveLength(2);
          expect(listDir(outDir)).toEqual([]);
        } else {
          expect(listDir(outDir)).toEqual(['o.json']);
          rmSync(path.join(outDir, 'o.json'));
        }
      }),
      { numRuns: 150 },
    );
  });
});
