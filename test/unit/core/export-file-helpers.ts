/** Helpers for export-file tests: envelope surgery that keeps the checksum valid, and files with any slots. */
import { vi } from 'vitest';
import { importAesKey, randomBytes, sealWithIv } from '../../../src/core/crypto/aead';
import { b64UrlToBytes, bytesToB64Url } from '../../../src/core/crypto/bytes';
import { hkdfSha256 } from '../../../src/core/crypto/hkdf';
import { createInProcessKdf, type Argon2Params, type KdfRunner } from '../../../src/core/crypto/kdf';
import { kekFromBytes, wrapKey } from '../../../src/core/crypto/vault-keys';
import { exportSlotAad, TRANSFER_CODE_INFO } from '../../../src/core/export-file';
import {
  checksumHex,
  entriesDigest,
  EXPORT_VERSION,
  serializeHeader,
  type ExportHeader,
  type ExportSlot,
  type ExportVersion,
} from '../../../src/core/export-file-parse';
import { normalizeTransferCode } from '../../../src/core/transfer-code';
import { FIXTURE_ACCOUNTS, FIXTURE_APP, FIXTURE_NOW } from './export-fixtures';

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

/**
 * A stand-in Argon2id that counts its calls: SHA-256 of the normalised passphrase, the salt and
 * m, t, p (a wrong passphrase or any changed parameter gives another key), with no bounds and no
 * memory, so that files claiming 1 GiB can be crafted and read in a test. `ignoring` leaves
 * parameters out, to show what the slot AAD alone catches.
 */
export function countingKdf(ignoring: readonly ('m' | 't' | 'p')[] = []): KdfRunner & { calls: Argon2Params[] } {
  const calls: Argon2Params[] = [];
  return {
    calls,
    async argon2id(passphrase, params) {
      calls.push(params);
      const numbers = (['m', 't', 'p'] as const).map((k) => (ignoring.includes(k) ? 0 : params[k]));
      const data = new TextEncoder().encode(JSON.stringify([passphrase.normalize('NFKC'), bytesToB64Url(params.salt), numbers]));
      return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    },
  };
}

export type CraftSlot = { type: 'passphrase'; passphrase: string; m: number; t: number; p: number } | { type: 'transfer-code'; code: string };

/**
 * A file with any slots, built from the format's pieces (the writer makes exactly one slot; the
 * format allows up to four). Holds FIXTURE_ACCOUNTS; `kdf` derives the passphrase slots' keys.
 */
export async function craftExportFile(slots: readonly CraftSlot[], kdf: KdfRunner, version: ExportVersion = EXPORT_VERSION): Promise<Uint8Array> {
  const payloadKey = randomBytes(32);
  const exportId = bytesToB64Url(randomBytes(16));
  const sealedSlots: ExportSlot[] = [];
  for (const [index, s] of slots.entries()) {
    if (s.type === 'passphrase') {
      const k = { alg: 'argon2id', m: s.m, t: s.t, p: s.p, salt: randomBytes(16) } as const;
      const kek = await kekFromBytes(await kdf.argon2id(s.passphrase, k));
      const sealed = await wrapKey(kek, payloadKey, exportSlotAad(version, exportId, index, s.type, k));
      sealedSlots.push({ type: s.type, kdf: k, iv: sealed.iv, wrappedKey: sealed.ct });
    } else {
      const k = { alg: 'hkdf-sha256', salt: randomBytes(32) } as const;
      const kek = await kekFromBytes(await hkdfSha256(new TextEncoder().encode(normalizeTransferCode(s.code)), k.salt, TRANSFER_CODE_INFO));
      const sealed = await wrapKey(kek, payloadKey, exportSlotAad(version, exportId, index, s.type, k));
      sealedSlots.push({ type: s.type, kdf: k, iv: sealed.iv, wrappedKey: sealed.ct });
    }
  }
  const header: ExportHeader = { version, alg: 'A256GCM', iv: randomBytes(12), exportId, slots: sealedSlots };
  const headerBytes = serializeHeader(header, bytesToB64Url);
  const payload = {
    schema: 1,
    exportedAt: FIXTURE_NOW.toISOString(),
    app: FIXTURE_APP,
    count: FIXTURE_ACCOUNTS.length,
    entriesDigest: entriesDigest(FIXTURE_ACCOUNTS),
    accounts: FIXTURE_ACCOUNTS,
  };
  const { ct } = await sealWithIv(await importAesKey(payloadKey, false), header.iv, new TextEncoder().encode(JSON.stringify(payload)), headerBytes);
  const envelope = { format: 'omamori-export', version, header: bytesToB64Url(headerBytes), ciphertext: bytesToB64Url(ct), checksum: '' };
  return encodeJson(fixChecksum(envelope));
}
