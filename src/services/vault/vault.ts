/**
 * @file VaultService, the one vault the app talks to. It owns no logic of its own beyond wiring
 * and sequencing; each part is a small object, testable alone:
 *
 *   VaultStore    (store.ts)       the database: reads, one-transaction writes, the vault row
 *   VaultSession  (session.ts)     lock state, state listeners, re-authentication policy
 *   PassphraseBackoff (backoff.ts) the wrong-passphrase wait, kept in the database for every tab
 *   VaultPresence (marker.ts)      the missing-vault guard
 *   KeySlots      (key-slots.ts)   create, unlock, passphrase and device slots
 *   Passkeys      (passkeys.ts)    passkey slots (WebAuthn PRF)
 *   Accounts      (accounts.ts)    account operations, each one transaction
 *   AccountFeed   (account-feed.ts) live lists, decrypted outside transactions
 *   OpenedRecords (records.ts)     the cache of opened records, emptied on lock
 *   RecentlyDeleted (recently-deleted.ts) deleted accounts kept for 30 days, loaded on first use
 *
 * A little over 300 lines: it is the facade, one short method per operation of its parts.
 */
import type { Account, AccountData, AccountExtras, RecoveryCode } from '../../core/account';
import type { Argon2Cost, KdfOptions, KdfRunner } from '../../core/crypto/kdf';
import type { StorageEvent } from '../../storage/db';
import { AccountFeed, type AccountsListener } from './account-feed';
import { Accounts, type NewAccount } from './accounts';
import { PassphraseBackoff } from './backoff';
import { KeySlots } from './key-slots';
import { createMemoryMarker, VaultPresence, type VaultMarker } from './marker';
import type { PasskeyInfo } from './passkey-slots';
import type { Passkeys } from './passkeys';
import type { RecoveryKits } from './recovery-kits';
import type { DeletedAccount, RecentlyDeleted } from './recently-deleted';
import { readPassphraseTyped } from './passphrase-typed';
import { OpenedRecords } from './records';
import { VaultSession, type VaultState } from './session';
import { VaultStore, type DbSource } from './store';
import type { WebAuthnAdapter } from './webauthn';

export type { VaultState } from './session';
export type { NewAccount } from './accounts';
export type { AccountsInfo, AccountsListener } from './account-feed';

/** How long after an unlock *Recently deleted* is purged of expired accounts (after the first code). */
const PURGE_AFTER_UNLOCK_MS = 500;
export type { DeletedAccount } from './recently-deleted';

export interface VaultServiceOptions {
  /** The Dexie database, or (the app) a loader for it and the raw start read: store.ts. */
  db: DbSource;
  kdf: KdfRunner;
  now?: () => number;
  /** Argon2id cost for new passphrase slots; tests pass small values. */
  argon2?: Argon2Cost;
  /** Remembers outside the database that a vault exists; defaults to one that forgets. */
  marker?: VaultMarker;
}

export class VaultService {
  readonly #store: VaultStore;
  readonly #session: VaultSession;
  readonly #presence: VaultPresence;
  readonly #records = new OpenedRecords();
  readonly #keySlots: KeySlots;
  /**
   * Passkey slots, loaded on first use (with WebAuthn and PRF code): a vault opened by its device
   * slot or passphrase never needs them, so they stay out of the start-up bundle. The lock screen
   * lists passkeys as it appears, which loads them before a user can press "Unlock with passkey".
   */
  readonly #passkeys: () => Promise<Passkeys>;
  /** The recovery kit's slot (recovery-kits.ts), loaded on first use like the passkeys. */
  readonly recoveryKit: () => Promise<RecoveryKits>;
  readonly #accounts: Accounts;
  readonly #feed: AccountFeed;
  readonly #backoff: PassphraseBackoff;
  /** *Recently deleted*, loaded on first use (or just after an unlock, to remove expired ones). */
  readonly #deleted: () => Promise<RecentlyDeleted>;
  #startPasskey: boolean | undefined;

