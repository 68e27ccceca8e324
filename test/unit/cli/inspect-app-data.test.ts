/**
 * `omamori inspect` on the files of apps without an export (#17), from our committed fixtures:
 * a SQLite database (sql.js from node_modules), a preferences XML (xmldom, no DOMParser in
 * Node) with its password, what does not come across and why, and Authenticator Plus's refusal.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/messages/en';
import { APP_FILES, AUTHY_PASSWORD } from '../formats/import/app-database-fixtures';
import { run } from './cli-helpers';

const fixture = (rel: string): string => path.resolve('test/fixtures/import', rel);

interface Report {
  format: string;
  count: number;
  accounts: { issuer: string; name: string; type: string }[];
  problems: { label: string; code: string; message: string }[];
}

describe('omamori inspect: files of apps without an export', () => {
  it("reads Microsoft Authenticator's database and lists Microsoft's own account as not movable, with the reason", async () => {
    const r = await run(['inspect', fixture(APP_FILES.microsoft)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.format).toBe('microsoft-authenticator-db');
    expect(report.accounts.map((a) => [a.issuer, a.name, a.type])).toEqual([['Example', 'alice@example.com', 'totp']]);
    expect(report.problems).toEqual([
      { label: 'Microsoft (someone@outlook.example)', code: 'import/microsoft-account', message: en['error.import/microsoft-account'] },
      { label: 'Vault (locked)', code: 'import/keystore-secret', message: en['error.import/keystore-secret'] },
    ]);
  });

  it("reads Authy's preferences file with its backups password", async () => {
    const r = await run(['inspect', fixture(APP_FILES.authyEncrypted)], { env: { OMAMORI_PASSPHRASE: AUTHY_PASSWORD } });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({ format: 'authy-xml', count: 2 });
  });

  it("refuses Authenticator Plus's encrypted database with the way to export from the app", async () => {
    const r = await run(['inspect', fixture(APP_FILES.authenticatorPlusDb)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Export as Text and HTML');
  });
});
