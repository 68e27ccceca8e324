/** Helpers for export-file tests: envelope surgery that keeps the checksum valid. */
import { vi } from 'vitest';
import { b64UrlToBytes, bytesToB64Url } from '../../../src/core/crypto/bytes';
import { createInProcessKdf, type KdfRunner } from '../../../src/core/crypto/kdf';
import { checksumHex } from '../../../src/core/export-file-parse';

export interface Envelope {
  format: string;
  version: number;
  header: string;
  ciphertext: string;
  checksum: string;
}

export function parseJson(bytes: Uint8Array): Envelope {
  return JSON.parse(new TextDecoder().decode(bytes)) as Envelope;
}

export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function fixChecksum(env: Envelope): Envelope {
  const header = b64UrlToBytes(env.header)!;
  const ct = b64UrlToBytes(env.ciphertext)!;
  return { ...env, checksum: `sha256:${checksumHex(header, ct)}` };
}

/** Rewrites the header JSON, re-encodes it and fixes the checksum, so the change reaches authentication. */
export function tamperHeader(bytes: Uint8Array, change: (header: Record<string, unknown>) => Record<string, unknown> | string): Uint8Array {
  const env = parseJson(bytes);
  const header = JSON.parse(new TextDecoder().decode(b64UrlToBytes(env.header)!)) as Record<string, unknown>;
  const changed = change(header);
  const text = typeof changed === 'string' ? changed : JSON.stringify(changed);
  return encodeJson(fixChecksum({ ...env, header: bytesToB64Url(new TextEncoder().encode(text)) }));
}

export function headerText(bytes: Uint8Array): string {
  return new TextDecoder().decode(b64UrlToBytes(parseJson(bytes).header)!);
}

/** An in-process KdfRunner whose argon2id calls are counted. */
export function spyKdf(): KdfRunner & { argon2id: ReturnType<typeof vi.fn> } {
  const inner = createInProcessKdf();
  return { argon2id: vi.fn((...args: Parameters<KdfRunner['argon2id']>) => inner.argon2id(...args)) } as never;
}
