/**
 * `--passphrase-file` takes the first line, as the help says; passphrases for output files are
 * held to the app's minimum length whichever way they arrive.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstLine } from '../../../src/cli/passphrase';
import { MIN_PASSPHRASE_LENGTH } from '../../../src/core/passphrase-strength';
import { FIXTURE_FILES, FIXTURE_PASSWORD, ALL_SAMPLES } from '../formats/export/export-samples';
import { fixture, listDir, run, tempDir, writeTemp } from './cli-helpers';

describe('firstLine', () => {
  it.each([
    ['pass\n\n', 'pass'],
    ['pass\r\n', 'pass'],
    ['pass\r\nsecond line\n', 'pass'],
    ['pass', 'pass'],
    ['\uFEFFpass\n', 'pass'],
    // Only the line ending goes: spaces are part of a passphrase, as in the app's fields.
    [' two words \n', ' two words '],
    ['\n\npass\n', ''],
  ])('%j → %j', (text, line) => {
    expect(firstLine(text)).toBe(line);
  });
});

describe('--passphrase-file', () => {
  it.each([
    ['two newlines', `${FIXTURE_PASSWORD}\n\n`],
    ['CRLF', `${FIXTURE_PASSWORD}\r\n`],
    ['a second line', `${FIXTURE_PASSWORD}\nnot part of it\n`],
    ['no newline at all', FIXTURE_PASSWORD],
  ])('opens an Omamori backup from a file with %s', async (_what, text) => {
    const pf = writeTemp(tempDir(), 'pass.txt', text);
    const r = await run(['inspect', fixture(FIXTURE_FILES.omamori), '--passphrase-file', pf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'omamori', count: ALL_SAMPLES.length });
  });

  it('refuses an empty first line, naming the file, without trying the rest as the passphrase', async () => {
    const pf = writeTemp(tempDir(), 'pass.txt', `\n${FIXTURE_PASSWORD}\n`);
    const r = await run(['inspect', fixture(FIXTURE_FILES.omamori), '--passphrase-file', pf]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`omamori: The first line of the --passphrase-file file ${pf} is empty; put the passphrase on it.\n`);
  });
});

describe('passphrases for output files', () => {
  const short = 'x'.repeat(MIN_PASSPHRASE_LENGTH - 1);
  const refusal = `omamori: The passphrase for the output file must be at least ${MIN_PASSPHRASE_LENGTH} characters long, as in the app.\n`;

  it('refuses one shorter than the minimum from --out-passphrase-file, the environment or the prompt; nothing is written', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out.json');
    const pf = writeTemp(dir, 'new-pass.txt', `${short}\n`);
    const convert = ['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis-encrypted', '--out', out];
    const fromFile = await run([...convert, '--out-passphrase-file', pf]);
    const fromEnv = await run(convert, { env: { OMAMORI_OUT_PASSPHRASE: short } });
    const fromPrompt = await run(convert, { answers: [short, short] });
    for (const r of [fromFile, fromEnv, fromPrompt]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(refusal);
    }
    // Refused at once: the prompt does not ask a second time for a passphrase it will refuse.
    expect(fromPrompt.prompts).toEqual(['New passphrase for the output file: ']);
    expect(listDir(dir)).toEqual(['new-pass.txt']);
  });

  it('counts characters as the app does (code points after NFKC), so eight Japanese characters are enough', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out.json');
    const pf = writeTemp(dir, 'new-pass.txt', 'お守り合言葉です\n');
    const r = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis-encrypted', '--out', out, '--out-passphrase-file', pf]);
    expect(r.code).toBe(0);
    const back = await run(['inspect', out], { env: { OMAMORI_PASSPHRASE: 'お守り合言葉です' } });
    expect(back.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"slots"');
  });

  it('does not apply the minimum to the passphrase of an input file (an old file may have a short one)', async () => {
    const r = await run(['inspect', fixture(FIXTURE_FILES.omamori)], { env: { OMAMORI_PASSPHRASE: 'short' } });
    // Tried, and wrong: not refused for its length.
    expect(r.stderr).toBe('omamori: Wrong passphrase for this Omamori backup file.\n');
  });
});

describe('--help', () => {
  it('says what the code does: the first line, an empty one refused, the minimum for new passphrases', async () => {
    const help = (await run(['--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--passphrase-file F (its first line, without the line ending; an empty first line is refused)');
    expect(help).toContain(`a new passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long, as in the app`);
    expect(help).toContain('created when it ends in /');
  });
});
