/**
 * The encrypted Aegis file opens with an implementation written here from Aegis' docs/vault.md
 * alone (scrypt from @noble/hashes, AES-256-GCM from WebCrypto), not with our importer: if both
 * shared a mistake, the round trip would still pass but Aegis would refuse the file.
 */
import { readFileSync } from 'node:fs';
import { scrypt } from '@noble/hashes/scrypt.js';
import { describe, expect, it } from 'vitest';
import { EXPORTERS } from '../../../../src/formats/export/registry';
import { ALL_SAMPLES, FIXTURE_DIR, FIXTURE_FILES, FIXTURE_PASSWORD, SAMPLE_ACCOUNTS } from './export-samples';

type Json = Record<string, unknown>;

const fromHex = (hex: string): Uint8Array<ArrayBuffer> => new Uint8Array((hex.match(/../g) ?? []).map((h) => parseInt(h, 16)));
const fromB64 = (b64: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(b64, 'base64'));

async function gcmOpen(key: Uint8Array<ArrayBuffer>, nonce: Uint8Array<ArrayBuffer>, ct: Uint8Array, tag: Uint8Array): Promise<Uint8Array> {
  const k = await globalThis.crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  const joined = new Uint8Array(ct.length + tag.length);
  joined.set(ct);
  joined.set(tag, ct.length);
  return new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, k, joined));
}

/** Aegis' documented decryption: first password slot → master key → db. */
async function decryptAegis(file: Uint8Array, password: string): Promise<Json> {
  const vault = JSON.parse(new TextDecoder().decode(file)) as {
    version: number;
    header: { slots: Json[]; params: { nonce: string; tag: string } };
    db: string;
  };
  expect(vault.version).toBe(1);
  const slot = vault.header.slots.find((s) => s.type === 1);
  if (slot === undefined) throw new Error('no password slot');
  const keyParams = slot.key_params as { nonce: string; tag: string };
  const kek = scrypt(new TextEncoder().encode(password), fromHex(slot.salt as string), {
    N: slot.n as number,
    r: slot.r as number,
    p: slot.p as number,
    dkLen: 32,
  });
  const master = await gcmOpen(new Uint8Array(kek), fromHex(keyParams.nonce), fromHex(slot.key as string), fromHex(keyParams.tag));
  const plain = await gcmOpen(new Uint8Array(master), fromHex(vault.header.params.nonce), fromB64(vault.db), fromHex(vault.header.params.tag));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as Json;
}

/** `released`: a committed fixture, written before entries carried `archived` (issue #17). */
function expectDbMatches(db: Json, released = false): void {
  expect(db.version).toBe(3);
  const groups = db.groups as { uuid: string; name: string }[];
  expect(groups.map((g) => g.name)).toEqual(['Work', 'Dev', 'Private']);
  const nameOf = new Map(groups.map((g) => [g.uuid, g.name]));
  const entries = db.entries as Json[];
  expect(entries).toHaveLength(ALL_SAMPLES.length);
  entries.forEach((entry, i) => {
    const a = ALL_SAMPLES[i]!;
    expect(entry.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const keys = ['favorite', 'groups', 'icon', 'info', 'issuer', 'name', 'note', 'type', 'uuid'];
    expect(Object.keys(entry).sort()).toEqual(released ? keys : ['archived', ...keys]);
    if (!released) expect(entry.archived).toBe(false);
    expect({ type: entry.type, issuer: entry.issuer, name: entry.name, favorite: entry.favorite, icon: entry.icon }).toEqual({
      type: a.type,
      issuer: a.issuer,
      name: a.name,
      favorite: a.favourite,
      icon: null,
    });
    expect((entry.groups as string[]).map((u) => nameOf.get(u))).toEqual(a.groups);
    const info = entry.info as Json;
    expect(info.secret).toBe(a.secretB32);
    expect(info.digits).toBe(a.digits);
    expect(info.algo).toBe(a.type === 'motp' ? 'MD5' : a.type === 'yandex' ? 'SHA256' : a.algorithm);
    if (a.type === 'hotp') expect(info).toMatchObject({ counter: a.counter });
    else expect(info).toMatchObject({ period: a.period });
    if (a.type === 'motp' || a.type === 'yandex') expect(info.pin).toBe(a.pin);
  });
  expect(entries[0]?.note).toBe('Main account\n\nRecovery codes:\na1b2-c3d4\ne5f6-g7h8 (used 2026-01-02)');
}

describe('Aegis encrypted export', () => {
  it('writes one password slot with scrypt N=2^15 r=8 p=1, a 32-byte salt and hex nonces/tags, as Aegis does', async () => {
    const { file } = await EXPORTERS['aegis-encrypted'].write(SAMPLE_ACCOUNTS.slice(0, 1), { password: 'pw' });
    const vault = JSON.parse(new TextDecoder().decode(file.bytes)) as { header: { slots: Json[]; params: Json }; db: unknown };
    expect(vault.header.slots).toHaveLength(1);
    const slot = vault.header.slots[0]!;
    expect(slot).toMatchObject({ type: 1, n: 32768, r: 8, p: 1, repaired: true });
    expect(slot.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(slot.key).toMatch(/^[0-9a-f]{64}$/);
    expect(slot.key_params).toEqual({ nonce: expect.stringMatching(/^[0-9a-f]{24}$/), tag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(vault.header.params).toEqual({ nonce: expect.stringMatching(/^[0-9a-f]{24}$/), tag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(typeof vault.db).toBe('string');
    expect(file.fileName).toMatch(/\.json$/);
  });

  it('decrypts with an independent implementation of docs/vault.md to the accounts, groups, notes and recovery codes', async () => {
    const { file } = await EXPORTERS['aegis-encrypted'].write(ALL_SAMPLES, { password: FIXTURE_PASSWORD });
    expectDbMatches(await decryptAegis(file.bytes, FIXTURE_PASSWORD));
  });

  it('the committed fixture decrypts the same way', async () => {
    const bytes = new Uint8Array(readFileSync(new URL(FIXTURE_FILES.aegisEncrypted, FIXTURE_DIR)));
    expectDbMatches(await decryptAegis(bytes, FIXTURE_PASSWORD), true);
  });

  it('does not open with another password', async () => {
    const { file } = await EXPORTERS['aegis-encrypted'].write(SAMPLE_ACCOUNTS, { password: FIXTURE_PASSWORD, scryptLogN: 10 });
    await expect(decryptAegis(file.bytes, 'correct horse 馬 batterY')).rejects.toThrow();
  });

  it('refuses an empty password', async () => {
    await expect(EXPORTERS['aegis-encrypted'].write(SAMPLE_ACCOUNTS, { password: '' })).rejects.toMatchObject({ code: 'vault/passphrase-empty' });
  });

  it('writes the plain vault with null slots and params and the db as an object', async () => {
    const { file } = await EXPORTERS.aegis.write(ALL_SAMPLES);
    const vault = JSON.parse(new TextDecoder().decode(file.bytes)) as { version: number; header: unknown; db: Json };
    expect(vault.version).toBe(1);
    expect(vault.header).toEqual({ slots: null, params: null });
    expectDbMatches(vault.db);
  });
});