  constructor(options: VaultServiceOptions) {
    this.#store = new VaultStore(options.db);
    this.#session = new VaultSession(options.now ?? Date.now);
    this.#presence = new VaultPresence(options.marker ?? createMemoryMarker());
    this.#session.onKeysChange(() => {
      if (this.#session.keys === null) this.#records.reset();
    });
    const backoff = new PassphraseBackoff(this.#store, this.#session.now);
    this.#backoff = backoff;
    this.#keySlots = new KeySlots(this.#store, this.#session, this.#presence, backoff, options.kdf, options.argon2);
    let passkeys: Promise<Passkeys> | undefined;
    this.#passkeys = () =>
      (passkeys ??= import('./passkeys').then(({ Passkeys }) => new Passkeys(this.#store, this.#session, this.#keySlots, backoff, options.kdf)));
    let kits: Promise<RecoveryKits> | undefined;
    this.recoveryKit = () =>
      (kits ??= import('./recovery-kits').then(({ RecoveryKits }) => new RecoveryKits(this.#store, this.#session, backoff, options.kdf, options.argon2)));
    this.#accounts = new Accounts(this.#store, this.#session, this.#records);
    this.#feed = new AccountFeed(this.#store, this.#session, this.#records);
    let deleted: Promise<RecentlyDeleted> | undefined;
    this.#deleted = () => (deleted ??= import('./recently-deleted').then(({ RecentlyDeleted }) => new RecentlyDeleted(this.#store, this.#session)));
    this.#session.onKeysChange(() => {
      // Accounts deleted more than 30 days ago go at each unlock; a failure only postpones it.
      // A moment after it: loading its module at once put a fetch on the first code's path.
      const keys = this.#session.keys;
      if (keys !== null) setTimeout(() => void (this.#session.keys === keys ? this.purgeDeleted().catch(() => undefined) : undefined), PURGE_AFTER_UNLOCK_MS);
    });
  }

  // ── State ────────────────────────────────────────────────────────────────────────────────────

  async getStatus(): Promise<VaultState> {
    if (this.#session.keys !== null) return 'unlocked';
    return (await this.#store.readVault()) === undefined ? this.#presence.stateWithoutVault() : 'locked';
  }

  subscribeState(listener: (state: VaultState) => void): () => void {
    return this.#session.subscribeState(listener);
  }

  /** Another tab upgrades/deletes the database ('version-change': reload) or waits for us ('blocked'). */
  subscribeStorage(listener: (event: StorageEvent) => void): () => void {
    return this.#store.onStorageEvent(listener);
  }

  /** The user chose to start over although the old vault is missing: forget the marker. */
  forgetMissingVault(): void {
    this.#presence.forget();
    this.#session.emit('none');
  }

  /**
   * After the database was closed under us ('version-change'): when it was deleted (the marker
   * says a vault existed), drop the keys and report 'missing' instead of running on empty.
   */
  async detectMissingVault(): Promise<boolean> {
    if (!this.#presence.hadVault()) return false;
    // A deletion completes only after every connection closed: give it a moment to finish.
    for (let attempt = 0; attempt < 10; attempt++) {
      if (!(await this.#store.exists())) {
        this.#session.close('missing');
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  /** Drops VK and every decrypted account; subscribers get an empty list. */
  lock(): void {
    this.#session.close('locked');
  }

  // ── Opening the vault, key slots ─────────────────────────────────────────────────────────────

  create(passphrase: string, options: { deviceSlot: boolean }, opts: KdfOptions = {}): Promise<void> {
    return this.#keySlots.create(passphrase, options, opts);
  }

  /**
   * App start in one read; with the device slot the vault opens at once, the first screen's rows
   * (or, with none remembered, all of them) decrypted before the first live-list delivery so that
   * it comes from the cache.
   */
  async openOnStart(): Promise<VaultState> {
    if (this.#session.keys !== null) return 'unlocked';
    const start = await this.#keySlots.openOnStart();
    if (start.state === 'locked') this.#startPasskey = start.passkey;
    if (start.state !== 'unlocked') return start.state;
    const opened = await this.#feed.openFirst(start.keys, start.start);
    // The list shown first is these rows: no second read of every row before the first code.
    this.#feed.readAhead(opened);
    this.#session.open(start.keys);
    return 'unlocked';
  }

  /**
   * After a start that found the vault locked: whether it has a passkey slot, from the start's own
   * read (no second read, and no wait for Dexie, which loads after the first screen).
   */
  startedWithPasskey(): boolean | undefined {
    return this.#startPasskey;
  }

  /**
   * The account rows are read while Argon2id runs (in its Worker), so the list needs no read after
   * it. Only once it runs (its first progress): reading 10,000 rows keeps the page busy for about
   * 150 ms as they arrive, which before the Worker started delayed Argon2id itself by as much.
   */
  async unlockWithPassphrase(passphrase: string, opts: KdfOptions = {}): Promise<void> {
    let reading = false;
    const onProgress = (progress: number): void => {
      if (!reading) this.#feed.readAhead();
      reading = true;
      opts.onProgress?.(progress);
    };
    try {
      await this.#keySlots.unlockWithPassphrase(passphrase, { ...opts, onProgress });
    } catch (err) {
      this.#feed.dropAhead();
      throw err;
    }
  }

  unlockWithDevice(): Promise<boolean> {
    return this.#keySlots.unlockWithDevice();
  }

  /**
   * Milliseconds until the lock screen and the re-authentication dialog accept another passphrase
   * (0 = now). Read from the database: the wait set by another tab, or before a reload, counts.
   */
  retryDelayMs(): Promise<number> {
    return this.#backoff.delayMs();
  }

  hasDeviceSlot(): Promise<boolean> {
    return this.#keySlots.hasDeviceSlot();
  }

  setDeviceSlot(enabled: boolean, passphrase: string, opts: KdfOptions = {}): Promise<void> {
    return this.#keySlots.setDeviceSlot(enabled, passphrase, opts);
  }

  changePassphrase(current: string, next: string, opts: KdfOptions = {}): Promise<void> {
    return this.#keySlots.changePassphrase(current, next, opts);
  }

  /** "Do you still know your passphrase?": right or wrong, outside the backoff, no proof (key-slots.ts). */
  checkPassphrase(passphrase: string, opts: KdfOptions = {}): Promise<boolean> {
    return this.#keySlots.checkPassphrase(passphrase, opts);
  }

  /** When the passphrase was last typed and right (passphrase-typed.ts); null when unknown. */
  passphraseTypedAt(): Promise<number | null> {
    return readPassphraseTyped(this.#store);
  }

  /** Whether the vault row has a recovery kit's slot, read without loading recovery-kits.ts (lock screen). */
  async hasRecoveryKit(): Promise<boolean> {
    return (await this.recoveryKitDates()) !== null;
  }

  /** The kit's dates (checkedAt 0 = not checked), or null; for the code list's "Ready to recover?" bar. */
  async recoveryKitDates(): Promise<{ createdAt: number; checkedAt: number } | null> {
    const row = await this.#store.readVault();
    const slot = row?.slots.find((s) => s.kind === 'recovery');
    return slot?.kind === 'recovery' ? { createdAt: slot.createdAt, checkedAt: slot.checkedAt } : null;
  }

  // ── Re-authentication (the policy is in session.ts) ──────────────────────────────────────────

  verifyPassphrase(passphrase: string, opts: KdfOptions = {}): Promise<void> {
    return this.#keySlots.verifyPassphrase(passphrase, opts);
  }

  async verifyPasskey(webauthn?: WebAuthnAdapter): Promise<void> {
    return (await this.#passkeys()).verify(webauthn);
  }

  /** True when the passphrase or a passkey was given within `ms` (device-slot opens do not count). */
  authenticatedWithin(ms: number): boolean {
    return this.#session.authenticatedWithin(ms);
  }

  /** True when a sensitive operation would throw `vault/reauth-required` now. */
  proofNeeded(): boolean {
    return this.#session.proofNeeded();
  }

  /** For the other services' sensitive operations (exports): throws `vault/reauth-required`. */
  requireRecentProof(): void {
    this.#session.requireRecentProof();
  }

  /** The setup key and the otpauth:// link of one account; needs a recent proof. */
  async revealSecret(id: string): Promise<{ secretB32: string; link: string }> {
    this.#session.requireRecentProof();
    // The link writer loads here: nothing on the way to the first code needs it.
    const [account, { formatOtpauthUri }] = await Promise.all([this.#accounts.getAccount(id), import('../../core/otpauth-uri')]);
    return { secretB32: account.secretB32, link: formatOtpauthUri(account) };
  }

  /** The recovery codes of one account; needs a recent proof. */
  async revealRecoveryCodes(id: string): Promise<RecoveryCode[]> {
    this.#session.requireRecentProof();
    return (await this.#accounts.getAccount(id)).recoveryCodes;
  }

  // ── Passkeys ─────────────────────────────────────────────────────────────────────────────────

  async listPasskeys(): Promise<PasskeyInfo[]> {
    return (await this.#passkeys()).list();
  }

  async addPasskey(label: string, passphrase: string, webauthn?: WebAuthnAdapter, opts: KdfOptions = {}): Promise<void> {
    return (await this.#passkeys()).add(label, passphrase, webauthn, opts);
  }

  async removePasskey(id: string, passphrase?: string, webauthn?: WebAuthnAdapter): Promise<void> {
    return (await this.#passkeys()).remove(id, passphrase, webauthn);
  }

  async unlockWithPasskey(webauthn?: WebAuthnAdapter): Promise<void> {
    return (await this.#passkeys()).unlock(webauthn);
  }

  // ── Accounts ─────────────────────────────────────────────────────────────────────────────────

  addAccount(data: NewAccount) {
    return this.#accounts.addAccount(data);
  }

  addAccounts(list: readonly NewAccount[]) {
    return this.#accounts.addAccounts(list);
  }

  importAccounts(added: readonly NewAccount[], updates: readonly { existing: Account; data: NewAccount }[] = [], opts: { fromBackup?: boolean } = {}) {
    return this.#accounts.importAccounts(added, updates, opts);
  }

  updateAccount(id: string, data: AccountData, extras: Partial<AccountExtras> = {}) {
    return this.#accounts.updateAccount(id, data, extras);
  }

  updateExtras(id: string, extras: Partial<AccountExtras>) {
    return this.#accounts.updateExtras(id, extras);
  }

  markUsed(id: string) {
    return this.#accounts.markUsed(id);
  }

  setGroupMembership(ids: readonly string[], group: string, member: boolean) {
    return this.#accounts.setGroupMembership(ids, group, member);
  }

  renameGroup(from: string, to: string) {
    return this.#accounts.renameGroup(from, to);
  }

  deleteGroup(name: string) {
    return this.#accounts.deleteGroup(name);
  }

  setOrder(ids: readonly string[]) {
    return this.#accounts.setOrder(ids);
  }

  advanceHotp(id: string) {
    return this.#accounts.advanceHotp(id);
  }

  deleteAccount(id: string) {
    return this.#accounts.deleteAccount(id);
  }

  deleteAccounts(ids: readonly string[]) {
    return this.#accounts.deleteAccounts(ids);
  }

  restoreAccount(account: Account) {
    return this.#accounts.restoreAccount(account);
  }

  listAccounts() {
    return this.#accounts.listAccounts();
  }

  /** *Recently deleted*, newest first (never in listAccounts, the live list or any export). */
  async listDeleted(): Promise<DeletedAccount[]> {
    return (await this.#deleted()).list();
  }

  async restoreDeleted(id: string): Promise<Account> {
    return (await this.#deleted()).restore(id);
  }

  /** Removes a deleted account for good. */
  async removeDeleted(id: string): Promise<void> {
    return (await this.#deleted()).remove(id);
  }

  /** Removes accounts deleted more than 30 days ago (also done at each unlock). */
  async purgeDeleted(): Promise<number> {
    return (await this.#deleted()).purgeExpired();
  }

  /** Number of rows the last list or live update could not decrypt. */
  getDamagedCount(): number {
    return this.#records.damagedCount;
  }

  /** Live list (all tabs). While locked the listener gets `[]`. Returns the unsubscribe function. */
  /** The list's accounts in the order it shows them, for the next unlock's first screen (first-screen.ts). */
  rememberFirstScreen(shown: readonly { id: string }[]): Promise<void> {
    return this.#feed.rememberFirstScreen(shown);
  }

  subscribeAccounts(listener: AccountsListener): () => void {
    return this.#feed.subscribe(listener);
  }
}
