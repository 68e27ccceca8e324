/**
 * @file Dates, numbers, durations and sizes for the app's language (not the browser's): every
 * place that shows one goes through these, so switching to 日本語 switches them too. Formatters
 * are cached per locale and options because a long list formats many values per frame.
 */
import { getLocale, type Locale } from './translate';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, locale: Locale, options: object, make: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (f === undefined) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}, locale: Locale = getLocale()): string {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options)).format(value);
}

/** A calendar date (and optionally a time) in the app's language; `dateStyle: 'medium'` unless told. */
export function formatDate(value: Date | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }, locale: Locale = getLocale()): string {
  return cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options)).format(value);
}

/** "30 seconds", "5 minutes", "5 分" — the browser's own unit names, in the app's language. */
export function formatDuration(ms: number, locale: Locale = getLocale()): string {
  const minutes = ms >= 60_000 && ms % 60_000 === 0;
  return formatNumber(minutes ? ms / 60_000 : ms / 1000, { style: 'unit', unit: minutes ? 'minute' : 'second', unitDisplay: 'long' }, locale);
}

/** Storage sizes: "12.3 MB", "1.5 GB" (decimal units, as the browsers' own settings show them). */
export function formatBytes(bytes: number, locale: Locale = getLocale()): string {
  const [unit, div] = bytes >= 1e9 ? (['gigabyte', 1e9] as const) : bytes >= 1e6 ? (['megabyte', 1e6] as const) : (['kilobyte', 1e3] as const);
  return formatNumber(bytes / div, { style: 'unit', unit, maximumFractionDigits: 1 }, locale);
}
