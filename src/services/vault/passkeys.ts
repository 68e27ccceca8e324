/**
 * @file Passkeys as a way in: enrolling one (the passphrase proves the user and opens VK for the
 * rewrap, checked before the browser's prompt), removing one (needs a recent proof), unlocking
 * with any enrolled one, and re-authenticating with one. Slot crypto is in passkey-slots.ts, the
 * browser calls in webauthn.ts (an adapter, so tests can fake the authenticator).
 */
import type { KdfOptions, KdfRunner } from '../../core/crypto/kdf';
import { AppError, throwIfAborted } from '../../core/errors';
import { enrolPasskey, openPasskeySlot, passkeyInfos, slotsWithoutPasskey, slotsWithPasskey, type PasskeyInfo } from './passkey-slots';
import type { PassphraseBackoff } from './backoff';
import { recordPassphraseTyped } from './passphrase-typed';
import type { KeySlots } from './key-slots';
import type { VaultSession } from './session';
import type { VaultStore } from './store';
import { defaultWebAuthn, type WebAuthnAdapter } from './webauthn';

export class Passkeys {
  readonly #store: VaultStore;
  readonly #session: VaultSession;
  readonly #keySlots: KeySlots;
  readonly #kdf: KdfRunner;
  readonly #backoff: PassphraseBackoff;

  constructor(store: VaultStore, session: VaultSession, keySlots: KeySlots, backoff: PassphraseBackoff, kdf: KdfRunner) {
    this.#store = store;
    this.#session = session;
    this.#keySlots = keySlots;
    this.#backoff = backoff;
    this.#kdf = kdf;
  }

  /** Label and id of each passkey slot; works while locked (the lock screen asks). */
  async list(): Promise<PasskeyInfo[]> {
    const row = await this.#store.readVault();
    return row === undefined ? [] : passkeyInfos(row);
  }

  /**
   * Enrols a passkey. Throws `passkey/limit`, `passkey/prf-unsupported`, `passkey/prf-invalid`,
   * `vault/wrong-passphrase`, `aborted`.
   */
  async add(label: string, passphrase: string, webauthn: WebAuthnAdapter = defaultWebAuthn, opts: KdfOptions = {}): Promise<void> {
    this.#session.requireUnlocked();
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const row = await this.#store.requireVault();
    const slot = await enrolPasskey({ kdf: this.#kdf, passphrase, row, label, createdAt: this.#session.now(), webauthn, opts });
    throwIfAborted(opts.signal);
    this.#session.markAuthenticated();
    try {
      await this.#store.write(['vault'], async (db) => {
        const current = await db.vault.get('vault');
        if (current === undefined || current.vaultId !== row.vaultId) throw new AppError('vault/not-found');
        await db.vault.put({ ...current, slots: slotsWithPasskey(current, slot) });
      });
    } catch (err) {
      webauthn.forgetCredential?.(slot.credentialId);
      throw err;
    }
    // The passphrase was typed and right ("Ready to recover?" counts it like an unlock).
    await recordPassphraseTyped(this.#store, this.#session.now());
  }

  /** Needs a recent passphrase or passkey (throws `vault/reauth-required`), or `passphrase` here. */
  async remove(id: string, passphrase?: string, webauthn: WebAuthnAdapter = defaultWebAuthn): Promise<void> {
    if (passphrase !== undefined) await this.#keySlots.verifyPassphrase(passphrase);
    this.#session.requireRecentProof();
    const removed = await this.#store.write(['vault'], async (db) => {
      const current = await db.vault.get('vault');
      if (current === undefined) throw new AppError('vault/not-found');
      const next = slotsWithoutPasskey(current, id);
      await db.vault.put({ ...current, slots: next.slots });
      return next.removed;
    });
    webauthn.forgetCredential?.(removed.credentialId);
  }

  /** Lock screen: opens the vault with any enrolled passkey; the passphrase keeps working. */
  async unlock(webauthn: WebAuthnAdapter = defaultWebAuthn): Promise<void> {
    const row = await this.#store.requireVault();
    const vk = await openPasskeySlot(webauthn, row);
    await this.#backoff.reset();
    this.#session.markAuthenticated();
    this.#session.open({ vk, vaultId: row.vaultId });
  }

  /** Re-authentication with a passkey while unlocked; changes nothing else. */
  async verify(webauthn: WebAuthnAdapter = defaultWebAuthn): Promise<void> {
    const { vaultId } = this.#session.requireUnlocked();
    const row = await this.#store.requireVault();
    if (row.vaultId !== vaultId) throw new AppError('vault/not-found');
    await openPasskeySlot(webauthn, row);
    await this.#backoff.reset();
    this.#session.markAuthenticated();
  }
}
