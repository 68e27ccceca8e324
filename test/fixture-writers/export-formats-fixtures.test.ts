/**
 * Writes test/fixtures/export-formats once, with our own exporters:
 * `npx vitest run --config vitest.fixture-writers.config.ts export-formats`.
 * The files are made-up accounts (test/unit/formats/export/export-samples.ts); committed files are
 * never regenerated, so a change in an exporter that breaks reading old files shows up in tests.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { describe, it } from 'vitest';
import { EXPORTERS } from '../../src/formats/export/registry';
import { ALL_SAMPLES, FIXTURE_ARGON2, FIXTURE_DIR, FIXTURE_FILES, FIXTURE_NOW, FIXTURE_PASSWORD, SAMPLE_ACCOUNTS } from '../unit/formats/export/export-samples';

describe('export-formats fixture writer', () => {
  it('writes every fixture', async () => {
    const put = (name: string, bytes: Uint8Array): void => writeFileSync(new URL(name, FIXTURE_DIR), bytes);
    const opts = { password: FIXTURE_PASSWORD, now: FIXTURE_NOW, argon2: FIXTURE_ARGON2 };
    put(FIXTURE_FILES.aegisPlain, (await EXPORTERS.aegis.write(ALL_SAMPLES, opts)).file.bytes);
    put(FIXTURE_FILES.aegisEncrypted, (await EXPORTERS['aegis-encrypted'].write(ALL_SAMPLES, opts)).file.bytes);
    put(FIXTURE_FILES.twofas, (await EXPORTERS['2fas'].write(SAMPLE_ACCOUNTS, opts)).file.bytes);
    put(FIXTURE_FILES.otpauth, (await EXPORTERS.otpauth.write(ALL_SAMPLES, opts)).file.bytes);
    put(FIXTURE_FILES.omamori, (await EXPORTERS.omamori.write(ALL_SAMPLES, opts)).file.bytes);
    const google = await EXPORTERS['google-qr'].write(SAMPLE_ACCOUNTS, { ...opts, perCode: 10 });
    put(FIXTURE_FILES.googleUris, google.file.bytes);
    const [uri] = google.uris ?? [];
    if (uri === undefined) throw new Error('no transfer code');
    put(FIXTURE_FILES.googleQr, await QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 }));
  });
});
