/**
 * @file Account records: what goes inside the ciphertext, how a row is opened, and a cache of
 * opened rows (matched on IV and ciphertext) so live queries do not decrypt every unchanged row
 * again.
 */
import type { Sealed } from '../../core/crypto/aead';
import { bytesEqual } from '../../core/crypto/bytes';
import { openRecord, sealRecord } from '../../core/crypto/vault-keys';
import { ACCOUNT_ALGORITHMS, extrasOf, fixedAlgorithm, OTP_TYPES, type Account, type AccountData, type AccountExtras } from '../../core/account';
import { AppError } from '../../core/errors';
import type { AccountRow } from '../../storage/db';

/** Inside the ciphertext: everything but the id, which the row and the AAD carry. */
type RecordPayload = AccountData & AccountExtras & { createdAt: number; updatedAt: number; changedAt: number; backedUpAt: number };

function toPayload(account: Account): RecordPayload {
  const { type, issuer, name, secretB32, algorithm, digits, period, counter, pin, createdAt, updatedAt, changedAt, backedUpAt } = account;
  return { type, issuer, name, secretB32, algorithm, digits, period, counter, pin, ...extrasOf(account), createdAt, updatedAt, changedAt, backedUpAt };
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** Extras as stored; records from before extras existed (or with odd values) open with defaults. */
function extrasFromPayload(v: Record<string, unknown>): AccountExtras {
  const codes = Array.isArray(v.recoveryCodes) ? (v.recoveryCodes as unknown[]) : [];
  return {
    favourite: v.favourite === true,
    groups: Array.isArray(v.groups) ? (v.groups as unknown[]).filter(isStr) : [],
    notes: isStr(v.notes) ? v.notes : '',
    recoveryCodes: codes
      .filter((c): c is { code: string; usedAt: number } => typeof c === 'object' && c !== null && isStr((c as { code?: unknown }).code))
      .map((c) => ({ code: c.code, usedAt: isInt(c.usedAt) ? c.usedAt : 0 })),
    icon: isStr(v.icon) ? v.icon : '',
    lastUsedAt: isInt(v.lastUsedAt) ? v.lastUsedAt : 0,
  };
}

/** Structural check only: a record written by an older, laxer validator must still open. */
function fromPayload(id: string, value: unknown): Account | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const ok =
    (OTP_TYPES as readonly unknown[]).includes(v.type) &&
    (ACCOUNT_ALGORITHMS as readonly unknown[]).includes(v.algorithm) &&
    isStr(v.issuer) &&
    isStr(v.name) &&
    isStr(v.secretB32) &&
    isStr(v.pin) &&
    isInt(v.digits) &&
    isInt(v.period) &&
    isInt(v.counter) &&
    isInt(v.createdAt) &&
    isInt(v.updatedAt);
  if (!ok) return null;
  const p = v as unknown as RecordPayload;
  const changedAt = isInt(v.changedAt) ? v.changedAt : p.updatedAt;
  // Records from before restores were remembered came from no backup as far as anyone knows.
  const backedUpAt = isInt(v.backedUpAt) ? v.backedUpAt : 0;
  // Older versions stored mOTP as SHA1 (its codes never used the field): read it as what it is.
  const algorithm = fixedAlgorithm(p.type) ?? p.algorithm;
  return { ...toPayload({ ...p, algorithm, ...extrasFromPayload(v), changedAt, backedUpAt, id }), id };
}

export function sealAccount(vk: CryptoKey, vaultId: string, account: Account): Promise<Sealed> {
  return sealRecord(vk, vaultId, account.id, toPayload(account));
}

/** Throws `vault/record-damaged` when the row does not open or holds no account. */
export async function openAccount(vk: CryptoKey, vaultId: string, row: AccountRow): Promise<Account> {
  let value: unknown;
  try {
    value = await openRecord(vk, vaultId, row.id, { iv: row.iv, ct: row.ct });
  } catch (err) {
    throw new AppError('vault/record-damaged', { cause: err });
  }
  const account = fromPayload(row.id, value);
  if (account === null) throw new AppError('vault/record-damaged');
  return account;
}

export class RecordCache {
  private readonly entries = new Map<string, { sealed: Sealed; account: Account }>();

  get(row: AccountRow): Account | undefined {
    const hit = this.entries.get(row.id);
    const same = hit !== undefined && bytesEqual(hit.sealed.iv, row.iv) && bytesEqual(hit.sealed.ct, row.ct);
    return same ? hit.account : undefined;
  }

  set(sealed: Sealed, account: Account): void {
    this.entries.set(account.id, { sealed, account });
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops entries for rows that no longer exist. */
  retain(rows: readonly AccountRow[]): void {
    const ids = new Set(rows.map((r) => r.id));
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }
}

/** Rows opened together; between two slices the page gets a turn, so 10,000 rows make no long task. */
export const OPEN_SLICE = 500;

/** Lets the page run (input, paint) before the next slice: scheduler.yield where there is one. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** Opens every row (in order), in slices; damaged rows are skipped and counted, never thrown. */
export async function openRows(
  vk: CryptoKey,
  vaultId: string,
  rows: readonly AccountRow[],
  cache: RecordCache,
  pause: () => Promise<void> = yieldToPage,
): Promise<{ accounts: Account[]; damagedCount: number }> {
  // Rows already open (a live update after one change) cost a lookup; only the others are sliced.
  const opened: (Account | null | undefined)[] = rows.map((row) => cache.get(row));
  const missing = opened.flatMap((a, i) => (a === undefined ? [i] : []));
  for (let start = 0; start < missing.length; start += OPEN_SLICE) {
    if (start > 0) await pause();
    await Promise.all(
      missing.slice(start, start + OPEN_SLICE).map(async (i) => {
        const row = rows[i] as AccountRow;
        try {
          const account = await openAccount(vk, vaultId, row);
          cache.set({ iv: row.iv, ct: row.ct }, account);
          opened[i] = account;
        } catch {
          opened[i] = null;
        }
      }),
    );
  }
  const accounts = opened.filter((a): a is Account => a !== null && a !== undefined);
  return { accounts, damagedCount: rows.length - accounts.length };
}

/**
 * The opened records of the unlocked vault, shared by the account operations and the live lists:
 * the cache of opened rows and how many rows did not open. Emptied on every lock.
 */
export class OpenedRecords {
  cache = new RecordCache();
  /** Rows that did not decrypt in the last list or live update; left out, never deleted. */
  damagedCount = 0;

  reset(): void {
    this.cache = new RecordCache();
    this.damagedCount = 0;
  }
}
