/** Dumps/loads an OmamoriDb as JSON (bytes as base64): how schema fixtures are written and read. */
import type { OmamoriDb } from '../../../src/storage/db';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function encode(value: unknown): Json {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value as Json;
}

function decode(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    if (typeof value.$bytes === 'string') return new Uint8Array(Buffer.from(value.$bytes, 'base64'));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export async function dumpDb(db: OmamoriDb): Promise<{ vault: Json; accounts: Json }> {
  return { vault: encode(await db.vault.toArray()), accounts: encode(await db.accounts.toArray()) };
}

export async function loadDb(db: OmamoriDb, dump: { vault: Json; accounts: Json }): Promise<void> {
  await db.transaction('rw', [db.vault, db.accounts], async () => {
    await db.vault.bulkPut(decode(dump.vault) as never[]);
    await db.accounts.bulkPut(decode(dump.accounts) as never[]);
  });
}
