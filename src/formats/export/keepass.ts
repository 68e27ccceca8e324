/**
 * @file KeePass database export (docs/formats.md, "KeePass"): a KDBX 4 file, encrypted with
 * AES-256 under Argon2id at the cost of Omamori's own backups (64 MiB, 3 passes, 4 lanes), with
 * the password the user chose, written by kdbxweb (loaded lazily, formats/kdbx/kdbxweb.ts).
 * One entry per account: Title = issuer (or name), UserName = name, Notes = notes and recovery
 * codes, in a group of the account's first group. TOTP and Steam accounts carry the `otp`
 * attribute KeePassXC reads (an otpauth:// link; `encoder=steam` for Steam). KeePassXC has no
 * counter-based codes, so HOTP accounts carry KeePass 2.47's `HmacOtp-Secret-Base32` and
 * `HmacOtp-Counter` fields instead, which KeePass itself (and our importer) reads. mOTP and
 * Yandex accounts, which neither app computes, are listed as skipped.
 */
import { DEFAULT_ARGON2 } from '../../core/crypto/kdf';
import { throwIfAborted } from '../../core/errors';
import { formatOtpauthUri } from '../../core/otpauth-uri';
import { loadKdbxweb } from '../kdbx/kdbxweb';
import { checkAccounts, labelOf, noteWithRecoveryCodes, requireExportPassword } from './common';
import type { ExportAccount, Exporter, ExportOptions, ExportResult, ExportSkip } from './types';

async function writeKeepass(accounts: readonly ExportAccount[], options: ExportOptions = {}): Promise<ExportResult> {
  const password = requireExportPassword(options.password);
  const { ok, skipped } = checkAccounts(accounts);
  const written = ok.filter(({ account, index }) => {
    if (account.type !== 'motp' && account.type !== 'yandex') return true;
    skipped.push({ label: labelOf(account, index), reason: 'type' } satisfies ExportSkip);
    return false;
  });
  throwIfAborted(options.signal);
  const k = await loadKdbxweb();
  const db = k.Kdbx.create(new k.Credentials(k.ProtectedValue.fromString(password)), 'Omamori');
  db.setVersion(4);
  db.setKdf(k.Consts.KdfId.Argon2id);
  const cost = options.argon2 ?? DEFAULT_ARGON2;
  const params = db.header.kdfParameters;
  if (params !== undefined) {
    params.set('M', k.VarDictionary.ValueType.UInt64, k.Int64.from(cost.m * 1024));
    params.set('I', k.VarDictionary.ValueType.UInt64, k.Int64.from(cost.t));
    params.set('P', k.VarDictionary.ValueType.UInt32, cost.p);
  }
  const root = db.getDefaultGroup();
  const groups = new Map<string, ReturnType<typeof db.createGroup>>();
  const groupFor = (name: string | undefined): typeof root => {
    const trimmed = name?.trim() ?? '';
    if (trimmed === '') return root;
    let group = groups.get(trimmed);
    if (group === undefined) {
      group = db.createGroup(root, trimmed);
      groups.set(trimmed, group);
    }
    return group;
  };
  for (const { account, data } of written) {
    const entry = db.createEntry(groupFor(account.groups[0]));
    entry.fields.set('Title', data.issuer || data.name);
    entry.fields.set('UserName', data.name);
    entry.fields.set('Password', k.ProtectedValue.fromString(''));
    entry.fields.set('Notes', noteWithRecoveryCodes(account.notes, account.recoveryCodes));
    if (data.type === 'hotp') {
      entry.fields.set('HmacOtp-Secret-Base32', k.ProtectedValue.fromString(data.secretB32));
      entry.fields.set('HmacOtp-Counter', String(data.counter));
    } else {
      entry.fields.set('otp', k.ProtectedValue.fromString(formatOtpauthUri(data)));
    }
  }
  const bytes = new Uint8Array(await db.save());
  throwIfAborted(options.signal);
  return { file: { bytes, fileName: 'omamori-export.kdbx', extension: 'kdbx', mime: 'application/x-keepass2' }, skipped };
}

export const keepassExporter: Exporter = { id: 'keepass', label: 'KeePass / KeePassXC (.kdbx)', encrypted: true, write: writeKeepass };
