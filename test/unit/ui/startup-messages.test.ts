/**
 * The English table is split (src/messages/en-core.ts ships at start-up, en.ts loads with the
 * first lazy screen). This walks the start-up module graph from src/main.ts — static and dynamic
 * imports, except the screens omamori-app loads through LAZY_ELEMENTS and any other module loaded
 * as `loadAllMessages().then(() => import('…'))`, both of which wait for the whole table — and fails when a module there names a message key that is not in en-core.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/messages/en';
import { enCore } from '../../../src/messages/en-core';

const SRC = path.resolve(import.meta.dirname, '../../../src');

function lazyScreens(): Set<string> {
  const app = readFileSync(path.join(SRC, 'ui/omamori-app.ts'), 'utf8');
  const start = app.indexOf('const LAZY_ELEMENTS');
  const block = app.slice(start, app.indexOf('};', start));
  return new Set([...block.matchAll(/import\('(\.\/[^']+)'\)/g)].map((m) => `${path.resolve(SRC, 'ui', m[1]!)}.ts`));
}

function startupModules(): Set<string> {
  const lazy = lazyScreens();
  const seen = new Set<string>();
  const stack = [path.join(SRC, 'main.ts')];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(import|export)\s([^'"]*?)from\s+'(\.[^']+)'|import\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
      if (m[2]?.startsWith('type ')) continue;
      const spec = m[3] ?? m[4] ?? m[5]!;
      let target = path.resolve(path.dirname(file), spec);
      if (!target.endsWith('.ts')) target += '.ts';
      if (m[5] !== undefined && file.endsWith('omamori-app.ts') && lazy.has(target)) continue;
      if (m[5] !== undefined && text.includes(`loadAllMessages().then(() => import('${spec}'))`)) continue;
      stack.push(target);
    }
  }
  return seen;
}

describe('start-up message table', () => {
  it('holds every key the start-up modules use (and every error message)', () => {
    const modules = [...startupModules()].filter((f) => !f.includes(`${path.sep}messages${path.sep}`));
    expect(modules.length).toBeGreaterThan(30);
    expect(modules.some((f) => f.endsWith('omamori-code-card.ts'))).toBe(true);
    const keys = Object.keys(en);
    const missing: string[] = [];
    for (const file of modules) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'([a-zA-Z]+\.[A-Za-z0-9./_-]+)'/g)) {
        if (keys.includes(m[1]!) && !(m[1]! in enCore)) missing.push(`${path.relative(SRC, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(keys.filter((k) => k.startsWith('error.') && !(k in enCore))).toEqual([]);
  });

  it('leaves the lazy screens out of the start-up graph', () => {
    const modules = startupModules();
    for (const lazy of lazyScreens()) expect(modules.has(lazy)).toBe(false);
  });
});
