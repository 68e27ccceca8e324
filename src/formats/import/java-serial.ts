/**
 * @file A bounded reader for the one Java serialization shape FreeOTP v2 backups use
 * (docs/formats.md): a `java.util.HashMap<String, String>` written by ObjectOutputStream
 * (Java Object Serialization Stream Protocol, version 5). Anything else — other classes, nested
 * objects, arrays — is refused with 'import/damaged' rather than guessed at.
 */
import { AppError } from '../../core/errors';

const MAGIC = [0xac, 0xed, 0x00, 0x05];
const TC = {
  NULL: 0x70,
  REFERENCE: 0x71,
  CLASSDESC: 0x72,
  OBJECT: 0x73,
  STRING: 0x74,
  BLOCKDATA: 0x77,
  ENDBLOCKDATA: 0x78,
  BLOCKDATALONG: 0x7a,
  LONGSTRING: 0x7c,
} as const;
const BASE_HANDLE = 0x7e0000;
const PRIMITIVE_BYTES: Readonly<Record<string, number>> = { B: 1, C: 2, D: 8, F: 4, I: 4, J: 8, S: 2, Z: 1 };
const MAX_ENTRIES = 100_000;

const damaged = (): AppError => new AppError('import/damaged');

export function isJavaSerialized(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

/** Java's "modified UTF-8": 1–3 byte sequences of UTF-16 code units, NUL as C0 80. */
function decodeModifiedUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const a = bytes[i] ?? 0;
    if (a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0) {
      const b = bytes[i + 1] ?? 0;
      if ((b & 0xc0) !== 0x80) throw damaged();
      units.push(((a & 0x1f) << 6) | (b & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0) {
      const b = bytes[i + 1] ?? 0;
      const c = bytes[i + 2] ?? 0;
      if ((b & 0xc0) !== 0x80 || (c & 0xc0) !== 0x80) throw damaged();
      units.push(((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
      i += 3;
    } else {
      throw damaged();
    }
    if (units.length >= 8192) out += String.fromCharCode(...units.splice(0));
  }
  return out + String.fromCharCode(...units);
}

class Reader {
  private at = 0;
  readonly handles: unknown[] = [];
  constructor(private readonly bytes: Uint8Array) {}

  u8(): number {
    if (this.at >= this.bytes.length) throw damaged();
    return this.bytes[this.at++] ?? 0;
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  u32(): number {
    return ((this.u16() << 16) | this.u16()) >>> 0;
  }
  take(n: number): Uint8Array {
    if (n < 0 || this.at + n > this.bytes.length) throw damaged();
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  utf(): string {
    return decodeModifiedUtf8(this.take(this.u16()));
  }
  peek(): number {
    return this.bytes[this.at] ?? -1;
  }
  newHandle(value: unknown): void {
    this.handles.push(value);
  }
  reference(): unknown {
    const index = this.u32() - BASE_HANDLE;
    if (index < 0 || index >= this.handles.length) throw damaged();
    return this.handles[index];
  }

  /** A TC_STRING / TC_LONGSTRING / TC_REFERENCE (to a string). */
  string(): string {
    const tc = this.u8();
    if (tc === TC.STRING) {
      const s = this.utf();
      this.newHandle(s);
      return s;
    }
    if (tc === TC.LONGSTRING) {
      const high = this.u32();
      const low = this.u32();
      if (high !== 0) throw damaged();
      const s = decodeModifiedUtf8(this.take(low));
      this.newHandle(s);
      return s;
    }
    if (tc === TC.REFERENCE) {
      const s = this.reference();
      if (typeof s !== 'string') throw damaged();
      return s;
    }
    throw damaged();
  }

  /** Skips a class annotation (block data up to TC_ENDBLOCKDATA; nested objects are refused). */
  skipAnnotation(): void {
    for (;;) {
      const tc = this.u8();
      if (tc === TC.ENDBLOCKDATA) return;
      if (tc === TC.BLOCKDATA) this.take(this.u8());
      else if (tc === TC.BLOCKDATALONG) this.take(this.u32());
      else throw damaged();
    }
  }

  /** A HashMap class description (with its superclass chain, which for HashMap is null). */
  classDesc(depth = 0): { fields: string[]; hasWriteObject: boolean } {
    if (depth > 4) throw damaged();
    const tc = this.u8();
    if (tc === TC.NULL) return { fields: [], hasWriteObject: false };
    if (tc === TC.REFERENCE) {
      const desc = this.reference();
      if (!isDesc(desc)) throw damaged();
      return desc;
    }
    if (tc !== TC.CLASSDESC) throw damaged();
    const name = this.utf();
    this.take(8); // serialVersionUID
    const desc = { fields: [] as string[], hasWriteObject: false };
    this.newHandle(desc);
    const flags = this.u8();
    desc.hasWriteObject = (flags & 0x01) !== 0;
    const count = this.u16();
    for (let i = 0; i < count; i++) {
      const type = String.fromCharCode(this.u8());
      this.utf(); // field name
      if (type === 'L' || type === '[') this.string(); // field's class name
      desc.fields.push(type);
    }
    this.skipAnnotation();
    const parent = this.classDesc(depth + 1);
    if (name !== 'java.util.HashMap' || parent.fields.length !== 0) throw damaged();
    return desc;
  }
}

function isDesc(value: unknown): value is { fields: string[]; hasWriteObject: boolean } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { fields?: unknown }).fields);
}

/** The serialized HashMap<String, String> as a Map (insertion = stream order). */
export function readJavaStringMap(bytes: Uint8Array): Map<string, string> {
  if (!isJavaSerialized(bytes)) throw damaged();
  const r = new Reader(bytes.subarray(4));
  if (r.u8() !== TC.OBJECT) throw damaged();
  const desc = r.classDesc();
  r.newHandle(null); // the map object itself
  for (const type of desc.fields) {
    const size = PRIMITIVE_BYTES[type];
    if (size === undefined) throw damaged(); // HashMap's fields are primitives only
    r.take(size);
  }
  if (!desc.hasWriteObject) throw damaged();
  // writeObject: block data holding (int capacity, int size), then the key/value objects.
  const tc = r.u8();
  const blockLength = tc === TC.BLOCKDATA ? r.u8() : tc === TC.BLOCKDATALONG ? r.u32() : -1;
  if (blockLength < 8) throw damaged();
  r.u32(); // capacity
  const size = r.u32();
  r.take(blockLength - 8);
  if (size > MAX_ENTRIES) throw damaged();
  const map = new Map<string, string>();
  for (let i = 0; i < size; i++) {
    const key = r.string();
    let value = '';
    if (r.peek() === TC.NULL) r.u8();
    else value = r.string();
    map.set(key, value);
  }
  if (r.u8() !== TC.ENDBLOCKDATA) throw damaged();
  return map;
}
