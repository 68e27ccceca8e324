import { describe, expect, it } from 'vitest';
import type { AccountData } from '../../../src/core/account';
import { encodeMigrationUris } from '../../../src/formats/google-migration/codec';
import { readAccountLink } from '../../../src/services/enroll/account-links';
import { readScannedTexts } from '../../../src/services/enroll/scanned-texts';

const totp = (issuer: string, secretB32: string): AccountData => ({
  type: 'totp',
  issuer,
  name: 'me',
  secretB32,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  pin: '',
});

describe('reading what the scanner found', () => {
  it('keeps the order and gives accounts, transfer batches and typed errors', () => {
    const [migration] = encodeMigrationUris([totp('Batch', 'JBSWY3DPEHPK3PXP')], { batchId: 9 }).uris;
    const items = readScannedTexts([
      'otpauth://totp/One:me?secret=GEZDGNBVGY3TQOJQ&issuer=One',
      migration!,
      'otpauth://totp/Bad:me?secret=!!',
      'otpauth-migration://offline?data=%%%',
      'https://example.com/',
    ]);
    expect(items.map((i) => i.kind)).toEqual(['account', 'batch', 'error', 'error']);
    expect(items[0]).toMatchObject({ account: { issuer: 'One' } });
    expect(items[1]).toMatchObject({ batch: { batchId: 9, accounts: [{ issuer: 'Batch' }] } });
    expect(items[2]).toMatchObject({ error: { code: 'account/invalid-secret' } });
    expect(items[3]).toMatchObject({ error: { code: 'migration/invalid-data' } });
  });

  it('reads a pasted link with surrounding spaces', () => {
    expect(readAccountLink('  otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A \n')).toMatchObject({ issuer: 'A', name: 'b' });
  });
});
