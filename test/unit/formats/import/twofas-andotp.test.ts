/** 2FAS backups and andOTP's plain and encrypted files. */
import { describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { readAndotpEntries } from '../../../../src/formats/import/andotp';
import { readTwofasServices } from '../../../../src/formats/import/twofas';
import { FIXTURE_PASSWORDS } from './fixtures';
import { detectedId, errorCode, expectSameAccounts, expected, fixtureBytes, flipBit, readFixture } from './helpers';
import { meter } from './kdf-meter';

vi.mock('../../../../src/core/crypto/other-apps', async (real) => (await import('./kdf-meter')).meterOtherApps(await real()));

const TWOFAS = [expected(0, { groups: ['Finance'] }), expected(1), expected(2), expected(3)];

describe('2FAS importer', () => {
  it('reads a plain schema-4 backup: the service name is the issuer even where otp.issuer/link hold the scanned one', async () => {
    expect(detectedId('2fas/plain-v4.2fas')).toBe('2fas');
    const result = await readFixture('2fas/plain-v4.2fas');
    expectSameAccounts(result.accounts, TWOFAS);
    expect(result.problems).toEqual([]);
  });

  it('decrypts a backup protected with a Japanese password (UTF-8 bytes into PBKDF2)', async () => {
    const result = await readFixture('2fas/encrypted-ja.2fas', { password: FIXTURE_PASSWORDS.twofas });
    expectSameAccounts(result.accounts, TWOFAS);
  });

  it('asks for the password, refuses a wrong one (also its NFKC/NFD look-alikes) and a damaged ciphertext', async () => {
    expect(await errorCode(readFixture('2fas/encrypted-ja.2fas'))).toBe('import/password-required');
    expect(await errorCode(readFixture('2fas/encrypted-ja.2fas', { password: FIXTURE_PASSWORDS.twofas.normalize('NFD') }))).toBe('import/wrong-password');
    const json = JSON.parse(new TextDecoder().decode(fixtureBytes('2fas/encrypted-ja.2fas'))) as { servicesEncrypted: string };
    json.servicesEncrypted = json.servicesEncrypted.split(':').slice(0, 2).join(':');
    expect(await errorCode(readFixture('x.2fas', { password: 'x' }, utf8Encode(JSON.stringify(json))))).toBe('import/damaged');
  });

  it('stops with "aborted" when the caller has given up', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await errorCode(readFixture('2fas/encrypted-ja.2fas', { password: FIXTURE_PASSWORDS.twofas, signal: controller.signal }))).toBe('aborted');
    expect(await errorCode(readFixture('andotp/otp_accounts.json.aes.bin', { password: FIXTURE_PASSWORDS.andotp, signal: controller.signal }))).toBe('aborted');
  });

  it('schema 1/2 entries have no tokenType and import as TOTP; unknown token types are problems; newer schemas are refused', async () => {
    const result = readTwofasServices(
      [
        { name: 'Old', secret: 'GEZDGNBVGY3TQOJQ', type: 'Unknown', otp: { account: 'a', digits: 8, algorithm: 'sha512' } },
        { name: 'Odd', secret: 'GEZDGNBVGY3TQOJQ', otp: { tokenType: 'PUSH' } },
      ],
      new Map(),
    );
    expect(result.accounts.map((a) => [a.type, a.issuer, a.name, a.algorithm, a.digits, a.period])).toEqual([['totp', 'Old', 'a', 'SHA512', 8, 30]]);
    expect(result.problems).toEqual([{ label: 'Odd', code: 'import/unsupported' }]);
    const v5 = utf8Encode(JSON.stringify({ schemaVersion: 5, services: [], appOrigin: 'android' }));
    expect(await errorCode(readFixture('x.2fas', {}, v5))).toBe('import/unsupported');
  });
});

const ANDOTP = [expected(0, { groups: ['Finance'] }), expected(1), expected(2, { groups: ['Finance'] }), expected(3)];

describe('andOTP importer', () => {
  it('reads the plain JSON array (padded secrets, tags as groups); mOTP without its PIN is one problem', async () => {
    expect(detectedId('andotp/plain.json')).toBe('andotp');
    const result = await readFixture('andotp/plain.json');
    expectSameAccounts(result.accounts, ANDOTP);
    expect(result.problems).toEqual([{ label: 'mOTP Host (vpn)', code: 'account/invalid-pin' }]);
  });

  it('decrypts both binary layouts (PBKDF2 header, and the old SHA-256 key)', async () => {
    for (const file of ['andotp/otp_accounts.json.aes.bin', 'andotp/old-format.bin']) {
      expect(detectedId(file)).toBe('andotp-encrypted');
      const result = await readFixture(file, { password: FIXTURE_PASSWORDS.andotp });
      expectSameAccounts(result.accounts, ANDOTP);
      expect(await errorCode(readFixture(file))).toBe('import/password-required');
      expect(await errorCode(readFixture(file, { password: 'andotp-tesT' }))).toBe('import/wrong-password');
      expect(await errorCode(readFixture(file, { password: FIXTURE_PASSWORDS.andotp }, flipBit(fixtureBytes(file), 40)))).toBe('import/wrong-password');
    }
  });

  it('claims a headerless binary only by file name, and never another app’s magic', () => {
    const bytes = fixtureBytes('andotp/old-format.bin');
    expect(detectedId('backup.dat', bytes)).toBeNull();
    const stratum = new Uint8Array([...utf8Encode('AUTHENTICATORPRO'), ...bytes]);
    expect(detectedId('backup.bin', stratum)).not.toBe('andotp-encrypted');
    const java = new Uint8Array([0xac, 0xed, 0x00, 0x05, ...bytes]);
    expect(detectedId('freeotp.bin', java)).not.toBe('andotp-encrypted');
    expect(detectedId('b64.bin', utf8Encode('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo='))).not.toBe('andotp-encrypted');
  });

  it('old andOTP labels "Issuer - name" are split; missing optional fields take defaults', () => {
    const result = readAndotpEntries([{ secret: 'gezdgnbvgy3tqojq', label: 'Acme - Acme:alice', type: 'totp' }]);
    expect(result.accounts.map((a) => [a.issuer, a.name, a.algorithm, a.digits, a.period])).toEqual([['Acme', 'Acme:alice', 'SHA1', 6, 30]]);
  });

  it('a huge iteration count in the header is not run', async () => {
    const bytes = new Uint8Array(fixtureBytes('andotp/otp_accounts.json.aes.bin'));
    bytes.set([0xff, 0xff, 0xff, 0xff], 0);
    meter.reset('record');
    expect(await errorCode(readFixture('andotp/otp_accounts.json.aes.bin', { password: 'x' }, bytes))).toBe('import/wrong-password');
    // The work done, not the time taken: no PBKDF2 ran, only the old layout's SHA-256 (kdf-meter.ts).
    expect(meter.runs).toEqual([]);
  });
});
