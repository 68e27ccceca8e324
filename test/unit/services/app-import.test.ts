import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitAppImport, previewAppImport } from '../../../src/services/other-apps/other-apps';
import { FIXTURE_PASSWORDS } from '../formats/import/fixtures';
import { dumpDb, expectCode, totp, unlockedService } from './vault-fixtures';

const fixture = (rel: string) => ({
  bytes: new Uint8Array(readFileSync(new URL(`../../fixtures/import/${rel}`, import.meta.url))),
  fileName: rel.split('/').pop()!,
});

describe('import from another app (service)', () => {
  it('previews new, present and unusable entries, then adds the new ones in one transaction with their groups and notes', async () => {
    const { vault } = await unlockedService();
    await vault.addAccount({ ...totp('Example Bank', 'alice@example.org', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') });
    const preview = await previewAppImport(vault, fixture('aegis/encrypted.json'), { password: FIXTURE_PASSWORDS.aegis });
    expect(preview.format).toBe('aegis');
    expect(preview.present.map((a) => a.issuer)).toEqual(['Example Bank']);
    expect(preview.added.length).toBeGreaterThan(2);
    expect(await vault.listAccounts()).toHaveLength(1); // nothing written by the preview
    const count = await commitAppImport(vault, preview);
    expect(count).toBe(preview.added.length);
    const all = await vault.listAccounts();
    expect(all).toHaveLength(1 + preview.added.length);
    const withGroups = preview.added.filter((a) => a.groups.length > 0);
    for (const a of withGroups) expect(all.find((x) => x.secretB32 === a.secretB32)?.groups).toEqual(a.groups);
  });

  it('a wrong or missing password and an unknown file leave the vault untouched with typed errors', async () => {
    const { vault, db } = await unlockedService();
    await vault.addAccount(totp('Keep'));
    const before = await dumpDb(db);
    await expectCode(previewAppImport(vault, fixture('aegis/encrypted.json')), 'import/password-required');
    await expectCode(previewAppImport(vault, fixture('aegis/encrypted.json'), { password: 'wrong' }), 'import/wrong-password');
    await expectCode(previewAppImport(vault, { bytes: new TextEncoder().encode('hello world'), fileName: 'x.txt' }), 'import/unknown-format');
    expect(await dumpDb(db)).toEqual(before);
  });

  it('skips duplicates inside one file', async () => {
    const { vault } = await unlockedService();
    const line = 'otpauth://totp/Dup:me?secret=JBSWY3DPEHPK3PXP&issuer=Dup\n';
    const preview = await previewAppImport(vault, { bytes: new TextEncoder().encode(line + line), fileName: 'list.txt' });
    expect(preview.added).toHaveLength(1);
    expect(preview.present).toHaveLength(1);
  });
});
