/**
 * @file Encrypted backups (SECURITY.md "Export file"): export with a read-back check, restore as
 * preview → one transaction, and "test a backup" against the vault. The file codec is pure
 * (src/core/export-file.ts); this layer adds the vault and the last-export time.
 */
import { sameCredential, type Account, type AccountData } from '../core/account';
import { DEFAULT_ARGON2, type Argon2Cost, type KdfOptions, type KdfRunner } from '../core/crypto/kdf';
import { AppError } from '../core/errors';
import { inspectExportFile, readExportFile, writeExportFile, type ExportPayload, type ExportSecret, type SlotType } from '../core/export-file';
import { validateAccount } from '../core/account';
import type { AccountStore } from './vault-accounts';

export type { ExportSecret } from '../core/export-file';

import { createLastExportStore, type LastExportStore } from './backup-health';

export { createLastExportStore, LAST_EXPORT_KEY, type LastExportStore } from './backup-health';

export interface ImportPreview {
  /** Not in the vault: imported. */
  added: AccountData[];
  /** Same secret and parameters and the same details: skipped. */
  present: Account[];
  /** Same secret and parameters, other details (name, issuer, counter…): updated only if chosen. */
  changed: { existing: Account; incoming: AccountData }[];
  count: number;
}

export type BackupCheck =
  | { ok: true; count: number }
  | {
      ok: false;
      /** In the vault, not in the backup. */
      missing: AccountData[];
      /** In the backup, not in the vault. */
      extra: AccountData[];
      /** The same credential with other details. */
      different: { inVault: AccountData; inBackup: AccountData }[];
    };

export interface BackupServiceOptions {
  kdf: KdfRunner;
  app: string;
  now?: () => number;
  argon2?: Argon2Cost;
  lastExport?: LastExportStore;
}

export type VaultForBackup = Pick<AccountStore, 'listAccounts' | 'importAccounts'>;

const FIELDS = ['type', 'issuer', 'name', 'secretB32', 'algorithm', 'digits', 'period', 'counter', 'pin'] as const;


export function sameAccountData(a: AccountData, b: AccountData): boolean {
  return FIELDS.every((f) => a[f] === b[f]);
}

function toData(account: Account): AccountData {
  return validateAccount(account);
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

  inspect(bytes: Uint8Array): { slots: SlotType[]; version: number } {
    return inspectExportFile(bytes);
  }

  /**
   * Writes the file, then decrypts it again and compares it with the vault before returning it
   * (`file/verify-failed` on any difference). Throws `file/empty` when there is nothing to export.
   */
  async exportBackup(
    vault: VaultForBackup,
    opts: { ids?: readonly string[]; secret: ExportSecret } & KdfOptions,
  ): Promise<{ bytes: Uint8Array; fileName: string; count: number }> {
    const all = await vault.listAccounts();
    const chosen = opts.ids === undefined ? all : all.filter((a) => opts.ids?.includes(a.id));
    if (chosen.length === 0 || (opts.ids !== undefined && chosen.length !== new Set(opts.ids).size)) throw new AppError('file/empty');
    const accounts = chosen.map(toData);
    const at = this.#now();
    const kdfOpts: KdfOptions = {};
    if (opts.signal !== undefined) kdfOpts.signal = opts.signal;
    if (opts.onProgress !== undefined) kdfOpts.onProgress = opts.onProgress;
    const bytes = await writeExportFile(accounts, opts.secret, { kdf: this.#kdf, now: new Date(at), app: this.#app, argon2: this.#argon2, ...kdfOpts });
    let payload: ExportPayload;
    try {
      payload = await readExportFile(bytes, opts.secret, { kdf: this.#kdf, ...kdfOpts });
    } catch (err) {
      throw new AppError('file/verify-failed', { cause: err });
    }
    const same = payload.count === accounts.length && payload.accounts.length === accounts.length && payload.accounts.every((a, i) => sameAccountData(a, accounts[i]!));
    if (!same || payload.count === 0) throw new AppError('file/verify-failed');
    this.#lastExport.write(at);
    return { bytes, fileName: backupFileName(at), count: payload.count };
  }

  async previewImport(vault: VaultForBackup, bytes: Uint8Array, secret: ExportSecret, opts: KdfOptions = {}): Promise<ImportPreview> {
    const payload = await readExportFile(bytes, secret, { kdf: this.#kdf, ...opts });
    const existing = await vault.listAccounts();
    const preview: ImportPreview = { added: [], present: [], changed: [], count: payload.count };
    for (const incoming of payload.accounts) {
      const exact = existing.find((a) => sameAccountData(toData(a), incoming));
      if (exact !== undefined) {
        if (!preview.present.includes(exact)) preview.present.push(exact);
        continue;
      }
      const match = existing.find((a) => sameCredential(a, incoming) && !preview.changed.some((c) => c.existing === a));
      if (match !== undefined) preview.changed.push({ existing: match, incoming });
      else if (!preview.added.some((a) => sameAccountData(a, incoming))) preview.added.push(incoming);
    }
    return preview;
  }

  /** One transaction: the new accounts, and the changed ones too when chosen. Returns how many were written. */
  commitImport(vault: VaultForBackup, preview: ImportPreview, opts: { updateChanged: boolean }): Promise<number> {
    const updates = opts.updateChanged ? preview.changed.map((c) => ({ existing: c.existing, data: c.incoming })) : [];
    return vault.importAccounts(preview.added, updates);
  }

  /** Opens the file and compares it with the vault as it is now. */
  async checkBackup(vault: VaultForBackup, bytes: Uint8Array, secret: ExportSecret, opts: KdfOptions = {}): Promise<BackupCheck> {
    const payload = await readExportFile(bytes, secret, { kdf: this.#kdf, ...opts });
    const remaining = (await vault.listAccounts()).map(toData);
    const extra: AccountData[] = [];
    const different: { inVault: AccountData; inBackup: AccountData }[] = [];
    const unmatched: AccountData[] = [];
    for (const inBackup of payload.accounts) {
      const i = remaining.findIndex((a) => sameAccountData(a, inBackup));
      if (i >= 0) remaining.splice(i, 1);
      else unmatched.push(inBackup);
    }
    for (const inBackup of unmatched) {
      const i = remaining.findIndex((a) => sameCredential(a, inBackup));
      if (i >= 0) different.push({ inVault: remaining.splice(i, 1)[0]!, inBackup });
      else extra.push(inBackup);
    }
    if (remaining.length === 0 && extra.length === 0 && different.length === 0) return { ok: true, count: payload.count };
    return { ok: false, missing: remaining, extra, different };
  }
}
