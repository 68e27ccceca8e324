/**
 * @file The plain header of a KeePass database (KDBX 3.1 and 4), read without kdbxweb and
 * without any key: what detection needs to recognise the file and to refuse, before a password
 * is asked for, one whose key derivation is over our budget or that kdbxweb cannot open.
 * Layout (KeePass's KdbxFile.Read, KeePassXC's KdbxReader): two 32-bit signatures, minor and
 * major version, then fields `id (1 byte), size (2 bytes in 3.x, 4 in 4.x), data` up to id 0.
 * KDBX 4 keeps its KDF in field 11 as a VarDictionary; 3.1 has AES-KDF rounds in field 6.
 */
import { bytesToHex } from '../../core/hex';
import { AppError, type ErrorCode } from '../../core/errors';

const SIG1 = 0x9aa2d903;
/** KDBX 2.x and later (KeePass 2, KeePassXC). */
const SIG2_KDBX = 0xb54bfb67;
/** KeePass 1.x's .kdb, which has another layout altogether. */
const SIG2_KDB = 0xb54bfb65;

/** KDF UUIDs (KeePass's AesKdf.Uuid, Argon2Kdf.Uuid2d / Uuid2id), hex. */
const KDF_AES = 'c9d9f39a628a4460bf740d08c18a4fea';
const KDF_ARGON2D = 'ef636ddf8c29444b91f7a9a403e30a0c';
const KDF_ARGON2ID = '9e298b1956db4773b23dfc3ec6f0a1e6';
/** Ciphers kdbxweb decrypts: AES-256-CBC and ChaCha20 (Twofish, which KeePassXC offers, is not among them). */
const CIPHER_AES = '31c1f2e6bf714350be5805216afc5aff';
const CIPHER_CHACHA20 = 'd6038a2b8b6f4cb5a524339a31dbb59a';

const MiB = 1024 * 1024;

/**
 * The most key derivation a KeePass database may ask for here. KeePassXC's encryption settings
 * (DatabaseSettingsWidgetEncryption.ui) allow up to 1,000,000,000 transform rounds for AES-KDF
 * and 128 threads for Argon2, and those are our limits. Its memory field goes to 1 TiB, which no
 * browser can allocate: we stop at 1 GiB, as for Bitwarden's and Ente's Argon2 files, and bound
 * memory × passes at 16 GiB, a little above what KeePassXC's longest "decryption time" (5 s)
 * benchmarks to at its default 64 MiB on a fast desktop. Anything above is refused before any
 * derivation runs ('import/kdf-keepass').
 */
export const KEEPASS_KDF = Object.freeze({ aesRounds: 1_000_000_000, argon2MemoryBytes: 1024 * MiB, argon2Parallelism: 128, argon2Work: 16 * 1024 * MiB });

export type KdbxKdf =
  | { kind: 'aes'; rounds: number }
  | { kind: 'argon2d' | 'argon2id'; memoryBytes: number; iterations: number; parallelism: number; version: number }
  | { kind: 'unknown' };

export interface KdbxHeader {
  versionMajor: number;
  versionMinor: number;
  /** The data cipher's UUID as hex; '' when the field is missing. */
  cipher: string;
  kdf: KdbxKdf;
}

/** Whether the bytes start with KeePass 2's signatures (any version) or KeePass 1's. */
export function kdbxSignature(bytes: Uint8Array): 'kdbx' | 'kdb' | null {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== SIG1) return null;
  const sig2 = view.getUint32(4, true);
  return sig2 === SIG2_KDBX ? 'kdbx' : sig2 === SIG2_KDB ? 'kdb' : null;
}

/** An unsigned 64-bit little-endian number as a double: beyond 2^53 it stays large, never wraps. */
function uint64(view: DataView, at: number): number {
  return view.getUint32(at + 4, true) * 2 ** 32 + view.getUint32(at, true);
}

