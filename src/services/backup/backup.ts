/**
 * @file Encrypted backups (docs/security.md, "The export file"): export with a read-back check, restore as
 * preview → one transaction, and "test a backup" against the vault. The file codec is pure
 * (src/core/export-file.ts); this layer adds the vault and the last-export time.
 */
import { extrasOf, type Account, type AccountData } from '../../core/account';
import { DEFAULT_ARGON2, type Argon2Cost, type KdfOptions, type KdfRunner } from '../../core/crypto/kdf';
import { sha256Hex } from '../../core/crypto/digest';
import { AppError, throwIfAborted } from '../../core/errors';
import {
  inspectExportFile,
  openExportFile,
  readExportFile,
  writeExportFile,
  type BackupAccount,
  type ExportPayload,
  type ExportSecret,
  type WriteSecret,
  type SlotType,
} from '../../core/export-file';
import { validateAccount } from '../../core/account';
import type { RecoveryFileKey } from '../vault/recovery-kits';
import type { VaultService } from '../vault/vault';

export type { ExportSecret, WriteSecret } from '../../core/export-file';

import { createLastExportStore, type LastExportStore } from './health';

export { createLastExportStore, LAST_EXPORT_KEY, type LastExportStore } from './health';

export interface ImportPreview {
  /** Not in the vault: imported. */
  added: BackupAccount[];
  /** Same secret and parameters and the same details: skipped. */
  present: Account[];
  /** Same secret and parameters, other details (name, counter, notes, recovery codes…): updated only if chosen. */
  changed: { existing: Account; incoming: BackupAccount }[];
  count: number;
  /** Opened through a passphrase slot made with less than the app's settings: suggest a new export. */
  weakKdf: boolean;
}

export type BackupCheck = (
  | { ok: true; count: number }
  | {
      ok: false;
      /** In the vault, not in the backup. */
      missing: BackupAccount[];
      /** In the backup, not in the vault. */
      extra: BackupAccount[];
      /** The same credential with other details. */
      different: { inVault: BackupAccount; inBackup: BackupAccount }[];
    }
) & {
  /** As in ImportPreview: the file opened, but a new export would be stronger. */
  weakKdf: boolean;
};

export interface BackupServiceOptions {
  kdf: KdfRunner;
  app: string;
  now?: () => number;
  argon2?: Argon2Cost;
  lastExport?: LastExportStore;
}

/** `recoveryKit` is optional so that tests may pass a vault without one; the app's vault has it. */
export type VaultForBackup = Pick<VaultService, 'listAccounts' | 'importAccounts' | 'requireRecentProof'> & Partial<Pick<VaultService, 'recoveryKit'>>;

const FIELDS = ['type', 'issuer', 'name', 'secretB32', 'algorithm', 'digits', 'period', 'counter', 'pin'] as const;

/** Everything a backup carries, as one comparable string. */
function entryKey(a: BackupAccount): string {
  return JSON.stringify([FIELDS.map((f) => a[f]), a.favourite, a.groups, a.notes, a.recoveryCodes.map((c) => [c.code, c.usedAt]), a.icon]);
}

/** Same secret and parameters = the same credential (see sameCredential). */
function credentialKey(a: AccountData): string {
  return JSON.stringify([a.type, a.secretB32, a.algorithm, a.digits, a.type === 'hotp' ? 0 : a.period, a.pin]);
}

function toData(account: Account): BackupAccount {
  const { lastUsedAt: _device, ...extras } = extrasOf(account);
  return { ...validateAccount(account), ...extras };
}

/** Buckets by key, so matching thousands of accounts stays linear. */
function buckets<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}

/**
 * What two vaults in separate storage (a Safari tab and the home-screen app) can both show, for
 * a person to compare: the number of accounts and 8 hex digits of SHA-256 over everything a
 * backup carries of each, sorted so that order does not count. Equal after a restore into an
 * empty vault; any lost, added or changed account changes it. 32 bits of one hash of all the
 * accounts tell nothing usable about a secret.
 */
export function vaultCheck(accounts: readonly Account[]): { count: number; check: string } {
  const keys = accounts.map((a) => entryKey(toData(a))).sort();
  const hex = sha256Hex(new TextEncoder().encode(JSON.stringify(keys)))
    .slice(0, 8)
    .toUpperCase();
  return { count: accounts.length, check: `${hex.slice(0, 4)}-${hex.slice(4)}` };
}

/** Local date, as people read it: omamori-backup-2026-11-27.omamori */
export function backupFileName(at: number): string {
  const d = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `omamori-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.omamori`;
}

