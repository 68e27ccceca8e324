/**
 * Custom events are declared once each, in HTMLElementEventMap next to the element that fires them
 * (src/ui/shared/events.ts says how), and sent only through `fire`, which accepts declared names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const UI = path.resolve(import.meta.dirname, '../../../src/ui');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function declaredEvents(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of sources(UI)) {
    const text = readFileSync(file, 'utf8');
    for (const block of text.matchAll(/interface HTMLElementEventMap \{\n([\s\S]*?)\n {2}\}/g)) {
      for (const m of block[1]!.matchAll(/'([a-z:-]+)':/g)) where.set(m[1]!, [...(where.get(m[1]!) ?? []), path.relative(UI, file)]);
    }
  }
  return where;
}

describe('custom events', () => {
  it('each name is declared exactly once', () => {
    const declared = declaredEvents();
    expect(declared.size).toBeGreaterThan(30);
    expect([...declared].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('every fired name is declared, and nothing but shared/events.ts builds a CustomEvent', () => {
    const declared = declaredEvents();
    const fired = new Set<string>();
    const builders: string[] = [];
    for (const file of sources(UI)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/fire\(\s*this,\s*'([a-z:-]+)'/g)) fired.add(m[1]!);
      if (/new CustomEvent\b/.test(text) && !file.endsWith(path.join('shared', 'events.ts'))) builders.push(path.relative(UI, file));
    }
    expect(fired.size).toBeGreaterThan(20);
    expect([...fired].filter((name) => !declared.has(name))).toEqual([]);
    expect(builders).toEqual([]);
  });
});
