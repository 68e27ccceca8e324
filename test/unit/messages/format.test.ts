import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDuration, formatNumber } from '../../../src/messages/format';
import { getLocale, loadAllMessages, setLocaleSetting, t } from '../../../src/messages/translate';

const NOV_27 = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('locale formatting', () => {
  // The full English table loads lazily in the app too (en-core holds the start-up part).
  beforeAll(() => loadAllMessages());

  afterEach(async () => {
    await setLocaleSetting('en');
  });

  it('formats numbers with the grouping of the language', () => {
    expect(formatNumber(12345.5, {}, 'en')).toBe('12,345.5');
    expect(formatNumber(12345, {}, 'ja')).toBe('12,345');
  });

  it('formats dates in English and Japanese', () => {
    const opts: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' };
    expect(formatDate(NOV_27, opts, 'en')).toBe('November 27, 2026');
    expect(formatDate(NOV_27, opts, 'ja')).toBe('2026年11月27日');
    expect(formatDate(new Date(NOV_27), { dateStyle: 'medium', timeZone: 'UTC' }, 'en')).toBe('Nov 27, 2026');
  });

  it('names durations in whole minutes or seconds', () => {
    expect(formatDuration(5 * 60_000, 'en')).toBe('5 minutes');
    expect(formatDuration(30_000, 'en')).toBe('30 seconds');
    expect(formatDuration(90_000, 'en')).toBe('90 seconds');
    expect(formatDuration(60_000, 'ja')).toBe('1 分');
  });

  it('shows storage sizes in decimal units', () => {
    expect(formatBytes(1500, 'en')).toBe('1.5 kB');
    expect(formatBytes(12_345_678, 'en')).toBe('12.3 MB');
    expect(formatBytes(2e9, 'ja')).toBe('2 GB');
  });

  it('follows the app language when none is given', async () => {
    await setLocaleSetting('ja');
    expect(getLocale()).toBe('ja');
    expect(formatDate(NOV_27, { dateStyle: 'long', timeZone: 'UTC' })).toBe('2026年11月27日');
    await setLocaleSetting('en');
    expect(formatDate(NOV_27, { dateStyle: 'long', timeZone: 'UTC' })).toBe('November 27, 2026');
  });

  it('fills message placeholders and formats numbers in them for the language', async () => {
    expect(t('list.count', { count: 1234 })).toBe('1,234 accounts');
    expect(t('settings.version', { version: '1.2.3' })).toBe('Version 1.2.3');
    await setLocaleSetting('ja');
    expect(t('settings.version', { version: '1.2.3' })).toBe('バージョン 1.2.3');
    expect(t('settings.title')).toBe('設定');
  });
});
