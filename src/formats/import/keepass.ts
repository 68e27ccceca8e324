/**
 * @file KeePass databases (KDBX 3.1 and 4: KeePass 2, KeePassXC, KeeWeb, KeePassDX, Strongbox),
 * opened with the password, a key file, or both (docs/formats.md, "KeePass"). Detection reads
 * only the plain header (formats/kdbx/header.ts) and refuses, before any password is asked for,
 * a database whose key derivation is over our budget or that kdbxweb cannot open. Reading loads
 * kdbxweb lazily (formats/kdbx/kdbxweb.ts) and keeps, of each entry, only its title, user name,
 * notes, group and one-time-password fields (keepass-otp.ts): passwords, URLs, attachments and
 * history are never copied out of kdbxweb's objects. Entries in the recycle bin are left out;
 * entries without a one-time password are counted (`notAccounts`), never listed.
 */
import { validateExtras } from '../../core/account';
import { AppError, isAppError, throwIfAborted } from '../../core/errors';
import { kdbxRefusal, kdbxSignature, readKdbxHeader } from '../kdbx/header';
import { loadKdbxweb, type Kdbxweb } from '../kdbx/kdbxweb';
import { collectAccounts, entryLabel } from './drafts';
import { typed } from './input';
import { keepassOtpDraft, OTP_FIELD_NAMES } from './keepass-otp';
import type { ImportOptions, ImportResult, Importer } from './types';

/** What is kept of one entry: never its password. */
interface EntryView {
  title: string;
  username: string;
  notes: string;
  group: string;
  otp: Map<string, string>;
}

export type KeepassDb = Awaited<ReturnType<Kdbxweb['Kdbx']['load']>>;
type Group = KeepassDb['groups'][number];
type Entry = Group['entries'][number];

function text(value: Entry['fields'] extends Map<string, infer V> ? V | undefined : never): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.getText();
}

function viewOf(entry: Entry, group: string): EntryView {
  const otp = new Map<string, string>();
  for (const name of OTP_FIELD_NAMES) {
    const value = text(entry.fields.get(name)).trim();
    if (value !== '') otp.set(name, value);
  }
  return {
    title: text(entry.fields.get('Title')).trim(),
    username: text(entry.fields.get('UserName')).trim(),
    notes: text(entry.fields.get('Notes')),
    group,
    otp,
  };
}

/** Every entry outside the recycle bin, with its group's name (none for the root group). */
function entriesOf(db: KeepassDb): EntryView[] {
  const bin = db.meta.recycleBinEnabled === false ? undefined : db.meta.recycleBinUuid?.id;
  const out: EntryView[] = [];
  // Iterative, so a crafted database nested thousands of groups deep cannot overflow the stack.
  const stack: { group: Group; name: string }[] = db.groups.map((group) => ({ group, name: '' }));
  while (stack.length > 0) {
    const { group, name } = stack.pop() as { group: Group; name: string };
    if (bin !== undefined && group.uuid.id === bin) continue;
    for (const entry of group.entries) out.push(viewOf(entry, name));
    for (const child of group.groups) stack.push({ group: child, name: child.name ?? '' });
  }
  return out;
}

/** kdbxweb's error codes to ours; anything else it throws is a file we did not expect. */
function kdbxError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  if (code === 'InvalidKey') return new AppError('import/keepass-wrong-key');
  if (code === 'Unsupported' || code === 'InvalidVersion' || code === 'NotImplemented') return new AppError('import/keepass-unsupported');
  return new AppError('import/damaged');
}

async function openDatabase(bytes: Uint8Array, options: ImportOptions): Promise<KeepassDb> {
  const password = options.password ?? '';
  if (password === '' && options.keyFile === undefined) throw new AppError('import/password-required');
  throwIfAborted(options.signal);
  const kdbxweb = await loadKdbxweb();
  let credentials: InstanceType<Kdbxweb['Credentials']>;
  try {
    // No password component when none was typed: KeePassXC creates key-file-only databases so.
    credentials = new kdbxweb.Credentials(password === '' ? null : kdbxweb.ProtectedValue.fromString(password), options.keyFile?.slice() ?? null);
    await credentials.ready;
  } catch {
    // kdbxweb reads any file as a key file; what fails here is a malformed KeePass XML key file.
    throw new AppError('import/keepass-wrong-key');
  }
  try {
    return await kdbxweb.Kdbx.load(bytes.slice().buffer, credentials);
  } catch (err) {
    throw kdbxError(err);
  }
}

/**
 * The accounts of an opened database (exported for the fuzzer, which feeds it databases built
 * from mutated XML): entries with OTP fields become accounts or problems; the rest are counted.
 */
export function readKeepassDb(db: KeepassDb): ImportResult {
  const entries = entriesOf(db);
  const withOtp = entries.filter((e) => e.otp.size > 0);
  if (withOtp.length === 0) throw new AppError('import/no-accounts');
  const result = collectAccounts(
    'keepass',
    withOtp,
    (e) => {
      const data = keepassOtpDraft((name) => e.otp.get(name), e.title, e.username);
      // A value in an OTP field that names no secret (an empty KeeOtp `key=`) is a bad entry.
      if (data === null) throw new AppError('account/invalid-secret', { field: 'secret' });
      // Checked here, so that a note over our limit is this entry's problem in the preview
      // rather than a failure of the whole import when it is saved.
      const extras = { groups: [e.group], notes: e.notes };
      validateExtras(extras);
      return { data, extras };
    },
    (e, i) => entryLabel(e.title, e.username, i),
  );
  return { ...result, notAccounts: entries.length - withOtp.length };
}

export const keepassImporter: Importer = {
  id: 'keepass',
  label: 'KeePass / KeePassXC (KDBX)',
  sniff(input) {
    if (kdbxSignature(input.bytes) === null) return null;
    try {
      const refused = kdbxRefusal(readKdbxHeader(input.bytes));
      return refused === undefined ? { encrypted: true, keyFile: true } : { encrypted: true, refused };
    } catch (err) {
      return { encrypted: true, refused: isAppError(err) ? err.code : 'import/damaged' };
    }
  },
  async read(input, options): Promise<ImportResult> {
    const refused = kdbxRefusal(readKdbxHeader(input.bytes));
    if (refused !== undefined) throw new AppError(refused);
    const db = await openDatabase(input.bytes, options);
    throwIfAborted(options.signal);
    return typed(() => readKeepassDb(db));
  },
};