export class BackupService {
  readonly #kdf: KdfRunner;
  readonly #app: string;
  readonly #now: () => number;
  readonly #argon2: Argon2Cost;
  readonly #lastExport: LastExportStore;

  constructor(options: BackupServiceOptions) {
    this.#kdf = options.kdf;
    this.#app = options.app;
    this.#now = options.now ?? Date.now;
    this.#argon2 = options.argon2 ?? DEFAULT_ARGON2;
    this.#lastExport = options.lastExport ?? createLastExportStore(undefined);
  }

  lastExportAt(): number | null {
    return this.#lastExport.read();
  }

  /** No KDF: the envelope, and the KDF limits and budget (a crafted file is refused here). */
  inspect(bytes: Uint8Array): { slots: SlotType[]; version: number } {
    return inspectExportFile(bytes);
  }

  /**
   * Writes the file, then decrypts it again and compares it with the vault before returning it
   * (`file/verify-failed` on any difference). Throws `file/empty` when there is nothing to export,
   * and `vault/reauth-required` without a recent passphrase or passkey. `opts.signal` cancels
   * (`aborted`) at any point before the file is returned, and then nothing is recorded.
   */
  async exportBackup(
    vault: VaultForBackup,
    opts: { ids?: readonly string[]; secret: WriteSecret } & KdfOptions,
  ): Promise<{ bytes: Uint8Array; fileName: string; count: number }> {
    vault.requireRecentProof();
    const all = await vault.listAccounts();
    const chosen = opts.ids === undefined ? all : all.filter((a) => opts.ids?.includes(a.id));
    if (chosen.length === 0 || (opts.ids !== undefined && chosen.length !== new Set(opts.ids).size)) throw new AppError('file/empty');
    // With a recovery kit in the vault the file gets its slot too (docs/export-format.md, version 3).
    const recovery = vault.recoveryKit === undefined ? null : await (await vault.recoveryKit()).fileKey();
    return this.#writeChecked(chosen, all.length, opts.secret, recovery, opts);
  }

  /**
   * The paper backup's file (docs/export-format.md, "Kit-only files"): every account, sealed to the
   * vault's recovery kit only — no passphrase slot — with the same read-back check and last-export
   * time as a file. Throws `paper/no-kit` unless the kit exists and was checked (sheets that were
   * never entered back could be wrong), and `vault/reauth-required` as every export does.
   */
  async exportToKit(vault: VaultForBackup, opts: KdfOptions = {}): Promise<{ bytes: Uint8Array; count: number; fingerprint: string; at: number }> {
    vault.requireRecentProof();
    const kits = vault.recoveryKit === undefined ? undefined : await vault.recoveryKit();
    const info = await kits?.info();
    const file = await kits?.fileKey();
    if (info == null || info.checkedAt === 0 || file == null) throw new AppError('paper/no-kit');
    const all = await vault.listAccounts();
    if (all.length === 0) throw new AppError('file/empty');
    const at = this.#now();
    const { bytes, count } = await this.#writeChecked(all, all.length, { kind: 'recovery-file-key', file }, null, opts, at);
    return { bytes, count, fingerprint: info.fingerprint, at };
  }

