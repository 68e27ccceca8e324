/** Shared helpers for the Google transfer-code tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { base64Encode, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { expect } from 'vitest';
import type { AccountData } from '../../../src/core/account';
import { AppError, type ErrorCode } from '../../../src/core/errors';

export const FIXTURE_DIR = path.resolve(import.meta.dirname, '../../fixtures/google-migration');

/** The URIs of a text file: one a line; blank lines and `#` comments skipped. */
export function uriLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function fixtureUris(name: string): string[] {
  return uriLines(readFileSync(path.join(FIXTURE_DIR, name), 'utf8'));
}

/** One OtpParameters entry as raw protobuf numbers; absent fields are not written (proto3). */
export interface RawOtp {
  secret?: Uint8Array;
  name?: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: number | bigint;
  /** Writes extra (unknown) fields inside the entry. */
  extra?: (w: BinaryWriter) => void;
}

export interface RawBatch {
  version?: number;
  batchSize?: number;
  batchIndex?: number;
  batchId?: number;
  /** Writes extra (unknown) fields into the payload. */
  extra?: (w: BinaryWriter) => void;
}

/** Builds a MigrationPayload by hand, for payloads our encoder never writes (MD5, unknown fields). */
export function buildPayload(entries: RawOtp[], batch: RawBatch = {}): Uint8Array {
  const w = new BinaryWriter();
  for (const e of entries) {
    w.tag(1, WireType.LengthDelimited).fork();
    if (e.secret !== undefined) w.tag(1, WireType.LengthDelimited).bytes(e.secret);
    if (e.name !== undefined) w.tag(2, WireType.LengthDelimited).string(e.name);
    if (e.issuer !== undefined) w.tag(3, WireType.LengthDelimited).string(e.issuer);
    if (e.algorithm !== undefined) w.tag(4, WireType.Varint).int32(e.algorithm);
    if (e.digits !== undefined) w.tag(5, WireType.Varint).int32(e.digits);
    if (e.type !== undefined) w.tag(6, WireType.Varint).int32(e.type);
    if (e.counter !== undefined) w.tag(7, WireType.Varint).int64(e.counter);
    e.extra?.(w);
    w.join();
  }
  if (batch.version !== undefined) w.tag(2, WireType.Varint).int32(batch.version);
  if (batch.batchSize !== undefined) w.tag(3, WireType.Varint).int32(batch.batchSize);
  if (batch.batchIndex !== undefined) w.tag(4, WireType.Varint).int32(batch.batchIndex);
  if (batch.batchId !== undefined) w.tag(5, WireType.Varint).int32(batch.batchId);
  batch.extra?.(w);
  return w.finish();
}

/** Wraps bytes the way Google does: standard padded base64, percent-encoded. */
export function migrationUri(bytes: Uint8Array): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(bytes))}`;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function account(partial: Partial<AccountData> & Pick<AccountData, 'secretB32'>): AccountData {
  return { type: 'totp', issuer: '', name: '', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, pin: '', ...partial };
}

/** The thrown error, asserted to be an AppError (with this code, when given). */
export function catchAppError(fn: () => unknown, code?: ErrorCode): AppError {
  let thrown: unknown = null;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(AppError);
  if (code !== undefined) expect((thrown as AppError).code).toBe(code);
  return thrown as AppError;
}
