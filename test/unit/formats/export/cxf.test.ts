/**
 * CXF export (issue #17): the file is checked against a JSON Schema written by hand from the CXF
 * 1.0 spec (test/fixtures/cxf/cxf-1.0.schema.json) by the small validator below, which covers the
 * subset of JSON Schema that file uses; and it reads back through our importer (readImport, as the
 * Import button reads it) to the same accounts, with notes, recovery codes, groups and favourites.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPORTERS, type ExportAccount } from '../../../../src/formats/export/registry';
import { readImport } from '../../../../src/formats/import/registry';
import { ALL_SAMPLES, FIXTURE_NOW, SAMPLE_ACCOUNTS } from './export-samples';

type Schema = Record<string, unknown>;
const SCHEMA = JSON.parse(readFileSync(new URL('../../../fixtures/cxf/cxf-1.0.schema.json', import.meta.url), 'utf8')) as Schema;

function typeOk(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case undefined:
      return true;
    default:
      return typeof value === type;
  }
}

/** Every violation of `schema` in `value`, as "path: what"; [] when it conforms. */
function violations(value: unknown, schema: Schema, at = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const def = (SCHEMA.$defs as Record<string, Schema>)[schema.$ref.replace('#/$defs/', '')];
    if (def === undefined) return [`${at}: unknown $ref ${schema.$ref}`];
    return violations(value, def, at);
  }
  if (Array.isArray(schema.anyOf)) {
    const each = (schema.anyOf as Schema[]).map((s) => violations(value, s, at));
    return each.some((v) => v.length === 0) ? [] : [`${at}: matches none of anyOf (${each.map((v) => v[0]).join(' | ')})`];
  }
  if (!typeOk(value, schema.type)) return [`${at}: not ${String(schema.type)}`];
  const out: string[] = [];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (typeof schema.pattern === 'string' && typeof value === 'string' && !new RegExp(schema.pattern).test(value))
    out.push(`${at}: does not match ${schema.pattern}`);
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) out.push(`${at}: below ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && typeof value === 'number' && value > schema.maximum) out.push(`${at}: above ${schema.maximum}`);
  if (Array.isArray(value) && schema.items !== undefined) value.forEach((v, i) => out.push(...violations(v, schema.items as Schema, `${at}[${i}]`)));
  if (typeOk(value, 'object')) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) out.push(`${at}: missing ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = props[key];
      if (sub !== undefined) out.push(...violations(v, sub, `${at}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${at}: unexpected ${key}`);
    }
  }
  return out;
}

async function exported(accounts: readonly ExportAccount[]): Promise<{ json: unknown; bytes: Uint8Array; skipped: unknown[] }> {
  const { file, skipped } = await EXPORTERS.cxf.write(accounts, { now: FIXTURE_NOW, rpId: 'omamori.example' });
  return { json: JSON.parse(new TextDecoder().decode(file.bytes)) as unknown, bytes: file.bytes, skipped };
}

describe('CXF export', () => {
  it('the schema check can fail: it finds what a wrong file gets wrong', () => {
    const bad = {
      version: { major: 1, minor: 0 },
      exporterRpId: 'x',
      exporterDisplayName: 'x',
      timestamp: 1,
      accounts: [
        {
          id: 'a',
          username: '',
          email: '',
          collections: [],
          items: [{ id: 'b', title: 't', credentials: [{ type: 'totp', secret: 'jbswy', period: 30, digits: 6, algorithm: 'SHA1' }] }],
        },
      ],
    };
    expect(violations(bad, SCHEMA)).toEqual([expect.stringContaining('matches none of anyOf')]);
    const { accounts: _dropped, ...noAccounts } = bad;
    expect(violations(noAccounts, SCHEMA)).toEqual(['$: missing accounts']);
  });

  it('writes a file that conforms to the CXF 1.0 schema', async () => {
    const { json } = await exported(ALL_SAMPLES);
    expect(violations(json, SCHEMA)).toEqual([]);
    expect(json).toMatchObject({
      version: { major: 1, minor: 0 },
      exporterRpId: 'omamori.example',
      exporterDisplayName: 'Omamori',
      timestamp: FIXTURE_NOW.getTime() / 1000,
    });
  });

  it('reads back through our importer: TOTP accounts with notes, recovery codes, groups and favourites; the rest listed as skipped', async () => {
    const { bytes, skipped } = await exported(ALL_SAMPLES);
    const back = await readImport({ bytes, fileName: 'omamori-export.cxf.json' });
    expect(back.format).toBe('cxf');
    expect(back.problems).toEqual([]);
    const totp = SAMPLE_ACCOUNTS.filter((a) => a.type === 'totp');
    expect(back.accounts).toEqual(
      totp.map((a) => {
        const { recoveryCodes, ...rest } = a;
        const codes = (recoveryCodes ?? []).map((c) => (c.usedAt > 0 ? `${c.code} (used ${new Date(c.usedAt).toISOString().slice(0, 10)})` : c.code));
        return codes.length === 0 ? rest : { ...rest, notes: `${a.notes}\n\nRecovery codes:\n${codes.join('\n')}` };
      }),
    );
    expect(skipped).toEqual([
      { label: 'Counter Co (carol)', reason: 'type' },
      { label: 'Steam (gamer)', reason: 'type' },
      { label: 'Legacy VPN (dave)', reason: 'type' },
      { label: 'Yandex (erin)', reason: 'type' },
    ]);
  });

  it('skips a period longer than every CXF reader holds, instead of writing a file they refuse', async () => {
    const long = { ...(SAMPLE_ACCOUNTS[1] as ExportAccount), period: 300 };
    const { json, skipped } = await exported([long]);
    expect(violations(json, SCHEMA)).toEqual([]);
    expect(skipped).toEqual([{ label: 'Forge (bob)', reason: 'invalid', code: 'account/invalid-period' }]);
  });
});
