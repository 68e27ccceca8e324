/** Shared helpers for the vault service tests (not a test file itself). */
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { expect } from 'vitest';
import { encodeBase32 } from '../../../src/core/base32';
import type { AccountData } from '../../../src/core/account';
import { createInProcessKdf, type KdfRunner } from '../../../src/core/crypto/kdf';
import { AppError } from '../../../src/core/errors';
import { BACKOFF_KEY, OmamoriDb, PASSPHRASE_TYPED_KEY } from '../../../src/storage/db';
import { VaultService } from '../../../src/services/vault/vault';

// Dexie's liveQuery does nothing unless its global dependencies hold an IndexedDB; the
// per-database option is not enough. Node has none, so point them at fake-indexeddb.
Dexie.dependencies.indexedDB = indexedDB;
Dexie.dependencies.IDBKeyRange = IDBKeyRange;

/** Small Argon2id cost so that the suite stays fast; one test uses the defaults. */
export const FAST_ARGON2 = { m: 8192, t: 1, p: 1 };
export const PASS = 'correct horse battery staple';

export function openDb(name = `omamori-test-${crypto.randomUUID()}`): OmamoriDb {
  return new OmamoriDb(name, { indexedDB, IDBKeyRange });
}

export function makeService(db = openDb(), kdf: KdfRunner = createInProcessKdf()): VaultService {
  let clock = 1_700_000_000_000;
  return new VaultService({ db, kdf, argon2: FAST_ARGON2, now: () => (clock += 1000) });
}

export async function unlockedService(opts: { deviceSlot?: boolean } = {}): Promise<{ vault: VaultService; db: OmamoriDb }> {
  const db = openDb();
  const vault = makeService(db);
  await vault.create(PASS, { deviceSlot: opts.deviceSlot ?? false });
  return { vault, db };
}

export function totp(issuer: string, name = 'alice@example.com', secretB32 = 'JBSWY3DPEHPK3PXP'): AccountData {
  return { type: 'totp', issuer, name, secretB32, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, pin: '' };
}

export function hotp(issuer: string, counter = 0): AccountData {
  return { ...totp(issuer), type: 'hotp', counter };
}

export function randomSecretB32(bytes = 20): string {
  return encodeBase32(crypto.getRandomValues(new Uint8Array(bytes)));
}

function describeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('hex') };
  if (value instanceof CryptoKey) {
    return { cryptoKey: { type: value.type, extractable: value.extractable, algorithm: value.algorithm, usages: value.usages } };
  }
  if (Array.isArray(value)) return value.map(describeValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describeValue(v)]));
  }
  return value;
}

/** Every object store, byte-exact: bytes as hex, CryptoKeys by their public properties. */
export async function dumpDb(db: OmamoriDb): Promise<string> {
  const tables: Record<string, unknown> = {};
  for (const table of db.tables) tables[table.name] = describeValue(await table.toArray());
  return JSON.stringify(tables);
}

/**
 * The dump without the wrong-passphrase count (meta BACKOFF_KEY) and the date the passphrase was
 * last typed right (PASSPHRASE_TYPED_KEY): what "a wrong passphrase changes nothing" promises, as
 * both are kept beside the vault on purpose (services/vault/backoff.ts, passphrase-typed.ts).
 */
export async function dumpVault(db: OmamoriDb): Promise<string> {
  const all = JSON.parse(await dumpDb(db)) as Record<string, { key?: string }[]>;
  return JSON.stringify({ ...all, meta: all.meta?.filter((row) => row.key !== BACKOFF_KEY && row.key !== PASSPHRASE_TYPED_KEY) });
}

/** The dump plus every byte array decoded as latin1 and UTF-8, for searching plaintext. */
export async function searchableDump(db: OmamoriDb): Promise<string> {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (value instanceof Uint8Array) {
      const buf = Buffer.from(value);
      parts.push(buf.toString('hex'), buf.toString('latin1'), buf.toString('utf8'));
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object' && !(value instanceof CryptoKey)) Object.values(value).forEach(walk);
    else parts.push(String(value));
  };
  for (const table of db.tables) walk(await table.toArray());
  parts.push(await dumpDb(db));
  return parts.join('\n');
}

export async function expectCode(promise: Promise<unknown>, code: string, what?: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, what).toBeInstanceOf(AppError);
  expect((err as AppError).code, what).toBe(code);
}
