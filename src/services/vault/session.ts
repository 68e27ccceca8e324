/**
 * @file The vault's lock state: the vault key while unlocked (a non-extractable CryptoKey, never
 * its bytes), who is told when that changes, and when the user last proved who they are (the
 * wrong-passphrase backoff is kept in the database: backoff.ts). The re-authentication policy lives here: revealing a setup key or recovery
 * codes, exporting accounts in any form, removing a passkey and turning auto-lock off need a
 * passphrase or passkey given within REAUTH_WINDOW_MS; operations that need it call
 * `requireRecentProof()`, and the UI asks for the proof only when `proofNeeded()` says so or an
 * operation throws `vault/reauth-required`.
 */
import { AppError } from '../../core/errors';

/** 'missing': no vault in the database although this browser had one (see marker.ts). */
export type VaultState = 'none' | 'missing' | 'locked' | 'unlocked';

/** How recent a passphrase or passkey must be for a sensitive operation. */
export const REAUTH_WINDOW_MS = 60_000;

export interface VaultKeys {
  vk: CryptoKey;
  vaultId: string;
}

export class VaultSession {
  readonly now: () => number;
  #keys: VaultKeys | null = null;
  readonly #stateListeners = new Set<(state: VaultState) => void>();
  readonly #keyListeners = new Set<() => void>();
  /** When the user last proved who they are (passphrase or passkey); 0 = not this session. */
  #lastAuthAt = 0;

  constructor(now: () => number) {
    this.now = now;
  }

  get keys(): VaultKeys | null {
    return this.#keys;
  }

  requireUnlocked(): VaultKeys {
    if (this.#keys === null) throw new AppError('vault/locked');
    return this.#keys;
  }

  /** The vault is open with `keys`. */
  open(keys: VaultKeys): void {
    this.#keys = keys;
    this.#keysChanged();
    this.emit('unlocked');
  }

  /** Drops the key (lock, or the database vanished); nothing was unlocked → nothing happens. */
  close(state: 'locked' | 'missing'): void {
    if (this.#keys === null && state === 'locked') return;
    this.#keys = null;
    this.#lastAuthAt = 0;
    this.#keysChanged();
    this.emit(state);
  }

  emit(state: VaultState): void {
    for (const listener of [...this.#stateListeners]) listener(state);
  }

  subscribeState(listener: (state: VaultState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** For the vault's own parts (record cache, live lists): called after every open or close. */
  onKeysChange(listener: () => void): () => void {
    this.#keyListeners.add(listener);
    return () => this.#keyListeners.delete(listener);
  }

  #keysChanged(): void {
    for (const listener of [...this.#keyListeners]) listener();
  }

  markAuthenticated(): void {
    this.#lastAuthAt = this.now();
  }

  /** True when the passphrase or a passkey was given within `ms` (device-slot opens do not count). */
  authenticatedWithin(ms: number): boolean {
    return this.#keys !== null && this.#lastAuthAt > 0 && this.now() - this.#lastAuthAt <= ms;
  }

  /** True when a sensitive operation would refuse now: ask for the passphrase or a passkey first. */
  proofNeeded(): boolean {
    return !this.authenticatedWithin(REAUTH_WINDOW_MS);
  }

  /** Throws `vault/locked`, or `vault/reauth-required` when the last proof is older than the window. */
  requireRecentProof(): void {
    this.requireUnlocked();
    if (this.proofNeeded()) throw new AppError('vault/reauth-required');
  }
}
