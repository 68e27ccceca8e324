/**
 * @file Password ZIPs around another export (docs/formats.md): Authenticator Plus
 * (`Accounts.txt`) and WinAuth (`winauth-YYYY-MM-DD.txt`) wrap an otpauth list, usually with
 * ZipCrypto; Raivo wraps its JSON (`raivo-otp-export.json`, AES or ZipCrypto). Members are
 * recognised by name from the central directory (names are never encrypted); zip.js is loaded
 * only when such a file is read.
 */
import { AppError, isAppError } from '../../core/errors';
import { decodeText, jsonOfBytes, startsWithAscii, typed } from './input';
import { readLinkList } from './link-lists';
import { readRaivo } from './raivo';
import type { ImportOptions, ImportResult, Importer } from './types';

const MAX_MEMBER_BYTES = 8 * 1024 * 1024;

export interface ZipMember {
  name: string;
  encrypted: boolean;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
}

/** Member names and encryption flags from the central directory; null when it is not a ZIP. */
export function zipMembers(bytes: Uint8Array): ZipMember[] | null {
  if (!startsWithAscii(bytes, 'PK\x03\x04') && !startsWithAscii(bytes, 'PK\x05\x06')) return null;
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  const members: ZipMember[] = [];
  const latin1 = new TextDecoder('latin1');
  for (let n = 0; n < count && n < 1000; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return null;
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & 0x800) !== 0 ? (decodeText(nameBytes) ?? '') : latin1.decode(nameBytes);
    members.push({ name, encrypted: (flags & 1) !== 0 });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return members;
}

interface ZipApp {
  id: string;
  label: string;
  member: RegExp;
  /** The member's bytes → accounts; null when they are not what the app writes. */
  read(bytes: Uint8Array): ImportResult | null;
}

function linkListReader(id: string): (bytes: Uint8Array) => ImportResult | null {
  return (bytes) => {
    const text = decodeText(bytes);
    return text === null ? null : readLinkList(id, text);
  };
}

const APPS: readonly ZipApp[] = [
  { id: 'authenticator-plus', label: 'Authenticator Plus (ZIP)', member: /^(?:.*\/)?Accounts\.txt$/i, read: linkListReader('authenticator-plus') },
  { id: 'winauth-zip', label: 'WinAuth (ZIP)', member: /^(?:.*\/)?winauth[^/]*\.txt$/i, read: linkListReader('winauth-zip') },
  {
    id: 'raivo-zip',
    label: 'Raivo OTP (ZIP)',
    member: /^(?:.*\/)?raivo-otp-export\.json$/i,
    read: (bytes) => {
      const json = jsonOfBytes(bytes);
      return json === undefined ? null : { ...readRaivo(json), format: 'raivo-zip' };
    },
  },
];

function findMember(bytes: Uint8Array, app: ZipApp): ZipMember | null {
  return zipMembers(bytes)?.find((m) => app.member.test(m.name)) ?? null;
}

/** One member's bytes (zip.js, loaded here); `maxBytes` bounds what it may expand to. */
export async function extract(bytes: Uint8Array, name: string, password: string | undefined, maxBytes = MAX_MEMBER_BYTES): Promise<Uint8Array> {
  const zip = await import('@zip.js/zip.js');
  zip.configure({ useWebWorkers: false });
  const reader = new zip.ZipReader(new zip.Uint8ArrayReader(bytes));
  try {
    let entries;
    try {
      entries = await reader.getEntries();
    } catch (err) {
      throw new AppError('import/damaged', { cause: err });
    }
    const entry = entries.find((e) => e.filename === name);
    if (entry === undefined || entry.directory) throw new AppError('import/damaged');
    if (entry.uncompressedSize > maxBytes) throw new AppError('import/member-too-large');
    try {
      return await entry.getData(new zip.Uint8ArrayWriter(), password === undefined ? { checkSignature: true } : { password, checkSignature: true });
    } catch (err) {
      // ZipCrypto checks one byte of the password; a wrong one that passes fails the CRC.
      throw new AppError(entry.encrypted ? 'import/wrong-password' : 'import/damaged', { cause: err });
    }
  } finally {
    await reader.close().catch(() => undefined);
  }
}

function zipListImporter(app: ZipApp): Importer {
  return {
    id: app.id,
    label: app.label,
    sniff(input) {
      const member = findMember(input.bytes, app);
      return member === null ? null : { encrypted: member.encrypted };
    },
    async read(input, options: ImportOptions) {
      const member = findMember(input.bytes, app);
      if (member === null) throw new AppError('import/damaged');
      if (member.encrypted && (options.password === undefined || options.password === '')) throw new AppError('import/password-required');
      let plain: Uint8Array;
      try {
        plain = await extract(input.bytes, member.name, member.encrypted ? options.password : undefined);
      } catch (err) {
        if (isAppError(err)) throw err;
        throw new AppError('import/damaged');
      }
      const result = await typed(() => app.read(plain));
      // ZipCrypto's one check byte lets 1 wrong password in 256 through to garbage.
      if (result === null) throw new AppError(member.encrypted ? 'import/wrong-password' : 'import/damaged');
      return result;
    },
  };
}

export const [authenticatorPlusImporter, winAuthZipImporter, raivoZipImporter] = APPS.map(zipListImporter) as [Importer, Importer, Importer];
