/**
 * @file Bitwarden exports: the password manager's JSON (plain, or "password protected"), and
 * Bitwarden Authenticator's JSON. Only login items with `login.totp` become accounts; cards,
 * notes and identities are skipped silently. `login.totp` is an otpauth:// link, `steam://<key>`
 * or a bare base32 key (Bitwarden's own three spellings). An "account restricted" export is
 * encrypted with the Bitwarden account key, which the file does not hold: it is refused.
 */
import { accountDraft, bareSecretDraft, collectAccounts, type DraftExtras, entryLabel, steamUriSecret } from './drafts';
import { isRecord, str } from './input';
import { parseForeignUri } from './link-lists';
import { checkBitwardenKdf, decryptBitwardenExport } from './bitwarden-crypto';
import { budgetRefusal } from './kdf-limits';
import type { AccountData } from '../../core/account';
import { parseOtpauthUri } from '../../core/otpauth-uri';
import { AppError, isAppError } from '../../core/errors';
import type { Importer, ImportResult } from './types';

/** Bitwarden's item type for logins. */
const LOGIN = 1;

export interface BitwardenItem {
  /** The item's name (Bitwarden's title) and the login's user name. */
  itemName: string;
  username: string;
  totp: string;
  extras: DraftExtras;
}

/**
 * One `login.totp` value as an account. A link names its account as the same link scanned as a
 * QR code would (core parser); what it leaves empty comes from the item: its name as issuer, the
 * login's user name as account name. A bare key carries no names, so both come from the item.
 * A steam:// key has issuer "Steam"; the password manager's item title (what the user called it)
 * becomes the account name, while Bitwarden Authenticator, whose item name is the issuer, keeps
 * its user name.
 */
function bitwardenTotpDraft(item: BitwardenItem, authenticator: boolean): AccountData {
  const totp = item.totp.trim();
  const steam = steamUriSecret(totp);
  if (steam !== null) {
    const name = authenticator ? item.username || item.itemName : item.itemName || item.username;
    return accountDraft('steam', { issuer: 'Steam', name, secretB32: steam });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(totp)) {
    const parsed = parseLink(totp, item);
    return { ...parsed, issuer: parsed.issuer || item.itemName, name: parsed.name || item.username };
  }
  return bareSecretDraft(totp, item.itemName, item.username);
}

/** A link without any label (`otpauth://totp/?secret=…`) is named by its item instead. */
function parseLink(totp: string, item: BitwardenItem): AccountData {
  try {
    return parseForeignUri(totp);
  } catch (err) {
    if (!isAppError(err) || err.code !== 'uri/missing-label' || item.itemName === '') throw err;
    const labelled = totp.replace(/^(otpauth:\/\/[^/?]*)\/?(?=\?)/i, `$1/${encodeURIComponent(item.itemName)}`);
    return { ...parseOtpauthUri(labelled), issuer: item.itemName, name: item.username };
  }
}

export function readBitwardenItems(format: string, items: readonly BitwardenItem[], authenticator: boolean): ImportResult {
  return collectAccounts(
    format,
    items,
    (item) => ({ data: bitwardenTotpDraft(item, authenticator), extras: item.extras }),
    (item, i) => entryLabel(item.itemName, item.username, i),
  );
}

function folderNames(json: Record<string, unknown>): Map<string, string> {
  const names = new Map<string, string>();
  if (Array.isArray(json.folders)) for (const f of json.folders) if (isRecord(f) && typeof f.id === 'string') names.set(f.id, str(f.name));
  // Organisation exports have collections instead of folders.
  if (Array.isArray(json.collections)) for (const c of json.collections) if (isRecord(c) && typeof c.id === 'string') names.set(c.id, str(c.name));
  return names;
}

