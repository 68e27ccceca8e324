/**
 * mOTP accounts are stored as MD5, what their codes are. A record an older version sealed with
 * "SHA1" still opens, reads as MD5, gives the same code, and is written back as MD5.
 */
import { describe, expect, it } from 'vitest';
import { hexSecretToB32, type AccountData } from '../../../src/core/account';
import { generateCode } from '../../../src/core/codes';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { openRecord, sealRecord } from '../../../src/core/crypto/vault-keys';
import { openPassphraseSlot, requirePassphraseSlot } from '../../../src/services/vault/slot-crypto';
import { MOTP } from '../fixtures/otp-vectors';
import { PASS, unlockedService } from './vault-fixtures';

const [vector] = MOTP;
const MOTP_ACCOUNT: AccountData = {
  type: 'motp',
  issuer: 'Legacy VPN',
  name: 'dave',
  secretB32: hexSecretToB32(vector!.secret),
  algorithm: 'MD5',
  digits: 6,
  period: 10,
  counter: 0,
  pin: vector!.pin,
};

describe('mOTP in the vault', () => {
  it('a new mOTP account is stored as MD5, whatever algorithm the caller passed', async () => {
    const { vault } = await unlockedService();
    await vault.addAccount({ ...MOTP_ACCOUNT, algorithm: 'SHA1' });
    const [stored] = await vault.listAccounts();
    expect(stored?.algorithm).toBe('MD5');
    expect(generateCode(stored!, vector!.unixTime * 1000)).toBe(vector!.code);
  });

  it('a record sealed by an older version with algorithm SHA1 opens as MD5 with the same code, and is rewritten as MD5', async () => {
    const { vault, db } = await unlockedService();
    const row = await db.vault.get('vault');
    const vk = await openPassphraseSlot(createInProcessKdf(), PASS, row!.vaultId, requirePassphraseSlot(row!));
    const id = crypto.randomUUID();
    // The payload exactly as the previous release wrote it (records.ts toPayload, mOTP as SHA1).
    const legacy = { ...MOTP_ACCOUNT, algorithm: 'SHA1', favourite: false, groups: [], notes: '', recoveryCodes: [], icon: '', lastUsedAt: 0 };
    const sealed = await sealRecord(vk, row!.vaultId, id, { ...legacy, createdAt: 1, updatedAt: 1, changedAt: 1 });
    await db.accounts.add({ id, sortKey: 1, updatedAt: 1, ...sealed });

    const [opened] = await vault.listAccounts();
    expect(vault.getDamagedCount()).toBe(0);
    expect(opened).toMatchObject({ id, type: 'motp', algorithm: 'MD5' });
    expect(generateCode(opened!, vector!.unixTime * 1000)).toBe(vector!.code);

    await vault.updateExtras(id, { notes: 'moved to MD5' });
    const stored = await db.accounts.get(id);
    // The raw payload, not the normalised read: the change was written back as MD5.
    expect(await openRecord(vk, row!.vaultId, id, { iv: stored!.iv, ct: stored!.ct })).toMatchObject({ algorithm: 'MD5', notes: 'moved to MD5' });
  });
});
