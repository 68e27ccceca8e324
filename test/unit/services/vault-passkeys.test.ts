import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import type { PasskeySlot } from '../../../src/storage/db';
import { VaultService } from '../../../src/services/vault/vault';
import type { CreatePrfOptions, GetPrfOptions, PrfResult, WebAuthnAdapter } from '../../../src/services/vault/webauthn';
import { dumpDb, dumpVault, expectCode, FAST_ARGON2, openDb, PASS, totp } from './vault-fixtures';
import { bytesToB64Url } from '../../../src/core/crypto/bytes';

/**
 * A fake authenticator: each credential has a fixed 32-byte PRF output (the same for every salt,
 * which is enough here: the service must pass the slot's salt, checked through `lastGet`).
 */
class FakeAuthenticator implements WebAuthnAdapter {
  readonly outputs = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly salts = new Map<string, Uint8Array>();
  readonly forgotten: string[] = [];
  /** What the next enrolment returns as PRF output (default: 32 random bytes). */
  nextPrf: Uint8Array<ArrayBuffer> | null | undefined;
  /** Which credential the "user" presents at the next assertion (default: the first allowed). */
  present: string | undefined;
  lastGet: GetPrfOptions | undefined;

  isAvailable(): boolean {
    return true;
  }

  async createPrfCredential({ prfSalt }: CreatePrfOptions): Promise<PrfResult> {
    const credentialId = crypto.getRandomValues(new Uint8Array(16));
    const id = bytesToB64Url(credentialId);
    const output = this.nextPrf === undefined ? crypto.getRandomValues(new Uint8Array(32)) : this.nextPrf;
    this.nextPrf = undefined;
    if (output !== null) this.outputs.set(id, output);
    this.salts.set(id, new Uint8Array(prfSalt));
    return { credentialId, prfOutput: output === null ? null : new Uint8Array(output) };
  }

  async getPrfOutput(options: GetPrfOptions): Promise<PrfResult> {
    this.lastGet = options;
    const id = this.present ?? bytesToB64Url(options.credentialIds[0]!);
    const credentialId = Uint8Array.from(Buffer.from(id, 'base64url'));
    const output = this.outputs.get(id);
    return { credentialId, prfOutput: output === undefined ? null : new Uint8Array(output) };
  }

  forgetCredential(credentialId: Uint8Array): void {
    this.forgotten.push(bytesToB64Url(credentialId));
  }
}

async function setup(): Promise<{ vault: VaultService; db: ReturnType<typeof openDb>; fake: FakeAuthenticator; tick: (ms: number) => void }> {
  let clock = 1_700_000_000_000;
  const db = openDb();
  const vault = new VaultService({ db, kdf: createInProcessKdf(), argon2: FAST_ARGON2, now: () => clock });
  await vault.create(PASS, { deviceSlot: false });
  await vault.addAccount(totp('Example'));
  return { vault, db, fake: new FakeAuthenticator(), tick: (ms) => (clock += ms) };
}

async function passkeySlotsOf(db: ReturnType<typeof openDb>): Promise<PasskeySlot[]> {
  const row = await db.vault.get('vault');
  return (row?.slots ?? []).filter((s): s is PasskeySlot => s.kind === 'passkey');
}

