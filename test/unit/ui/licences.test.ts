import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LICENCES, OWN_LICENCE } from '../../../src/ui/about/licences';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; dependencies: Record<string, string> };
/** Dependencies that run only in Node (the CLI), never in the app. */
const NODE_ONLY = ['sharp'];

describe('the about page licence list (scripts/make-licences.mjs)', () => {
  it('names every runtime dependency, so it is regenerated when dependencies change', () => {
    const listed = new Set(LICENCES.map((e) => e.name));
    expect(Object.keys(pkg.dependencies).filter((d) => !NODE_ONLY.includes(d) && !listed.has(d))).toEqual([]);
  });

  it('gives each package its SPDX licence and full text, and credits the icon set', () => {
    for (const e of LICENCES) {
      expect(e.license, e.name).toMatch(/^[()A-Za-z0-9.\- ]+$/);
      expect(e.text.length, e.name).toBeGreaterThan(100);
    }
    const icons = LICENCES.find((e) => e.name === 'simple-icons');
    expect(icons?.license).toBe('CC0-1.0');
    expect(icons?.icons).toBe(true);
  });

  it('includes Omamori’s own MIT licence', () => {
    expect(OWN_LICENCE.license).toBe('MIT');
    expect(OWN_LICENCE.text).toContain('Permission is hereby granted');
  });
});
