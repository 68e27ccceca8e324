/**
 * @file 1Password's unencrypted export, `.1pux` (1Password 8 → File → Export → 1PUX;
 * docs/formats.md "1Password"): a ZIP holding `export.data`, JSON of accounts → vaults → items.
 * Every item field whose value is `{ totp: … }` (an `otpauth://` link, or a bare base32 secret as
 * 1Password also stores) becomes an account, named by the item's title and its login's user name;
 * the item's notes, tags and favourite mark come along. Items without one are not accounts.
 * Passwords (`designation: 'password'`, concealed fields) are never read.
 */
import { AppError } from '../../core/errors';
import { bareSecretDraft, canonicalB32, collectAccounts, entryLabel, type DraftExtras } from './drafts';
import { isRecord, jsonOfBytes, MAX_IMPORT_BYTES, str, typed } from './input';
import { parseForeignUri } from './link-lists';
import type { ImportResult, Importer } from './types';
import { extract, zipMembers } from './zip-lists';

const MEMBER = 'export.data';

interface Entry {
  totp: string;
  title: string;
  username: string;
  extras: DraftExtras;
}

const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The login's user name: the login field 1Password designates as such. */
function usernameOf(details: Record<string, unknown>): string {
  const field = array(details.loginFields).find((f) => isRecord(f) && f.designation === 'username');
  return isRecord(field) ? str(field.value).trim() : '';
}

function itemEntries(item: Record<string, unknown>): Entry[] {
  // Items in the trash are not exported for use (1Password shows them as deleted).
  if (item.trashed === true || item.state === 'trashed') return [];
  const details = isRecord(item.details) ? item.details : {};
  const overview = isRecord(item.overview) ? item.overview : {};
  const title = str(overview.title).trim();
  const username = usernameOf(details);
  const extras: DraftExtras = {
    groups: array(overview.tags).map((t) => str(t)),
    notes: str(details.notesPlain),
    favourite: typeof item.favIndex === 'number' && item.favIndex > 0,
  };
  const out: Entry[] = [];
  for (const section of array(details.sections)) {
    if (!isRecord(section)) continue;
    for (const field of array(section.fields)) {
      const value = isRecord(field) && isRecord(field.value) ? field.value : null;
      const totp = value === null ? '' : str(value.totp).trim();
      if (totp !== '') out.push({ totp, title, username, extras });
    }
  }
  return out;
}

/** The accounts of `export.data`, parsed (exported for the fuzz tests). */
export function readOnePuxData(json: unknown): ImportResult {
  if (!isRecord(json) || !Array.isArray(json.accounts)) throw new AppError('import/damaged');
  const entries: Entry[] = [];
  for (const account of json.accounts) {
    for (const vault of isRecord(account) ? array(account.vaults) : []) {
      for (const wrapped of isRecord(vault) ? array(vault.items) : []) {
        // Older exports wrap each item as `{ item: {…} }`.
        const item = isRecord(wrapped) && isRecord(wrapped.item) ? wrapped.item : wrapped;
        if (isRecord(item)) entries.push(...itemEntries(item));
      }
    }
  }
  if (entries.length === 0) throw new AppError('import/no-accounts');
  return collectAccounts(
    '1password-1pux',
    entries,
    (e) => {
      if (/^otpauth:\/\//i.test(e.totp)) {
        const data = parseForeignUri(e.totp);
        // A link without names takes the item's, as 1Password shows it.
        if (data.issuer === '') data.issuer = e.title;
        if (data.name === '') data.name = e.username;
        return { data, extras: e.extras };
      }
      return { data: bareSecretDraft(canonicalB32(e.totp), e.title, e.username), extras: e.extras };
    },
    (e, i) => entryLabel(e.title, e.username, i),
  );
}

function hasMember(bytes: Uint8Array): boolean {
  return zipMembers(bytes)?.some((m) => m.name === MEMBER) === true;
}

export const onePasswordImporter: Importer = {
  id: '1password-1pux',
  label: '1Password (1PUX)',
  sniff(input) {
    return hasMember(input.bytes) ? { encrypted: false } : null;
  },
  async read(input) {
    if (!hasMember(input.bytes)) throw new AppError('import/damaged');
    const bytes = await typed(() => extract(input.bytes, MEMBER, undefined, MAX_IMPORT_BYTES));
    const json = await typed(() => jsonOfBytes(bytes));
    return typed(() => readOnePuxData(json));
  },
};
