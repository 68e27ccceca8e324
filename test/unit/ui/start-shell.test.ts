/**
 * The start shell: index.html's plain-HTML lock form and public/start-shell.js, which shows it
 * before any module has loaded. They cannot use t(), so this holds them to the message tables and
 * to the storage keys the app writes; e2e/start-shell.spec.ts walks the hand-over in a browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enCore } from '../../../src/messages/en-core';
import { ja } from '../../../src/messages/ja';
import { rememberStartScreen, START_SCREEN_KEY } from '../../../src/ui/onboarding/start-shell';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** The shell's texts in one language, in document order (a span may wrap over lines). */
function shellTexts(lang: 'en' | 'ja'): string[] {
  const html = read('index.html');
  const shell = html.slice(html.indexOf('<main class="start-shell">'), html.indexOf('</main>'));
  return [...shell.matchAll(new RegExp(`<span lang="${lang}">([^<]*)</span`, 'g'))].map((m) => m[1]!.replace(/\s+/g, ' ').trim());
}

const KEYS = ['unlock.title', 'unlock.lead', 'create.passphrase', 'unlock.submit'] as const;

describe('start shell', () => {
  it('says what <omamori-unlock> says, in English and in Japanese', () => {
    expect(shellTexts('en')).toEqual(KEYS.map((k) => enCore[k]));
    expect(shellTexts('ja')).toEqual(KEYS.map((k) => ja[k]));
  });

  it('reads the storage keys the app writes', () => {
    const script = read('public/start-shell.js');
    expect(script).toContain(`'${START_SCREEN_KEY}'`);
    expect(read('src/messages/translate.ts')).toContain("STORAGE_KEY = 'omamori.locale'");
    expect(script).toContain("'omamori.locale'");
    expect(read('src/ui/shared/preferences.ts')).toContain("KEY = 'omamori.preferences'");
    expect(script).toContain("'omamori.preferences'");
    // Loaded as a classic script in the head: before the first paint, and allowed by script-src 'self'.
    expect(read('index.html')).toMatch(/<head>[\s\S]*<script src="\/start-shell\.js"><\/script>[\s\S]*<\/head>/);
  });

  it('remembers a passphrase lock screen only, and never throws without storage', () => {
    const store = new Map<string, string>();
    const storage = { setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    rememberStartScreen('lock', storage);
    expect(store.get(START_SCREEN_KEY)).toBe('lock');
    rememberStartScreen('other', storage);
    expect(store.has(START_SCREEN_KEY)).toBe(false);
    const refusing = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => rememberStartScreen('lock', refusing)).not.toThrow();
    expect(() => rememberStartScreen('other', refusing)).not.toThrow();
  });
});