/** KDBX 4's VarDictionary (KeePass's VariantDictionary): numbers and byte arrays by key. */
function readVarDictionary(data: Uint8Array): Map<string, number | Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = new Map<string, number | Uint8Array>();
  if (data.length < 2 || view.getUint16(0, true) >> 8 !== 1) throw new AppError('import/damaged');
  let at = 2;
  for (;;) {
    if (at >= data.length) throw new AppError('import/damaged');
    const type = data[at] ?? 0;
    at += 1;
    if (type === 0) return out;
    if (at + 4 > data.length) throw new AppError('import/damaged');
    const keyLength = view.getUint32(at, true);
    at += 4;
    if (at + keyLength + 4 > data.length) throw new AppError('import/damaged');
    const key = new TextDecoder().decode(data.subarray(at, at + keyLength));
    at += keyLength;
    const valueLength = view.getUint32(at, true);
    at += 4;
    if (at + valueLength > data.length) throw new AppError('import/damaged');
    const value = data.subarray(at, at + valueLength);
    const vview = new DataView(value.buffer, value.byteOffset, value.byteLength);
    // 0x04 UInt32, 0x05 UInt64, 0x0C Int32, 0x0D Int64; other types (bool, string, bytes) as bytes.
    if ((type === 0x04 || type === 0x0c) && valueLength === 4) out.set(key, type === 0x04 ? vview.getUint32(0, true) : vview.getInt32(0, true));
    else if ((type === 0x05 || type === 0x0d) && valueLength === 8) out.set(key, uint64(vview, 0));
    else out.set(key, value);
    at += valueLength;
  }
}

function kdfOf(params: Map<string, number | Uint8Array>): KdbxKdf {
  const uuid = params.get('$UUID');
  const id = uuid instanceof Uint8Array ? bytesToHex(uuid) : '';
  const num = (key: string): number => {
    const v = params.get(key);
    return typeof v === 'number' ? v : Number.NaN;
  };
  if (id === KDF_AES) return { kind: 'aes', rounds: num('R') };
  if (id === KDF_ARGON2D || id === KDF_ARGON2ID) {
    return { kind: id === KDF_ARGON2D ? 'argon2d' : 'argon2id', memoryBytes: num('M'), iterations: num('I'), parallelism: num('P'), version: num('V') };
  }
  return { kind: 'unknown' };
}

/** Reads the plain header; 'import/damaged' when it is cut off or malformed, 'import/keepass-unsupported' for other versions. */
export function readKdbxHeader(bytes: Uint8Array): KdbxHeader {
  const signature = kdbxSignature(bytes);
  if (signature === 'kdb') throw new AppError('import/keepass-unsupported');
  if (signature === null) throw new AppError('import/damaged');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const versionMinor = view.getUint16(8, true);
  const versionMajor = view.getUint16(10, true);
  if (versionMajor !== 3 && versionMajor !== 4) throw new AppError('import/keepass-unsupported');
  const sizeBytes = versionMajor === 4 ? 4 : 2;
  let at = 12;
  let cipher = '';
  let kdf: KdbxKdf = { kind: 'unknown' };
  for (;;) {
    if (at + 1 + sizeBytes > bytes.length) throw new AppError('import/damaged');
    const id = bytes[at] ?? 0;
    const size = sizeBytes === 4 ? view.getUint32(at + 1, true) : view.getUint16(at + 1, true);
    at += 1 + sizeBytes;
    if (at + size > bytes.length) throw new AppError('import/damaged');
    const data = bytes.subarray(at, at + size);
    at += size;
    if (id === 0) break;
    if (id === 2) cipher = bytesToHex(data);
    else if (id === 6 && versionMajor === 3 && size === 8) kdf = { kind: 'aes', rounds: uint64(new DataView(data.buffer, data.byteOffset, 8), 0) };
    else if (id === 11 && versionMajor === 4) kdf = kdfOf(readVarDictionary(data));
  }
  return { versionMajor, versionMinor, cipher, kdf };
}

/**
 * Why this database must be refused before any password is asked for, or undefined: a KDF or a
 * cipher kdbxweb and hash-wasm cannot run (Argon2 1.0, Twofish, an unknown KDF), or more key
 * derivation than KEEPASS_KDF allows.
 */
export function kdbxRefusal(header: KdbxHeader): ErrorCode | undefined {
  if (header.cipher !== CIPHER_AES && header.cipher !== CIPHER_CHACHA20) return 'import/keepass-unsupported';
  const { kdf } = header;
  if (kdf.kind === 'unknown') return 'import/keepass-unsupported';
  if (kdf.kind === 'aes') {
    if (!(kdf.rounds >= 1)) return 'import/damaged';
    return kdf.rounds > KEEPASS_KDF.aesRounds ? 'import/kdf-keepass' : undefined;
  }
  // hash-wasm runs Argon2 version 1.3 (0x13) only; KeePass has written 1.3 since KDBX 4 began.
  if (kdf.version !== 0x13) return 'import/keepass-unsupported';
  const { memoryBytes: m, iterations: t, parallelism: p } = kdf;
  if (!(m >= 8 * 1024 && t >= 1 && p >= 1)) return 'import/damaged';
  const over = m > KEEPASS_KDF.argon2MemoryBytes || p > KEEPASS_KDF.argon2Parallelism || m * t > KEEPASS_KDF.argon2Work;
  return over ? 'import/kdf-keepass' : undefined;
}
