/**
 * @file The protobuf messages inside Google Authenticator transfer codes, read and written field
 * by field with @bufbuild/protobuf's wire reader/writer (no .proto ships with Google's app; these
 * field numbers agree across Aegis, extract_otp_secrets and otp-migration-tool):
 *   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *                      int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *   OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
 *                   DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
 * Like protobuf-java (which Google's app uses), a field with an unknown number (newer versions add
 * some) or an unexpected wire type is skipped. Enums stay raw numbers here; the codec maps them.
 */
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export interface OtpParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  /** 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5 */
  algorithm: number;
  /** 0 unspecified, 1 SIX, 2 EIGHT */
  digits: number;
  /** 0 unspecified, 1 HOTP, 2 TOTP */
  type: number;
  counter: bigint;
}

export interface MigrationPayload {
  entries: OtpParameters[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

function readOtpParameters(bytes: Uint8Array): OtpParameters {
  const p: OtpParameters = { secret: new Uint8Array(0), name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0n };
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [no, wire] = r.tag();
    const text = wire === WireType.LengthDelimited;
    const varint = wire === WireType.Varint;
    if (no === 1 && text) p.secret = r.bytes();
    else if (no === 2 && text) p.name = r.string();
    else if (no === 3 && text) p.issuer = r.string();
    else if (no === 4 && varint) p.algorithm = r.int32();
    else if (no === 5 && varint) p.digits = r.int32();
    else if (no === 6 && varint) p.type = r.int32();
    else if (no === 7 && varint) p.counter = BigInt(r.int64());
    else r.skip(wire, no);
  }
  return p;
}

/** Throws (a plain Error or RangeError from the reader) when the bytes are not such a message. */
export function readMigrationPayload(bytes: Uint8Array): MigrationPayload {
  const p: MigrationPayload = { entries: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [no, wire] = r.tag();
    const varint = wire === WireType.Varint;
    if (no === 1 && wire === WireType.LengthDelimited) p.entries.push(readOtpParameters(r.bytes()));
    else if (no === 2 && varint) p.version = r.int32();
    else if (no === 3 && varint) p.batchSize = r.int32();
    else if (no === 4 && varint) p.batchIndex = r.int32();
    // Google writes batch_id as int32, i.e. a negative id as a ten-byte varint; int32() reads both.
    else if (no === 5 && varint) p.batchId = r.int32();
    else r.skip(wire, no);
  }
  return p;
}

/** Writes the fields in Google's order; empty issuer and TOTP counter are omitted, as proto3 does. */
export function writeMigrationPayload(p: MigrationPayload): Uint8Array<ArrayBuffer> {
  const w = new BinaryWriter();
  for (const e of p.entries) {
    w.tag(1, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).bytes(e.secret);
    w.tag(2, WireType.LengthDelimited).string(e.name);
    if (e.issuer !== '') w.tag(3, WireType.LengthDelimited).string(e.issuer);
    w.tag(4, WireType.Varint).int32(e.algorithm);
    w.tag(5, WireType.Varint).int32(e.digits);
    w.tag(6, WireType.Varint).int32(e.type);
    if (e.counter !== 0n) w.tag(7, WireType.Varint).int64(e.counter);
    w.join();
  }
  w.tag(2, WireType.Varint).int32(p.version);
  w.tag(3, WireType.Varint).int32(p.batchSize);
  w.tag(4, WireType.Varint).int32(p.batchIndex);
  w.tag(5, WireType.Varint).int32(p.batchId);
  return w.finish();
}
