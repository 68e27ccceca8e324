/**
 * @file FIDO Alliance Credential Exchange Format 1.0 (CXF), the unencrypted JSON file form
 * (docs/formats.md "CXF"): a header (`version`, `exporterRpId`, `exporterDisplayName`,
 * `timestamp`) with `accounts` → `items` → `credentials`. Every `totp` credential becomes an
 * account; `note` credentials become the item's notes; every other credential (passwords,
 * passkeys, cards…) is listed as `import/not-otp`, so the preview says what stays behind. The
 * spec says importers MUST ignore TOTP entries with an unknown algorithm: they are listed too,
 * with `account/invalid-algorithm`. Passwords and other credentials' values are never read.
 */
import type { AccountData, HashAlgorithm } from '../../core/account';
import { AppError } from '../../core/errors';
import { accountDraft, canonicalB32, collectAccounts, entryLabel, type DraftExtras } from './drafts';
import { int, isRecord, lookup, requireJson, str } from './input';
import type { ImportProblem, ImportResult, Importer } from './types';

const CXF_ALGORITHMS: Readonly<Record<string, HashAlgorithm>> = { sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' };

/** One entry to read: a TOTP credential with its item's context, or a credential that is not one. */
type Entry = { kind: 'totp'; totp: Record<string, unknown>; title: string; username: string; extras: DraftExtras } | { kind: 'other'; label: string };

/** The header's shape: an object with a `version` of numbers and an `accounts` array. */
function headerOf(json: unknown): { major: number; accounts: unknown[] } | null {
  if (!isRecord(json) || !Array.isArray(json.accounts) || !isRecord(json.version)) return null;
  const major = json.version.major;
  if (typeof major !== 'number' || typeof json.version.minor !== 'number') return null;
  if (typeof json.exporterRpId !== 'string' && typeof json.exporterDisplayName !== 'string') return null;
  return { major, accounts: json.accounts };
}

const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** An EditableField's text (`{ fieldType: 'string', value }`); '' for anything else. */
function fieldText(field: unknown): string {
  return isRecord(field) ? str(field.value) : '';
}

/** Item id → titles of the collections (and sub-collections) that link it: Omamori's groups. */
function collectionTitles(account: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (collections: unknown): void => {
    for (const c of array(collections)) {
      if (!isRecord(c)) continue;
      const title = str(c.title).trim();
      for (const link of array(c.items)) {
        const id = isRecord(link) ? str(link.item) : '';
        if (id !== '' && title !== '') out.set(id, [...(out.get(id) ?? []), title]);
      }
      walk(c.subCollections);
    }
  };
  walk(account.collections);
  return out;
}

function itemEntries(item: Record<string, unknown>, groupsById: Map<string, string[]>): Entry[] {
  const title = str(item.title).trim();
  const credentials = array(item.credentials).filter(isRecord);
  const notes = credentials
    .filter((c) => c.type === 'note')
    .map((c) => fieldText(c.content).trim())
    .filter((n) => n !== '');
  // The login's user name, for a TOTP credential that does not name its account (no password is read).
  const login = credentials.find((c) => c.type === 'basic-auth');
  const username = login === undefined ? '' : fieldText(login.username).trim();
  const groups = [...(groupsById.get(str(item.id)) ?? []), ...array(item.tags).map((t) => str(t))];
  const extras: DraftExtras = { groups, notes: notes.join('\n\n'), favourite: item.favorite === true };
  const out: Entry[] = [];
  for (const c of credentials) {
    if (c.type === 'totp') out.push({ kind: 'totp', totp: c, title, username, extras });
    else if (c.type !== 'note') out.push({ kind: 'other', label: `${title === '' ? '—' : title} (${str(c.type, '?')})` });
  }
  // An item of notes only (a secure note) stays behind too.
  if (credentials.length > 0 && credentials.every((c) => c.type === 'note')) out.push({ kind: 'other', label: `${title === '' ? '—' : title} (note)` });
  return out;
}

/**
 * The credential's issuer, else the item's title, unless the title only repeats the account name
 * (what we write for an account without a service name, so that it comes back without one).
 */
function issuerOf(e: Extract<Entry, { kind: 'totp' }>, name: string): string {
  const issuer = str(e.totp.issuer).trim();
  return issuer !== '' || e.title === name ? issuer : e.title;
}

function totpDraft(e: Extract<Entry, { kind: 'totp' }>): AccountData {
  const { totp } = e;
  // The spec requires `algorithm`; a file without one gets the default every app assumes.
  const algorithm = totp.algorithm === undefined ? 'SHA1' : lookup(CXF_ALGORITHMS, str(totp.algorithm).toLowerCase());
  if (algorithm === undefined) throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
  const name = str(totp.username).trim() || e.username;
  return accountDraft('totp', {
    issuer: issuerOf(e, name),
    name,
    secretB32: canonicalB32(str(totp.secret)),
    algorithm,
    digits: int(totp.digits, 6),
    period: int(totp.period, 30),
  });
}

function totpLabel(e: Extract<Entry, { kind: 'totp' }>, index: number): string {
  const name = str(e.totp.username).trim() || e.username;
  return entryLabel(issuerOf(e, name), name, index);
}

/** The accounts of a CXF header (exported for the fuzz tests). */
export function readCxfHeader(json: unknown): ImportResult {
  const header = headerOf(json);
  if (header === null) throw new AppError('import/damaged');
  if (header.major !== 1) throw new AppError('import/unsupported');
  const entries: Entry[] = [];
  for (const account of header.accounts) {
    if (!isRecord(account)) continue;
    const groupsById = collectionTitles(account);
    for (const item of array(account.items)) if (isRecord(item)) entries.push(...itemEntries(item, groupsById));
  }
  const totps = entries.filter((e): e is Extract<Entry, { kind: 'totp' }> => e.kind === 'totp');
  const others: ImportProblem[] = entries.flatMap((e) => (e.kind === 'other' ? [{ label: e.label, code: 'import/not-otp' as const }] : []));
  if (totps.length === 0) {
    if (others.length === 0) throw new AppError('import/no-accounts');
    return { format: 'cxf', accounts: [], problems: others };
  }
  const result = collectAccounts('cxf', totps, (e) => ({ data: totpDraft(e), extras: e.extras }), totpLabel);
  return { ...result, problems: [...result.problems, ...others] };
}

export const cxfImporter: Importer = {
  id: 'cxf',
  label: 'Credential Exchange Format (CXF)',
  sniff(input) {
    const header = headerOf(input.json);
    if (header === null) return null;
    return header.major === 1 ? { encrypted: false } : { encrypted: false, refused: 'import/unsupported' };
  },
  async read(input) {
    return readCxfHeader(requireJson(input));
  },
};
