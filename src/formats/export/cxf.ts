/**
 * @file FIDO Alliance Credential Exchange Format 1.0, the unencrypted JSON file form
 * (docs/formats.md "CXF"), as the importer in ../import/cxf.ts reads it back: one CXF account
 * holding one item per Omamori account, with a `totp` credential (base32 secret, period, digits,
 * `sha1`/`sha256`/`sha512`, username, issuer), the notes and recovery codes as a `note` credential,
 * the groups as `tags` and the favourite mark as `favorite`. CXF 1.0 knows only TOTP: HOTP,
 * Steam, mOTP and Yandex accounts are listed as skipped.
 */
import { randomBytes } from '../../core/crypto/aead';
import { utf8Encode } from '../../core/crypto/bytes';
import { checkAccounts, labelOf, noteWithRecoveryCodes } from './common';
import type { ExportAccount, ExportOptions, ExportResult, Exporter, ExportSkip } from './types';

/** Where no host name is given (the CLI): the spec asks for the exporter's relying-party id. */
export const DEFAULT_RP_ID = 'localhost';

/** The longest period every CXF reader holds (see cxfHeader). */
const MAX_PERIOD = 255;

/** A fresh opaque id: the spec's ids are base64url of up to 64 random bytes. */
function newId(): string {
  const bytes = randomBytes(16);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function item(account: ExportAccount): Record<string, unknown> {
  const totp: Record<string, unknown> = {
    type: 'totp',
    secret: account.secretB32,
    period: account.period,
    digits: account.digits,
    algorithm: account.algorithm.toLowerCase(),
  };
  if (account.name !== '') totp.username = account.name;
  if (account.issuer !== '') totp.issuer = account.issuer;
  const credentials: Record<string, unknown>[] = [totp];
  const note = noteWithRecoveryCodes(account.notes, account.recoveryCodes);
  if (note !== '') credentials.push({ type: 'note', content: { fieldType: 'string', value: note } });
  const out: Record<string, unknown> = { id: newId(), title: account.issuer || account.name, credentials };
  if (account.favourite) out.favorite = true;
  const tags = account.groups.map((g) => g.trim()).filter((g) => g !== '');
  if (tags.length > 0) out.tags = tags;
  return out;
}

/** The CXF header object for `accounts`, and the accounts CXF cannot hold. */
export function cxfHeader(all: readonly ExportAccount[], options: ExportOptions = {}): { header: Record<string, unknown>; skipped: ExportSkip[] } {
  const { ok, skipped } = checkAccounts(all);
  const items: Record<string, unknown>[] = [];
  for (const { account, data, index } of ok) {
    if (data.type !== 'totp') skipped.push({ label: labelOf(account, index), reason: 'type' });
    // Bitwarden's reference reader holds the period in one byte; Apple's in two.
    else if (data.period > MAX_PERIOD) skipped.push({ label: labelOf(account, index), reason: 'invalid', code: 'account/invalid-period' });
    else items.push(item({ ...account, ...data }));
  }
  const header = {
    version: { major: 1, minor: 0 },
    exporterRpId: options.rpId ?? DEFAULT_RP_ID,
    exporterDisplayName: 'Omamori',
    timestamp: Math.floor((options.now ?? new Date()).getTime() / 1000),
    accounts: [{ id: newId(), username: '', email: '', collections: [], items }],
  };
  return { header, skipped };
}

export const cxfExporter: Exporter = {
  id: 'cxf',
  label: 'Credential Exchange Format (CXF)',
  encrypted: false,
  async write(accounts, options = {}): Promise<ExportResult> {
    const { header, skipped } = cxfHeader(accounts, options);
    return {
      file: { bytes: utf8Encode(`${JSON.stringify(header, null, 2)}\n`), fileName: 'omamori-export.cxf.json', extension: 'json', mime: 'application/json' },
      skipped,
    };
  },
};
