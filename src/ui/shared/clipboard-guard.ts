/**
 * @file Clears the clipboard 30 s after we copied a code, but only when it still holds that
 * code: if the user copied something else meanwhile, their text is left alone.
 *
 * Choices: when the clipboard cannot be read (permission denied, page not focused, browser
 * without readText), it is NOT cleared — writing '' blindly could wipe what the user copied
 * elsewhere, which is worse than a stale 6-digit code that expires within a minute anyway.
 * Locking the vault checks straight away (the user is leaving) and cancels the timer.
 * Clipboard and timers are injected so the logic is tested with fake timers.
 */

export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText?: () => Promise<string>;
}

export interface TimerLike {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const CLEAR_AFTER_MS = 30_000;

export class ClipboardGuard {
  private readonly clipboard: () => ClipboardLike | undefined;
  private readonly timers: TimerLike;
  private readonly delayMs: number;
  private pending: string | undefined;
  private handle: unknown;

  constructor(clipboard: () => ClipboardLike | undefined, timers: TimerLike, delayMs = CLEAR_AFTER_MS) {
    this.clipboard = clipboard;
    this.timers = timers;
    this.delayMs = delayMs;
  }

  /** Copies `code`; when `clearLater`, schedules the check (a newer copy restarts it). */
  async copy(code: string, clearLater: boolean): Promise<void> {
    const clipboard = this.clipboard();
    if (!clipboard) throw new Error('clipboard unavailable');
    await clipboard.writeText(code);
    this.copied(code, clearLater);
  }

  /** The caller put `code` on the clipboard `elapsedMs` ago: forget older copies, schedule this one. */
  copied(code: string, clearLater: boolean, elapsedMs = 0): void {
    this.cancel();
    if (!clearLater) return;
    this.pending = code;
    this.handle = this.timers.set(() => void this.clearIfOurs(), Math.max(0, this.delayMs - Math.max(0, elapsedMs)));
  }

  /** A copy is waiting to be cleared. */
  get armed(): boolean {
    return this.pending !== undefined;
  }

  /** Forgets the pending clear without touching the clipboard. */
  cancel(): void {
    if (this.handle !== undefined) this.timers.clear(this.handle);
    this.handle = undefined;
    this.pending = undefined;
  }

  /** Checks now (e.g. on lock): clears only when the clipboard still holds the code we copied. */
  async clearIfOurs(): Promise<boolean> {
    const code = this.pending;
    this.cancel();
    const clipboard = this.clipboard();
    if (code === undefined || !clipboard?.readText) return false;
    try {
      if ((await clipboard.readText()) !== code) return false;
      await clipboard.writeText('');
      return true;
    } catch {
      // Not permitted or not focused: leave the clipboard as it is (see the file comment).
      return false;
    }
  }
}
