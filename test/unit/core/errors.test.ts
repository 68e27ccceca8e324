/** toAppError: what a thrown value becomes before the presenter words it. */
import { describe, expect, it } from 'vitest';
import { AppError, toAppError } from '../../../src/core/errors';

describe('toAppError', () => {
  it('keeps an AppError, and names aborts and a full disk', () => {
    const own = new AppError('vault/locked');
    expect(toAppError(own)).toBe(own);
    expect(toAppError(new DOMException('stopped', 'AbortError')).code).toBe('aborted');
    expect(toAppError(new DOMException('full', 'QuotaExceededError')).code).toBe('storage/quota');
  });

  it.each([
    ['Chromium', new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/omamori-settings-DRAP_gd3.js')],
    ['WebKit', new TypeError('Importing a module script failed.')],
    ['Gecko', new TypeError('error loading dynamically imported module: http://localhost/assets/en-CuJmzn-E.js')],
    ['Vite CSS preload', new Error('Unable to preload CSS for /assets/omamori-about.css')],
  ])('says "reload" for a lazy chunk that is gone after an update (%s)', (_engine, err) => {
    const appError = toAppError(err);
    expect(appError.code).toBe('app/stale-version');
    expect(appError.cause).toBe(err);
  });

  it('leaves any other failure unknown', () => {
    expect(toAppError(new TypeError('Failed to fetch')).code).toBe('unknown');
    expect(toAppError(new Error('module')).code).toBe('unknown');
    expect(toAppError('a string').code).toBe('unknown');
  });
});
