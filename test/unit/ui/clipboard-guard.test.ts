import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLEAR_AFTER_MS, ClipboardGuard, type ClipboardLike } from '../../../src/ui/shared/clipboard-guard';

class FakeClipboard implements ClipboardLike {
  text = 'before';
  readable = true;
  writes: string[] = [];
  async writeText(text: string): Promise<void> {
    this.writes.push(text);
    this.text = text;
  }
  readText = async (): Promise<string> => {
    if (!this.readable) throw new DOMException('denied', 'NotAllowedError');
    return this.text;
  };
}

const timers = { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

describe('clipboard guard', () => {
  let clip: FakeClipboard;
  let guard: ClipboardGuard;
  beforeEach(() => {
    vi.useFakeTimers();
    clip = new FakeClipboard();
    guard = new ClipboardGuard(() => clip, timers);
  });
  afterEach(() => vi.useRealTimers());

  it('clears our code 30 s after the copy, not before', async () => {
    await guard.copy('123456', true);
    expect(clip.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS - 1);
    expect(clip.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(1);
    expect(clip.text).toBe('');
    expect(guard.armed).toBe(false);
  });

  it("leaves someone else's text alone", async () => {
    await guard.copy('123456', true);
    clip.text = 'my shopping list';
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(clip.text).toBe('my shopping list');
    expect(clip.writes).toEqual(['123456']);
  });

  it('does not clear blindly when the clipboard cannot be read', async () => {
    await guard.copy('123456', true);
    clip.readable = false;
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(clip.writes).toEqual(['123456']);
  });

  it('does not clear when the preference is off', async () => {
    await guard.copy('123456', false);
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS * 2);
    expect(clip.text).toBe('123456');
  });

  it('restarts the wait on a newer copy and clears only that code', async () => {
    await guard.copy('111111', true);
    await vi.advanceTimersByTimeAsync(20_000);
    await guard.copy('222222', true);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clip.text).toBe('222222');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clip.text).toBe('');
  });

  it('on lock clears our code at once and cancels the timer', async () => {
    await guard.copy('123456', true);
    expect(await guard.clearIfOurs()).toBe(true);
    expect(clip.text).toBe('');
    clip.text = 'later text';
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(clip.text).toBe('later text');
  });

  it('on lock keeps text the user copied since', async () => {
    await guard.copy('123456', true);
    clip.text = 'other';
    expect(await guard.clearIfOurs()).toBe(false);
    expect(clip.text).toBe('other');
  });

  it('schedules the same way when the caller wrote the clipboard itself', async () => {
    await clip.writeText('654321');
    guard.copied('654321', true);
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(clip.text).toBe('');
  });

  it('counts the 30 s from the copy when told it was made a while ago (the lazy chunk loading meanwhile)', async () => {
    clip.text = '654321';
    guard.copied('654321', true, 12_000);
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS - 12_000 - 1);
    expect(clip.text).toBe('654321');
    await vi.advanceTimersByTimeAsync(1);
    expect(clip.text).toBe('');
    // Told later than the 30 s: cleared at once.
    clip.text = '111111';
    guard.copied('111111', true, CLEAR_AFTER_MS + 5_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(clip.text).toBe('');
  });

  it('reports a refused copy and schedules nothing', async () => {
    clip.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    await expect(guard.copy('123456', true)).rejects.toThrow();
    expect(guard.armed).toBe(false);
  });
});
