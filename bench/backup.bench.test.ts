/**
 * `npm run bench` (part 2): export and import of 1,000 accounts through the real backup service
 * and file codec, with the Argon2id time measured separately; prints figures, asserts nothing
 * about speed (docs/architecture.md, "Tests": benchmarks print, tests assert).
 */
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import type { AccountData } from '../src/core/account';
import { encodeBase32 } from '../src/core/base32';
import { createInProcessKdf, type KdfRunner } from '../src/core/crypto/kdf';
import { BackupService } from '../src/services/backup/backup';
import { VaultService } from '../src/services/vault/vault';
import { OmamoriDb } from '../src/storage/db';

Dexie.dependencies.indexedDB = indexedDB;
Dexie.dependencies.IDBKeyRange = IDBKeyRange;
const N = 1000;

function timedKdf(): { kdf: KdfRunner; total: () => number; reset: () => void } {
  const inner = createInProcessKdf();
  let spent = 0;
  return {
    kdf: {
      async argon2id(passphrase, params, opts) {
        const t0 = performance.now();
        try {
          return await inner.argon2id(passphrase, params, opts);
        } finally {
          spent += performance.now() - t0;
        }
      },
    },
    total: () => spent,
    reset: () => (spent = 0),
  };
}

function account(i: number): AccountData {
  return {
    type: i % 10 === 0 ? 'hotp' : 'totp',
    issuer: `Service ${i} サービス`,
    name: `user${i}@example.com`,
    secretB32: encodeBase32(crypto.getRandomValues(new Uint8Array(20))),
    algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!,
    digits: 6 + (i % 3),
    period: 30,
    counter: i % 10 === 0 ? i : 0,
    pin: '',
  };
}

it(`exports and imports ${N} accounts`, async () => {
  const timing = timedKdf();
  const make = (name: string) => new VaultService({ db: new OmamoriDb(name, { indexedDB, IDBKeyRange }), kdf: timing.kdf, argon2: { m: 8192, t: 1, p: 1 } });
  const a = make('bench-a');
  await a.create('bench passphrase a', { deviceSlot: false });
  await a.addAccounts(Array.from({ length: N }, (_, i) => account(i)));
  // The file itself uses the app's default Argon2id cost (64 MiB, t=3, p=4).
  const backup = new BackupService({ kdf: timing.kdf, app: 'Omamori bench' });
  const secret = { kind: 'passphrase' as const, passphrase: 'bench backup passphrase' };

  timing.reset();
  let t0 = performance.now();
  const { bytes, count } = await backup.exportBackup(a, { secret });
  const exportMs = performance.now() - t0;
  const exportKdf = timing.total();

  const b = make('bench-b');
  await b.create('bench passphrase b', { deviceSlot: false });
  timing.reset();
  t0 = performance.now();
  const preview = await backup.previewImport(b, bytes, secret);
  const written = await backup.commitImport(b, preview, { updateChanged: false });
  const importMs = performance.now() - t0;
  const importKdf = timing.total();

  expect(count).toBe(N);
  expect(written).toBe(N);
  console.log(`\nBackup of ${N} accounts (Node, fake-indexeddb):`);
  console.log(`  file size: ${(bytes.length / 1024).toFixed(1)} KiB`);
  console.log(
    `  export incl. read-back check: ${(exportMs - exportKdf).toFixed(0)} ms without the KDF; Argon2id ${exportKdf.toFixed(0)} ms (2 runs: write + check)`,
  );
  console.log(`  import (read, preview, one transaction): ${(importMs - importKdf).toFixed(0)} ms without the KDF; Argon2id ${importKdf.toFixed(0)} ms`);
}, 120_000);
