import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/core/errors';
import { en } from '../../../src/messages/en';
import { ja } from '../../../src/messages/ja';

// `{app:a}` (an English article before the name) is the placeholder `app`.
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)(?::a)?\}/g)].map((m) => m[1]!).sort();

describe('message tables', () => {
  it('have the same keys in English and Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  // Separately, so that a failure names the missing keys and the table they are missing from.
  it('have every English key in Japanese', () => {
    expect(Object.keys(en).filter((k) => !Object.hasOwn(ja, k))).toEqual([]);
  });

  it('have every Japanese key in English', () => {
    expect(Object.keys(ja).filter((k) => !Object.hasOwn(en, k))).toEqual([]);
  });

  it('hold only strings', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ja)]) expect(typeof text, key).toBe('string');
  });

  it('have no empty message', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ja)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have a sentence for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(en).toHaveProperty([`error.${code}`]);
      expect(ja).toHaveProperty([`error.${code}`]);
    }
  });

  it('translate the Japanese table rather than copy English text', () => {
    const same = Object.keys(en).filter((k) => {
      const key = k as keyof typeof en;
      return en[key] === ja[key] && /[a-z]{4,}/.test(en[key]);
    });
    // Brand and product names may stay as they are.
    expect(same.filter((k) => !['app.name', 'form.type.steam', 'form.type.motp', 'form.type.yandex', 'dialog.ok', 'form.pin'].includes(k))).toEqual([]);
  });

  it('use the glossary terms users know from other authenticators', () => {
    expect(ja['error.vault/wrong-passphrase']).toContain('パスフレーズが違います');
    expect(ja['form.secret']).toContain('セットアップキー');
    expect(ja['card.copied']).toBe('コピーしました');
    expect(ja['list.lock']).toBe('ロック');
    expect(ja['create.title']).toContain('保管庫');
  });
});