  /** Writes, reads back with each slot's secret and compares with the vault; records a whole-vault file. */
  async #writeChecked(
    chosen: readonly Account[],
    total: number,
    secret: WriteSecret | Extract<ExportSecret, { kind: 'recovery-file-key' }>,
    recovery: RecoveryFileKey | null,
    opts: KdfOptions,
    at = this.#now(),
  ): Promise<{ bytes: Uint8Array; fileName: string; count: number }> {
    const accounts = chosen.map(toData);
    const kdfOpts: KdfOptions = {};
    if (opts.signal !== undefined) kdfOpts.signal = opts.signal;
    if (opts.onProgress !== undefined) kdfOpts.onProgress = opts.onProgress;
    const deps = { kdf: this.#kdf, now: new Date(at), app: this.#app, argon2: this.#argon2, recovery, ...kdfOpts };
    const bytes = await writeExportFile(accounts, secret, deps);
    let payload: ExportPayload;
    try {
      payload = await readExportFile(bytes, secret, { kdf: this.#kdf, ...kdfOpts });
      // The kit's slot is checked too, with the file KEK (the recovery key itself is not here).
      if (recovery !== null) await readExportFile(bytes, { kind: 'recovery-file-key', file: recovery }, { kdf: this.#kdf, ...kdfOpts });
    } catch (err) {
      // Cancelled during the read-back is a cancel, not a file that failed its check.
      if (err instanceof AppError && err.code === 'aborted') throw err;
      throw new AppError('file/verify-failed', { cause: err });
    }
    const same =
      payload.count === accounts.length &&
      payload.accounts.length === accounts.length &&
      payload.accounts.every((a, i) => entryKey(a) === entryKey(accounts[i]!));
    if (!same || payload.count === 0) throw new AppError('file/verify-failed');
    // A Cancel that came after the last derivation still leaves nothing recorded.
    throwIfAborted(opts.signal);
    // The last-export time says "everything changed before this is in a backup": a file with only
    // some of the accounts does not say that about the others, so it is not recorded.
    if (chosen.length === total) this.#lastExport.write(at);
    return { bytes, fileName: backupFileName(at), count: payload.count };
  }

  /** Reads only; `opts.signal` cancels the derivation (the worker is terminated). */
  async previewImport(vault: VaultForBackup, bytes: Uint8Array, secret: ExportSecret, opts: KdfOptions = {}): Promise<ImportPreview> {
    const { payload, weakKdf } = await openExportFile(bytes, secret, { kdf: this.#kdf, ...opts });
    return this.previewPayload(vault, payload, weakKdf);
  }

  /** The same preview for a payload that came another way (a move between phones, services/move). */
  async previewPayload(vault: VaultForBackup, payload: ExportPayload, weakKdf = false): Promise<ImportPreview> {
    const existing = await vault.listAccounts();
    const exact = new Map(existing.map((a) => [entryKey(toData(a)), a] as const));
    const byCredential = buckets(existing, credentialKey);
    const claimed = new Set<Account>();
    const addedKeys = new Set<string>();
    const preview: ImportPreview = { added: [], present: [], changed: [], count: payload.count, weakKdf };
    for (const incoming of payload.accounts) {
      const key = entryKey(incoming);
      const same = exact.get(key);
      if (same !== undefined) {
        if (!preview.present.includes(same)) preview.present.push(same);
        continue;
      }
      const match = byCredential.get(credentialKey(incoming))?.find((a) => !claimed.has(a));
      if (match !== undefined) {
        claimed.add(match);
        preview.changed.push({ existing: match, incoming });
      } else if (!addedKeys.has(key)) {
        addedKeys.add(key);
        preview.added.push(incoming);
      }
    }
    return preview;
  }

  /**
   * One transaction: the new accounts, and the changed ones too when chosen. Returns how many were
   * written. What it writes is in this file, so it counts as backed up until it changes.
   */
  commitImport(vault: VaultForBackup, preview: ImportPreview, opts: { updateChanged: boolean }): Promise<number> {
    const updates = opts.updateChanged ? preview.changed.map((c) => ({ existing: c.existing, data: c.incoming })) : [];
    return vault.importAccounts(preview.added, updates, { fromBackup: true });
  }

  /** Opens the file and compares it with the vault as it is now. */
  async checkBackup(vault: VaultForBackup, bytes: Uint8Array, secret: ExportSecret, opts: KdfOptions = {}): Promise<BackupCheck> {
    const { payload, weakKdf } = await openExportFile(bytes, secret, { kdf: this.#kdf, ...opts });
    const inVault = (await vault.listAccounts()).map(toData);
    const used = new Set<BackupAccount>();
    const exact = buckets(inVault, entryKey);
    const extra: BackupAccount[] = [];
    const different: { inVault: BackupAccount; inBackup: BackupAccount }[] = [];
    const unmatched: BackupAccount[] = [];
    for (const inBackup of payload.accounts) {
      const hit = exact.get(entryKey(inBackup))?.find((a) => !used.has(a));
      if (hit !== undefined) used.add(hit);
      else unmatched.push(inBackup);
    }
    const byCredential = buckets(
      inVault.filter((a) => !used.has(a)),
      credentialKey,
    );
    for (const inBackup of unmatched) {
      const hit = byCredential.get(credentialKey(inBackup))?.find((a) => !used.has(a));
      if (hit !== undefined) {
        used.add(hit);
        different.push({ inVault: hit, inBackup });
      } else extra.push(inBackup);
    }
    const missing = inVault.filter((a) => !used.has(a));
    if (missing.length === 0 && extra.length === 0 && different.length === 0) return { ok: true, count: payload.count, weakKdf };
    return { ok: false, missing, extra, different, weakKdf };
  }
}
