/**
 * @file The one description of the database that both readers use: its name, its versions and
 * their object stores (Dexie's `stores()` syntax), and the row types. `db.ts` (Dexie, every write,
 * live queries, upgrades) declares its versions from it; `start-read.ts` (raw IndexedDB, the
 * first code's read-only start path) opens exactly the native version this makes, and never
 * upgrades. No Dexie here, so the start path does not load it.
 */

export const DB_NAME = 'omamori';

/**
 * Append-only, as db.ts's header says: each entry is one `version(n).stores(...)`. Version 2:
 * *Recently deleted*, a table of its own, so that every reader of `accounts` (the list, exports,
 * the backup reminder) leaves deleted accounts out without a filter.
 */
export const SCHEMA_VERSIONS: readonly { version: number; stores: Readonly<Record<string, string>> }[] = [
  { version: 1, stores: { vault: 'key', accounts: 'id, sortKey', deviceKeys: 'key', meta: 'key' } },
  { version: 2, stores: { deleted: 'id, deletedAt' } },
];

/** The newest version above; Dexie stores version(n) as the native IndexedDB version n × 10. */
export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 0;
export const NATIVE_VERSION = Math.round(SCHEMA_VERSION * 10);

/** The stores and the index the start path reads (the account list in `sortKey` order). */
export const START_STORES = { vault: 'vault', deviceKeys: 'deviceKeys', accounts: 'accounts', accountOrder: 'sortKey', meta: 'meta' } as const;

export type Bytes = Uint8Array<ArrayBuffer>;

export interface PassphraseSlot {
  kind: 'passphrase';
  kdf: { alg: 'argon2id'; m: number; t: number; p: number; salt: Bytes };
  iv: Bytes;
  wrapped: Bytes;
}

export interface DeviceSlot {
  kind: 'device';
  iv: Bytes;
  wrapped: Bytes;
}

export interface PasskeySlot {
  kind: 'passkey';
  credentialId: Bytes;
  prfSalt: Bytes;
  hkdfSalt: Bytes;
  iv: Bytes;
  wrapped: Bytes;
  createdAt: number;
  label: string;
}

/**
 * The recovery kit's slot (at most one; docs/vault-format.md): VK sealed under HKDF(recovery key,
 * salt), and the file KEK (HKDF(recovery key, fileSalt), another label) sealed under VK, so that
 * backups made while the kit exists get a recovery slot without the key being typed. k = n = 1 for
 * a kit kept whole. `checkedAt` is 0 until the sheets were typed or scanned back once.
 */
export interface RecoverySlot {
  kind: 'recovery';
  kitId: Bytes;
  k: number;
  n: number;
  salt: Bytes;
  iv: Bytes;
  wrapped: Bytes;
  fileSalt: Bytes;
  fileIv: Bytes;
  fileWrapped: Bytes;
  createdAt: number;
  checkedAt: number;
}

export type Slot = PassphraseSlot | DeviceSlot | PasskeySlot | RecoverySlot;

export interface VaultRow {
  key: 'vault';
  vaultId: string;
  formatVersion: 1;
  createdAt: number;
  slots: Slot[];
}

export interface AccountRow {
  id: string;
  sortKey: number;
  updatedAt: number;
  iv: Bytes;
  ct: Bytes;
}

/**
 * An account in *Recently deleted* (version 2): the account's row moved as it was — same id, so
 * its ciphertext and AAD are unchanged — with the time it was deleted, for the 30-day purge.
 */
export interface DeletedRow extends AccountRow {
  deletedAt: number;
}

export interface DeviceKeyRow {
  key: 'device';
  cryptoKey: CryptoKey;
}

/** Non-secret settings (language, last export date, …), and the first screen's ids sealed under VK. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The wrong-passphrase backoff (services/vault/backoff.ts), a row of `meta` so that a reload or
 * another tab sees the same wait. `meta` exists since version 1: no schema change, no upgrade.
 */
export const BACKOFF_KEY = 'passphrase-backoff';
export interface BackoffState {
  /** Wrong passphrases in a row, in any tab. */
  failures: number;
  /** Wall-clock time (ms) of the last one. */
  lastFailureAt: number;
}

/**
 * When the vault passphrase was last typed and found right (ms; services/vault/passphrase-typed.ts),
 * for "Ready to recover?". A date only, never anything about the passphrase. A row of `meta`.
 */
export const PASSPHRASE_TYPED_KEY = 'passphrase-typed';

/**
 * The ids of the accounts the list showed first, in its order, sealed under the vault key
 * (services/vault/first-screen.ts): at the next unlock or start only these rows are opened before
 * the first code, the rest after it (#19). A hint only: a stale or unreadable one costs nothing but
 * the speed. A row of `meta`; its value is the sealed record.
 */
export const FIRST_SCREEN_KEY = 'first-screen';
/** Ids remembered: more than any screen shows at once (the grid's first paint is 12 cards, a few screens follow). */
export const FIRST_SCREEN_SIZE = 60;
export interface FirstScreenRow {
  key: typeof FIRST_SCREEN_KEY;
  value: { iv: Bytes; ct: Bytes };
}
