/** Moving a vault between phones through the services (services/move/move.ts): two vaults, frames with losses. */
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { BackupService, vaultCheck } from '../../../src/services/backup/backup';
import { MoveService, type ReceivingMove } from '../../../src/services/move/move';
import type { VaultService } from '../../../src/services/vault/vault';
import { dumpDb, expectCode, FAST_ARGON2, hotp, randomSecretB32, totp, unlockedService } from './vault-fixtures';

function moveService(vault: VaultService): MoveService {
  return new MoveService({ vault, backup: new BackupService({ kdf: createInProcessKdf(), app: 'Omamori test', argon2: FAST_ARGON2 }), app: 'Omamori test' });
}

async function oldPhone(): Promise<VaultService> {
  const { vault } = await unlockedService();
  await vault.addAccounts([totp('Example'), hotp('Counter', 42), totp('銀行', 'たろう', randomSecretB32())]);
  const [first, second] = await vault.listAccounts();
  await vault.updateExtras(first!.id, {
    favourite: true,
    groups: ['Work'],
    notes: 'Desk drawer',
    recoveryCodes: [
      { code: 'aaaa-bbbb', usedAt: 1_700_000_000_000 },
      { code: 'cccc-dddd', usedAt: 0 },
    ],
    icon: 'data:image/png;base64,iVBORw0KGgo=',
  });
  await vault.updateExtras(second!.id, { groups: ['Work', 'Home'] });
  return vault;
}

/** Scans frames into the receiver until it completes, dropping every third. */
async function playFrames(receiving: ReceivingMove, next: () => string): Promise<void> {
  for (let i = 0; !receiving.complete && i < 2000; i++) {
    const frame = next();
    if (i % 3 !== 2) expect(await receiving.receive(frame)).toBe('frame');
  }
}

describe('MoveService', () => {
  it('moves every account with all its details, and the new vault matches the old exactly', async () => {
    const old = await oldPhone();
    const { vault: fresh, db } = await unlockedService();
    const receiving = await moveService(fresh).receive();
    const sending = await moveService(old).pair(receiving.pairing);
    expect(receiving.check).toBeNull();
    // Frames before the hello count for nothing: the check code is not on screen yet.
    expect(await receiving.receive(sending.hello)).toBe('hello');
    expect(receiving.check).toBe(sending.check);
    const { frames, count } = await sending.send();
    expect(count).toBe(3);
    await playFrames(receiving, () => frames.next());
    const before = await dumpDb(db);
    const preview = await receiving.preview();
    expect(await dumpDb(db)).toEqual(before);
    expect(preview.added).toHaveLength(3);
    await new BackupService({ kdf: createInProcessKdf(), app: 'x' }).commitImport(fresh, preview, { updateChanged: false });
    expect(vaultCheck(await fresh.listAccounts())).toEqual(vaultCheck(await old.listAccounts()));
  });

  it('asks the old phone for a recent passphrase or passkey before pairing', async () => {
    const { vault } = await unlockedService({ deviceSlot: true });
    vault.lock();
    await vault.unlockWithDevice();
    const receiving = await moveService((await unlockedService()).vault).receive();
    await expectCode(moveService(vault).pair(receiving.pairing), 'vault/reauth-required');
  });

  it("ignores frames before the hello and frames of another move; refuses another move's hello", async () => {
    const old = await oldPhone();
    const receiving = await moveService((await unlockedService()).vault).receive();
    const other = await moveService(old).pair((await moveService((await unlockedService()).vault).receive()).pairing);
    const otherFrames = (await other.send()).frames;
    expect(await receiving.receive(otherFrames.next())).toBe('ignored');
    await expectCode(receiving.receive(other.hello), 'move/other-session');
    const sending = await moveService(old).pair(receiving.pairing);
    await receiving.receive(sending.hello);
    expect(await receiving.receive(otherFrames.next())).toBe('ignored');
    expect(await receiving.receive('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe('ignored');
    expect(receiving.progress).toBe(0);
  });

  it('without a camera on the new phone: the same move as a file, opened only by the paired phone, whole or not at all', async () => {
    const old = await oldPhone();
    const { vault: fresh, db } = await unlockedService();
    const receiving = await moveService(fresh).receive();
    const sending = await moveService(old).pair(receiving.pairing);
    const { file } = await sending.send();
    const text = file();
    expect(text).not.toContain('Desk drawer');

    // Another new phone (another pairing) cannot open it.
    const stranger = await moveService((await unlockedService()).vault).receive();
    await expectCode(stranger.readFile(text), 'move/other-session');
    // A file cut short completes nothing and writes nothing.
    const cut = await moveService(fresh).receive();
    const resent = await moveService(old).pair(cut.pairing);
    const lines = (await resent.send()).file().split('\n');
    const before = await dumpDb(db);
    await expectCode(cut.readFile(lines.slice(0, -3).join('\n')), 'move/damaged');
    expect(await dumpDb(db)).toEqual(before);

    await receiving.readFile(text.replaceAll('\n', '\r\n'));
    expect(receiving.check).toBe(sending.check);
    const preview = await receiving.preview();
    expect(preview.added).toHaveLength(3);
    await new BackupService({ kdf: createInProcessKdf(), app: 'x' }).commitImport(fresh, preview, { updateChanged: false });
    expect(vaultCheck(await fresh.listAccounts())).toEqual(vaultCheck(await old.listAccounts()));
  });
});
