/**
 * @file The message table at run time: the current locale, `t()`, and change
 * notifications (ui/shared/locale-controller.ts re-renders elements on them). The choice is kept in localStorage (not secret).
 */
import { withArticle } from './article';
import { enCore } from './en-core';
import type { MessageKey } from './en';

export type Locale = 'en' | 'ja';
export type LocaleSetting = Locale | 'auto';

/**
 * The start-up screens' English (en-core.ts) ships in the start-up bundle; the rest of English
 * (en.ts) loads with the first lazy screen (loadAllMessages), Japanese on demand (localeReady).
 */
const TABLES: Partial<Record<Locale, Partial<Record<MessageKey, string>>>> = { en: enCore };
let fullEnglish: Promise<void> | undefined;

async function ensureTable(locale: Locale): Promise<void> {
  if (locale === 'ja' && TABLES.ja === undefined) TABLES.ja = (await import('./ja')).ja;
}

/** Every English message; awaited before any lazy screen renders (omamori-app's loader). */
export function loadAllMessages(): Promise<void> {
  fullEnglish ??= import('./en').then((m) => {
    TABLES.en = m.en;
  });
  return fullEnglish;
}
const STORAGE_KEY = 'omamori.locale';
const listeners = new Set<() => void>();

function browserLocale(): Locale {
  // Also loaded by unit tests in Node, which has no navigator (Node 20) and no document.
  if (typeof navigator === 'undefined') return 'en';
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
  for (const lang of langs) {
    const base = lang.toLowerCase().split('-')[0];
    if (base === 'ja') return 'ja';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function readSetting(): LocaleSetting {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'ja' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

let setting: LocaleSetting = readSetting();
let current: Locale = setting === 'auto' ? browserLocale() : setting;
setDocumentLang();

function setDocumentLang(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

export function getLocale(): Locale {
  return current;
}

export function getLocaleSetting(): LocaleSetting {
  return setting;
}

/** Resolves once the current language's table is loaded; the app waits for it before its first text. */
export function localeReady(): Promise<void> {
  return ensureTable(current);
}

export async function setLocaleSetting(next: LocaleSetting): Promise<void> {
  await ensureTable(next === 'auto' ? browserLocale() : next);
  setting = next;
  try {
    if (next === 'auto') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  current = next === 'auto' ? browserLocale() : next;
  setDocumentLang();
  for (const l of listeners) l();
}

export type MessageParams = Record<string, string | number>;

const numberFormats: Partial<Record<Locale, Intl.NumberFormat>> = {};

/**
 * `{name}` is replaced by the parameter; `{name:a}` (English templates only) by the parameter
 * after its indefinite article, for names the sentence cannot know in advance ("an Aegis export").
 */
export function t(key: MessageKey, params?: MessageParams): string {
  // A key outside en-core before loadAllMessages settles shows as the key itself (the start-up
  // message test keeps start-up modules to en-core).
  const template = TABLES[current]?.[key] ?? TABLES.en?.[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)(:a)?\}/g, (whole, name: string, article: string | undefined) => {
    const v = params[name];
    if (v === undefined) return whole;
    const text = typeof v === 'number' ? (numberFormats[current] ??= new Intl.NumberFormat(current)).format(v) : v;
    return article === undefined ? text : withArticle(text);
  });
}

/** Calls `listener` after every language change; returns the unsubscribe function. */
export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type { MessageKey };
