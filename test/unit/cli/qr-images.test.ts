/**
 * Real photos and screenshots of Google Authenticator's transfer screen from the interop corpus
 * (test/support/corpus.ts), driven by its MANIFEST. Where the corpus is absent these suites are
 * reported skipped by name; the committed QR fixture in inspect.test.ts covers the image path.
 */
import { expect, it } from 'vitest';
import { accountNameFromGoogle } from '../../../src/formats/google-migration/codec';
import { corpusPath, describeCorpus, readCorpusJson } from '../../support/corpus';
import { run } from './cli-helpers';

interface QrManifestFile {
  path: string;
  expected_qr_text?: string;
  expected_qr_texts?: string[];
  expected_accounts: { issuer: string; name: string; secret: string }[];
}

const WANTED = ['extract_otp_secrets/qr/example_export.png', 'extract_otp_secrets/qr/Exported-QR-codes.webp'];

describeCorpus('QR images from the interop corpus', () => {
  const files = readCorpusJson<{ files: QrManifestFile[] }>('MANIFEST.json').files.filter((f) => WANTED.includes(f.path));

  it('are all listed in the MANIFEST', () => {
    expect(files.map((f) => f.path).sort()).toEqual([...WANTED].sort());
  });

  for (const file of files) {
    it(`${file.path}: every QR code in the image, decoded to the expected texts and accounts`, async () => {
      const r = await run(['inspect', corpusPath(file.path), '--secrets']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { qrTexts: string[]; accounts: { issuer: string; name: string; secret: string }[]; problems: unknown[] };
      const texts = file.expected_qr_texts ?? (file.expected_qr_text === undefined ? [] : [file.expected_qr_text]);
      expect([...report.qrTexts].sort()).toEqual([...texts].sort());
      expect(report.problems).toEqual([]);
      // The manifest keeps Google's raw `Issuer:name`; we drop the repeated issuer, as the app does.
      const got = report.accounts.map((a) => [a.issuer, a.name, a.secret]);
      for (const e of file.expected_accounts) expect(got).toContainEqual([e.issuer, accountNameFromGoogle(e.name, e.issuer), e.secret]);
    });
  }
});

describeCorpus('a QR image that holds no authenticator code', () => {
  it('says what it found instead (never the text), in one line, exit 1', async () => {
    const r = await run(['inspect', corpusPath('extract_otp_secrets/negative/qr_but_without_otp.png')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('omamori: The QR code in this image is not for an authenticator (found other text).\n');
  });
});
