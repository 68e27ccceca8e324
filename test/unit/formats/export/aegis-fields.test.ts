/**
 * The fields of Aegis's current vault format that our Aegis export used to drop (issue #17):
 * `archived` on every entry (Aegis 3.4 writes it; Omamori has no archive) and a custom icon as
 * Aegis stores it (`icon` base64, `icon_mime`, `icon_hash` = SHA-256 hex of the bytes), only for
 * the PNG and JPEG images Aegis can show.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXPORTERS, type ExportAccount } from '../../../../src/formats/export/registry';
import { readImport } from '../../../../src/formats/import/registry';
import { SAMPLE_ACCOUNTS } from './export-samples';

// A 1×1 PNG (any bytes would do: Aegis stores them as given, and checks the hash).
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

type Entry = Record<string, unknown>;

async function entries(accounts: ExportAccount[]): Promise<Entry[]> {
  const { file } = await EXPORTERS.aegis.write(accounts);
  return (JSON.parse(new TextDecoder().decode(file.bytes)) as { db: { entries: Entry[] } }).db.entries;
}

describe('Aegis export: the newer optional fields', () => {
  it('writes archived: false on every entry', async () => {
    const got = await entries(SAMPLE_ACCOUNTS);
    expect(got.map((e) => e.archived)).toEqual(SAMPLE_ACCOUNTS.map(() => false));
  });

  it('carries a PNG or JPEG custom icon with its MIME type and SHA-256; WebP, automatic and letter icons are null', async () => {
    const [a, b, c, d] = SAMPLE_ACCOUNTS as [ExportAccount, ExportAccount, ExportAccount, ExportAccount];
    const got = await entries([
      { ...a, icon: `data:image/png;base64,${PNG_B64}` },
      { ...b, icon: `data:image/jpeg;base64,${PNG_B64}` },
      { ...c, icon: `data:image/webp;base64,${PNG_B64}` },
      { ...d, icon: 'letter' },
    ]);
    const hash = createHash('sha256').update(Buffer.from(PNG_B64, 'base64')).digest('hex');
    expect(got[0]).toMatchObject({ icon: PNG_B64, icon_mime: 'image/png', icon_hash: hash });
    expect(got[1]).toMatchObject({ icon: PNG_B64, icon_mime: 'image/jpeg', icon_hash: hash });
    for (const e of got.slice(2)) {
      expect(e.icon).toBeNull();
      expect(e).not.toHaveProperty('icon_mime');
      expect(e).not.toHaveProperty('icon_hash');
    }
  });

  it('still reads back through our Aegis importer', async () => {
    const { file } = await EXPORTERS.aegis.write([{ ...(SAMPLE_ACCOUNTS[0] as ExportAccount), icon: `data:image/png;base64,${PNG_B64}` }]);
    const back = await readImport({ bytes: file.bytes, fileName: file.fileName });
    expect(back.accounts.map((x) => [x.issuer, x.name])).toEqual([[SAMPLE_ACCOUNTS[0]?.issuer, SAMPLE_ACCOUNTS[0]?.name]]);
  });
});
