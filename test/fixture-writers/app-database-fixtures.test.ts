/**
 * Writes the committed fixtures of apps that have no export (#17), from our own made-up accounts
 * (test/unit/formats/import/app-database-fixtures.ts): the preference XML files as texts, Authy's
 * file with every secret encrypted as Authy does (PBKDF2-SHA1, AES-256-CBC), the SQLite databases
 * with each app's real schema through sql.js, and 4 KiB of fixed noise as Authenticator Plus's
 * SQLCipher file (it is refused without being read). The SQLite schemas are in
 * app-database-fixtures.ts, shared with the hostile-names test. Run by hand:
 *   npx vitest run --config vitest.fixture-writers.config.ts test/fixture-writers/app-database-fixtures.test.ts
 */
import { createCipheriv, pbkdf2Sync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import * as A from '../unit/formats/import/app-database-fixtures';
import { FIXTURE_DIR } from '../unit/formats/import/helpers';
import { fixedBytes } from '../unit/formats/import/writers';

const OUT = process.env.OMAMORI_FIXTURE_OUT ?? FIXTURE_DIR;

function write(rel: string, data: string | Uint8Array): void {
  const file = path.join(OUT, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
}

function authyEncrypted(): string {
  const tokens = A.AUTHY_TOKENS.map((t) => {
    const iterations = t.iterations ?? 1000;
    const key = pbkdf2Sync(A.AUTHY_PASSWORD, t.salt, iterations, 32, 'sha1');
    const iv = t.iv === undefined ? Buffer.alloc(16) : Buffer.from(t.iv, 'hex');
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    const ct = Buffer.concat([cipher.update(t.account.secretB32, 'utf8'), cipher.final()]).toString('base64');
    const extra = t.iv === undefined ? {} : { unique_iv: t.iv, key_derivation_iterations: iterations };
    return A.authyToken(t.account, { encryptedSecret: ct, salt: t.salt, ...extra });
  });
  return A.authyPrefs(tokens);
}

it('writes the fixtures of apps without an export', async () => {
  write(A.APP_FILES.authyPlain, A.AUTHY_PLAIN);
  write(A.APP_FILES.authyEncrypted, authyEncrypted());
  write(A.APP_FILES.battleNet, A.battleNetPrefs());
  write(A.APP_FILES.duo, A.DUO);
  write(A.APP_FILES.freeOtpXml, A.FREEOTP_XML);
  write(A.APP_FILES.totpAuthenticatorXml, A.TOTP_AUTHENTICATOR_XML);

  write(A.APP_FILES.google, await A.googleDb(A.GOOGLE_ROWS));
  write(A.APP_FILES.microsoft, await A.microsoftDb(A.MICROSOFT_ROWS));
  write(A.APP_FILES.stratumDb, await A.stratumDb(A.STRATUM_ROWS));

  write(A.APP_FILES.authenticatorPlusDb, fixedBytes(4096, 1, 17));
});
