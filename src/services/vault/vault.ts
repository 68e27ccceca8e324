/**
 * @file VaultService: the vault core (vault-core.ts) plus passkey slots (WebAuthn PRF). Slot
 * helpers live in vault-passkeys.ts, browser calls in webauthn.ts. This is the class the app uses.
 */
import { type KdfOptions } from '../../core/crypto/kdf';
import { AppError, throwIfAborted } from '../../core/errors';
import { VaultCore } from './vault-core';
import {
  enrolPasskey,
  openPasskeySlot,
  PASSKEY_REAUTH_MS,
  passkeyInfos,
  slotsWithoutPasskey,
  slotsWithPasskey,
  type PasskeyInfo,
} from './passkey-slots';
import { defaultWebAuthn, type WebAuthnAdapter } from './webauthn';

export type { VaultServiceOptions, VaultState } from './vault-core';

export class VaultService extends VaultCore {
  /** Label and id of each passkey slot; works while locked (the lock screen asks). */
  async listPasskeys(): Promise<PasskeyInfo[]> {
    const row = await this.readVault();
    return row === undefined ? [] : passkeyInfos(row);
  }

  /**
   * Enrols a passkey. The passphrase is the re-authentication and what opens VK for rewrapping;
   * it is checked before the browser's passkey prompt. Throws `passkey/limit`,
   * `passkey/prf-unsupported`, `passkey/prf-invalid`, `vault/wrong-passphrase`, `aborted`.
   */
  async addPasskey(label: string, passphrase: string, webauthn: WebAuthnAdapter = defaultWebAuthn, opts: KdfOptions = {}): Promise<void> {
    this.requireUnlocked();
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const row = await this.requireVault();
    const slot = await enrolPasskey({ kdf: this.kdfRunner, passphrase, row, label, createdAt: this.now(), webauthn, opts });
    throwIfAborted(opts.signal);
    this.markAuthenticated();
    const { db } = this;
    try {
      await this.write([db.vault], async () => {
        const current = await db.vault.get('vault');
        if (current === undefined || current.vaultId !== row.vaultId) throw new AppError('vault/not-found');
        await db.vault.put({ ...current, slots: slotsWithPasskey(current, slot) });
      });
    } catch (err) {
      webauthn.forgetCredential?.(slot.credentialId);
      throw err;
    }
  }

  /** Needs a recent passphrase or passkey (`ensureRecentAuth()` in the UI), or `passphrase` here. */
  async removePasskey(id: string, passphrase?: string, webauthn: WebAuthnAdapter = defaultWebAuthn): Promise<void> {
    if (passphrase !== undefined) await this.verifyPassphrase(passphrase);
    this.requireUnlocked();
    if (!this.authenticatedWithin(PASSKEY_REAUTH_MS)) throw new AppError('vault/reauth-required');
    const { db } = this;
    const removed = await this.write([db.vault], async () => {
      const current = await db.vault.get('vault');
      if (current === undefined) throw new AppError('vault/not-found');
      const next = slotsWithoutPasskey(current, id);
      await db.vault.put({ ...current, slots: next.slots });
      return next.removed;
    });
    webauthn.forgetCredential?.(removed.credentialId);
  }

  /** Lock screen: opens the vault with any enrolled passkey; the passphrase keeps working. */
  async unlockWithPasskey(webauthn: WebAuthnAdapter = defaultWebAuthn): Promise<void> {
    const row = await this.requireVault();
    const vk = await openPasskeySlot(webauthn, row);
    this.resetBackoff();
    this.markAuthenticated();
    this.unlocked(vk, row.vaultId);
  }

  /** Re-authentication with a passkey while unlocked; changes nothing else. */
  async verifyPasskey(webauthn: WebAuthnAdapter = defaultWebAuthn): Promise<void> {
    const { vaultId } = this.requireUnlocked();
    const row = await this.requireVault();
    if (row.vaultId !== vaultId) throw new AppError('vault/not-found');
    await openPasskeySlot(webauthn, row);
    this.markAuthenticated();
  }
}