function itemsOf(json: Record<string, unknown>): BitwardenItem[] {
  if (!Array.isArray(json.items)) throw new AppError('import/damaged');
  const folders = folderNames(json);
  const out: BitwardenItem[] = [];
  for (const raw of json.items as unknown[]) {
    if (!isRecord(raw) || !isRecord(raw.login)) continue;
    // Items in the trash carry a deletion date; they are not the user's accounts any more.
    if (typeof raw.deletedDate === 'string' && raw.deletedDate !== '') continue;
    if (raw.type !== undefined && raw.type !== null && raw.type !== LOGIN) continue;
    const totp = str(raw.login.totp).trim();
    if (totp === '') continue;
    const groups: string[] = [];
    const folder = folders.get(str(raw.folderId));
    if (folder !== undefined) groups.push(folder);
    if (Array.isArray(raw.collectionIds)) for (const id of raw.collectionIds) groups.push(folders.get(str(id)) ?? '');
    out.push({
      itemName: str(raw.name).trim(),
      username: str(raw.login.username).trim(),
      totp,
      extras: { groups, notes: str(raw.notes), favourite: raw.favorite === true },
    });
  }
  return out;
}

/** Reads a plain (or decrypted) password-manager export object. */
export function readBitwardenJson(json: unknown, format: string): ImportResult {
  if (!isRecord(json) || json.encrypted === true) throw new AppError('import/damaged');
  const items = itemsOf(json);
  if (items.length === 0) throw new AppError('import/no-accounts');
  return readBitwardenItems(format, items, false);
}

function exportOf(json: unknown): Record<string, unknown> | null {
  if (!isRecord(json)) return null;
  if (json.encrypted === true)
    return typeof json.encKeyValidation_DO_NOT_EDIT === 'string' || typeof json.data === 'string' || Array.isArray(json.items) ? json : null;
  return Array.isArray(json.items) && (json.encrypted === false || 'folders' in json || 'collections' in json) ? json : null;
}

/** An encrypted export that is not "password protected" is sealed with the Bitwarden account key. */
function isAccountRestricted(json: Record<string, unknown>): boolean {
  return json.encrypted === true && json.passwordProtected !== true;
}

/**
 * Bitwarden Authenticator writes no `folders` (it has none); the password manager always does
 * (`"folders": []` at least) or `collections` for an organisation.
 */
function isAuthenticatorExport(json: Record<string, unknown>): boolean {
  return json.encrypted !== true && !('folders' in json) && !('collections' in json);
}

export const bitwardenImporter: Importer = {
  id: 'bitwarden',
  label: 'Bitwarden',
  sniff(input) {
    const json = exportOf(input.json);
    if (json === null || isAuthenticatorExport(json)) return null;
    // Encrypted with the account key, which the file does not hold: no password can open it,
    // so detection says so before the import screen asks for one.
    if (isAccountRestricted(json)) return { encrypted: true, refused: 'import/account-restricted' };
    if (json.encrypted !== true) return { encrypted: false };
    // Over the KDF budget: refused at once too, before the password.
    return { encrypted: true, ...budgetRefusal(() => checkBitwardenKdf(json)) };
  },
  async read(input, options) {
    const json = exportOf(input.json);
    if (json === null || isAuthenticatorExport(json)) throw new AppError('import/damaged');
    if (json.encrypted !== true) return readBitwardenJson(json, 'bitwarden');
    if (isAccountRestricted(json)) throw new AppError('import/account-restricted');
    const plain = await decryptBitwardenExport(json, options);
    return readBitwardenJson(plain, 'bitwarden');
  },
};

export const bitwardenAuthenticatorImporter: Importer = {
  id: 'bitwarden-authenticator',
  label: 'Bitwarden Authenticator',
  sniff(input) {
    const json = exportOf(input.json);
    return json !== null && isAuthenticatorExport(json) ? { encrypted: false } : null;
  },
  async read(input) {
    const json = exportOf(input.json);
    if (json === null || !isAuthenticatorExport(json)) throw new AppError('import/damaged');
    const items = itemsOf(json);
    if (items.length === 0) throw new AppError('import/no-accounts');
    return readBitwardenItems('bitwarden-authenticator', items, true);
  },
};
