/**
 * Writes the KDBX 4 fixtures of test/fixtures/import/keepass/ (see README.md there): KeePassXC's
 * own command line (keepassxc-cli 2.7.4, Debian) writes only KDBX 3.1 with AES-KDF, so the KDBX 4
 * files are that same KeePassXC database opened and saved again with kdbxweb, with the smallest
 * key-derivation costs that keep the unit tests fast. Run by hand:
 *   npx vitest run --config vitest.fixture-writers.config.ts test/fixture-writers/keepass-fixtures.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { loadKdbxweb } from '../../src/formats/kdbx/kdbxweb';
import { FIXTURE_DIR } from '../unit/formats/import/helpers';

const DIR = path.join(process.env.OMAMORI_FIXTURE_OUT ?? FIXTURE_DIR, 'keepass');
const PASSWORD = 'omamori-test';

async function resave(name: string, kdf: 'Argon2id' | 'Argon2d' | 'Aes', keyFile?: string): Promise<void> {
  const k = await loadKdbxweb();
  const source = new Uint8Array(readFileSync(path.join(DIR, 'kdbx3-aes.kdbx')));
  const db = await k.Kdbx.load(source.slice().buffer, new k.Credentials(k.ProtectedValue.fromString(PASSWORD)));
  db.setVersion(4);
  db.setKdf(k.Consts.KdfId[kdf]);
  const params = db.header.kdfParameters;
  if (params === undefined) throw new Error('no KDF parameters');
  const { UInt64, UInt32 } = k.VarDictionary.ValueType;
  if (kdf === 'Aes') {
    params.set('R', UInt64, k.Int64.from(10_000));
  } else {
    params.set('M', UInt64, k.Int64.from(1024 * 1024));
    params.set('I', UInt64, k.Int64.from(2));
    params.set('P', UInt32, 2);
  }
  if (keyFile !== undefined) await db.credentials.setKeyFile(new Uint8Array(readFileSync(path.join(DIR, keyFile))));
  writeFileSync(path.join(DIR, name), new Uint8Array(await db.save()));
}

it('writes the KDBX 4 fixtures', async () => {
  await resave('kdbx4-argon2id.kdbx', 'Argon2id');
  await resave('kdbx4-argon2d-keyfile.kdbx', 'Argon2d', 'keyfile.keyx');
  await resave('kdbx4-aes.kdbx', 'Aes');
}, 60_000);
