/**
 * @file Exporters that wrap codecs Omamori already has: the otpauth:// list (one link per line,
 * read back by the `otpauth-list` importer), Omamori's own encrypted file (export-file.ts; with
 * groups, notes, favourites and recovery codes) and Google Authenticator transfer codes (one URI
 * per QR code).
 */
import type { AccountData } from '../../core/account';
import { createInProcessKdf } from '../../core/crypto/kdf';
import { writeExportFile } from '../../core/export-file';
import { formatOtpauthUri } from '../../core/otpauth-uri';
import { encodeMigrationUris } from '../google-migration/codec';
import { checkAccounts, labelOf, requireExportPassword } from './common';
import type { ExportAccount, ExportOptions, ExportResult, Exporter } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

const OMAMORI_APP_NAME = 'omamori-cli';

/** One otpauth:// (mOTP: motp://) link per line, each line ended: what "otpauth:// links" writes. */
export function formatOtpauthList(accounts: readonly AccountData[]): string {
  return accounts.map((a) => `${formatOtpauthUri(a)}\n`).join('');
}

export const otpauthExporter: Exporter = {
  id: 'otpauth',
  label: 'otpauth:// links',
  encrypted: false,
  async write(accounts) {
    const { ok, skipped } = checkAccounts(accounts);
    const text = formatOtpauthList(ok.map((c) => c.data));
    return { file: { bytes: utf8Encode(text), fileName: 'otpauth-links.txt', extension: 'txt', mime: 'text/plain' }, skipped };
  },
};

export const omamoriExporter: Exporter = {
  id: 'omamori',
  label: 'Omamori backup',
  encrypted: true,
  async write(accounts: readonly ExportAccount[], options: ExportOptions = {}): Promise<ExportResult> {
    const passphrase = requireExportPassword(options.password);
    const now = options.now ?? new Date();
    const deps: Parameters<typeof writeExportFile>[2] = { kdf: options.kdf ?? createInProcessKdf(), now, app: OMAMORI_APP_NAME };
    if (options.argon2 !== undefined) deps.argon2 = options.argon2;
    if (options.signal !== undefined) deps.signal = options.signal;
    const { ok, skipped } = checkAccounts(accounts);
    // The backup carries the extras too (docs/export-format.md): groups, notes, favourite, recovery codes.
    const entries = ok.map(({ account, data }) => ({
      ...data,
      groups: account.groups,
      notes: account.notes,
      favourite: account.favourite,
      recoveryCodes: account.recoveryCodes ?? [],
    }));
    const bytes = await writeExportFile(entries, { kind: 'passphrase', passphrase }, deps);
    const day = now.toISOString().slice(0, 10);
    return { file: { bytes, fileName: `omamori-backup-${day}.omamori`, extension: 'omamori', mime: 'application/json' }, skipped };
  },
};

export const googleQrExporter: Exporter = {
  id: 'google-qr',
  label: 'Google Authenticator transfer QR codes',
  encrypted: false,
  async write(accounts, options = {}) {
    const { ok, skipped } = checkAccounts(accounts);
    const data = ok.map((c) => c.data);
    const encoded = encodeMigrationUris(data, options.perCode === undefined ? {} : { perCode: options.perCode });
    for (const { account, reason } of encoded.skipped) skipped.push({ label: labelOf(account, ok[data.indexOf(account)]?.index ?? 0), reason });
    const text = encoded.uris.map((u) => `${u}\n`).join('');
    return {
      file: { bytes: utf8Encode(text), fileName: 'google-authenticator-transfer.txt', extension: 'txt', mime: 'text/plain' },
      skipped,
      uris: encoded.uris,
    };
  },
};
