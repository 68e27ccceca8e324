/** The start read begun before the entry chunk (storage/early-read.ts): only while the page is parsed, taken once. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { beginEarlyRead, takeEarlyRead } from '../../../src/storage/early-read';

afterEach(() => {
  takeEarlyRead();
  vi.unstubAllGlobals();
});

describe('the early start read', () => {
  it('is begun while the page is still being parsed, and handed to the start once', async () => {
    vi.stubGlobal('document', { readyState: 'loading' });
    beginEarlyRead();
    const read = takeEarlyRead();
    expect(read).toBeInstanceOf(Promise);
    // No IndexedDB here: the read answers null, and the start would then read with Dexie.
    await expect(read).resolves.toBeNull();
    expect(takeEarlyRead()).toBeUndefined();
  });

  it('is begun once, however often it is asked for before it is taken', () => {
    vi.stubGlobal('document', { readyState: 'loading' });
    const open = vi.fn(() => {
      throw new Error('no database here');
    });
    vi.stubGlobal('indexedDB', { open });
    beginEarlyRead();
    beginEarlyRead();
    beginEarlyRead();
    expect(open).toHaveBeenCalledTimes(1);
    expect(takeEarlyRead()).toBeInstanceOf(Promise);
    expect(takeEarlyRead()).toBeUndefined();
  });

  it('is not begun once the page is parsed (the entry chunk runs then: nothing to gain), nor without a document', () => {
    for (const readyState of ['interactive', 'complete']) {
      vi.stubGlobal('document', { readyState });
      beginEarlyRead();
      expect(takeEarlyRead()).toBeUndefined();
    }
    vi.stubGlobal('document', undefined);
    beginEarlyRead();
    expect(takeEarlyRead()).toBeUndefined();
  });
});