describe('VaultService passkeys', () => {
  it('adds a passkey that unlocks the vault; the passphrase still unlocks too', async () => {
    const { vault, db, fake } = await setup();
    await vault.addPasskey('Phone', PASS, fake);
    const list = await vault.listPasskeys();
    expect(list).toEqual([{ id: expect.any(String), label: 'Phone', createdAt: expect.any(Number) }]);
    const [slot] = await passkeySlotsOf(db);
    expect([slot!.prfSalt.length, slot!.hkdfSalt.length, slot!.iv.length]).toEqual([32, 32, 12]);

    vault.lock();
    expect(await vault.listPasskeys()).toEqual(list); // readable while locked
    await vault.unlockWithPasskey(fake);
    expect(await vault.getStatus()).toBe('unlocked');
    expect((await vault.listAccounts()).map((a) => a.issuer)).toEqual(['Example']);
    expect(vault.authenticatedWithin(60_000)).toBe(true);
    // The assertion asked for this slot's PRF salt under its base64url id.
    expect(fake.lastGet?.prfSaltsById.get(list[0]!.id)).toEqual(fake.salts.get(list[0]!.id));

    vault.lock();
    await vault.unlockWithPassphrase(PASS);
    expect((await vault.listAccounts()).length).toBe(1);
  });

  it('counts the passphrase typed to add a passkey as typed ("Ready to recover?"), and a passkey unlock not', async () => {
    const { vault, fake, tick } = await setup();
    tick(60_000);
    const before = await vault.passphraseTypedAt();
    await vault.addPasskey('Phone', PASS, fake);
    const added = await vault.passphraseTypedAt();
    expect(added).not.toBe(before);
    expect(added).toBeGreaterThan(before ?? 0);
    vault.lock();
    tick(60_000);
    await vault.unlockWithPasskey(fake);
    expect(await vault.passphraseTypedAt()).toBe(added);
  });

  it.each([
    ['all zero', new Uint8Array(32)],
    ['16 bytes', new Uint8Array(16).fill(9)],
  ])('refuses a PRF output that is %s and writes nothing', async (_name, output) => {
    const { vault, db, fake } = await setup();
    const before = await dumpDb(db);
    fake.nextPrf = output;
    await expectCode(vault.addPasskey('Bad', PASS, fake), 'passkey/prf-invalid');
    expect(await dumpDb(db)).toBe(before);
    expect(fake.forgotten).toHaveLength(1);
  });

  it('refuses an authenticator without PRF and writes nothing', async () => {
    const { vault, db, fake } = await setup();
    const before = await dumpDb(db);
    fake.nextPrf = null;
    await expectCode(vault.addPasskey('Old key', PASS, fake), 'passkey/prf-unsupported');
    expect(await dumpDb(db)).toBe(before);
  });

  it('refuses a wrong passphrase before any credential is created', async () => {
    const { vault, db, fake } = await setup();
    const before = await dumpDb(db);
    await expectCode(vault.addPasskey('Phone', `${PASS}!`, fake), 'vault/wrong-passphrase');
    expect(fake.salts.size).toBe(0);
    expect(await dumpDb(db)).toBe(before);
  });

  it('allows five passkeys and refuses a sixth', async () => {
    const { vault, db, fake } = await setup();
    for (let i = 1; i <= 5; i++) await vault.addPasskey(`Key ${i}`, PASS, fake);
    const before = await dumpDb(db);
    await expectCode(vault.addPasskey('Key 6', PASS, fake), 'passkey/limit');
    expect(await dumpDb(db)).toBe(before);
    expect((await vault.listPasskeys()).map((p) => p.label)).toEqual(['Key 1', 'Key 2', 'Key 3', 'Key 4', 'Key 5']);
  });

  it('removes a passkey after recent authentication; then only the passphrase unlocks', async () => {
    const { vault, fake } = await setup();
    await vault.addPasskey('Phone', PASS, fake);
    const id = (await vault.listPasskeys())[0]!.id;
    await vault.removePasskey(id, undefined, fake);
    expect(await vault.listPasskeys()).toEqual([]);
    expect(fake.forgotten).toEqual([id]);
    vault.lock();
    await expectCode(vault.unlockWithPasskey(fake), 'passkey/not-found');
    await vault.unlockWithPassphrase(PASS);
    expect(await vault.getStatus()).toBe('unlocked');
  });

  it('refuses to remove a passkey without recent authentication, and accepts the passphrase instead', async () => {
    const { vault, db, fake, tick } = await setup();
    await vault.addPasskey('Phone', PASS, fake);
    const id = (await vault.listPasskeys())[0]!.id;
    tick(61_000);
    const before = await dumpVault(db);
    await expectCode(vault.removePasskey(id), 'vault/reauth-required');
    await expectCode(vault.removePasskey(id, 'wrong'), 'vault/wrong-passphrase');
    expect(await dumpVault(db)).toBe(before);
    await vault.removePasskey(id, PASS);
    expect(await vault.listPasskeys()).toEqual([]);
    await expectCode(vault.removePasskey(id, PASS), 'passkey/not-found');
  });

  it('re-authenticates with a passkey while unlocked', async () => {
    const { vault, fake, tick } = await setup();
    await vault.addPasskey('Phone', PASS, fake);
    tick(61_000);
    expect(vault.authenticatedWithin(60_000)).toBe(false);
    await vault.verifyPasskey(fake);
    expect(vault.authenticatedWithin(60_000)).toBe(true);
    vault.lock();
    await expectCode(vault.verifyPasskey(fake), 'vault/locked');
  });

  it('a passkey unlock ends the wrong-passphrase wait and clears the count', async () => {
    const { vault, fake } = await setup();
    await vault.addPasskey('Phone', PASS, fake);
    vault.lock();
    for (let i = 0; i < 5; i++) await expectCode(vault.unlockWithPassphrase(`${PASS} ${i}`), 'vault/wrong-passphrase');
    expect(await vault.retryDelayMs()).toBe(1000);
    await vault.unlockWithPasskey(fake);
    expect(await vault.retryDelayMs()).toBe(0);
    vault.lock();
    await expectCode(vault.unlockWithPassphrase(`${PASS}!`), 'vault/wrong-passphrase');
    expect(await vault.retryDelayMs()).toBe(0); // counting starts again from one
  });

  it('refuses a credential the vault does not know', async () => {
    const { vault, fake } = await setup();
    await vault.addPasskey('Phone', PASS, fake);
    vault.lock();
    fake.present = bytesToB64Url(new Uint8Array(16).fill(3));
    await expectCode(vault.unlockWithPasskey(fake), 'passkey/not-found');
    expect(await vault.getStatus()).toBe('locked');
  });

  it('does not open a passkey slot copied into another vault (AAD binds the vault id)', async () => {
    const a = await setup();
    await a.vault.addPasskey('Phone', PASS, a.fake);
    const [slot] = await passkeySlotsOf(a.db);
    const b = await setup();
    const rowB = (await b.db.vault.get('vault'))!;
    await b.db.vault.put({ ...rowB, slots: [...rowB.slots, slot!] });
    b.vault.lock();
    await expectCode(b.vault.unlockWithPasskey(a.fake), 'passkey/prf-invalid');
    expect(await b.vault.getStatus()).toBe('locked');
  });

  it('does not open a wrapped key moved to another passkey slot (AAD binds the credential id)', async () => {
    const { vault, db, fake } = await setup();
    const shared = crypto.getRandomValues(new Uint8Array(32));
    fake.nextPrf = shared;
    await vault.addPasskey('One', PASS, fake);
    fake.nextPrf = new Uint8Array(shared);
    await vault.addPasskey('Two', PASS, fake);
    const [one, two] = (await passkeySlotsOf(db)) as [PasskeySlot, PasskeySlot];
    // Same PRF output and same HKDF salt: only the credential id in the AAD differs.
    const moved: PasskeySlot = { ...two, hkdfSalt: one.hkdfSalt, iv: one.iv, wrapped: one.wrapped };
    const row = (await db.vault.get('vault'))!;
    await db.vault.put({ ...row, slots: row.slots.map((s) => (s === row.slots.at(-1) ? moved : s)) });
    vault.lock();
    fake.present = bytesToB64Url(two.credentialId);
    await expectCode(vault.unlockWithPasskey(fake), 'passkey/prf-invalid');
    fake.present = bytesToB64Url(one.credentialId);
    await vault.unlockWithPasskey(fake);
    expect(await vault.getStatus()).toBe('unlocked');
  });

  it('needs an unlocked vault and a non-empty passphrase to add a passkey', async () => {
    const { vault, fake } = await setup();
    await expectCode(vault.addPasskey('Phone', '', fake), 'vault/passphrase-empty');
    vault.lock();
    await expectCode(vault.addPasskey('Phone', PASS, fake), 'vault/locked');
    await expectCode(vault.unlockWithPasskey(fake), 'passkey/not-found');
  });
});
