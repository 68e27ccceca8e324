import { describe, expect, it } from 'vitest';
import { SecondClock, type ClockEnv } from '../../../src/ui/shared/ticker-controller';
import { rowClockKey, ringTiming, type RowClockState } from '../../../src/ui/codes/card-clock';

/** A page with a hand-driven clock: one pending timer at most (as SecondClock keeps), and a visibility switch. */
function fakePage(start: number) {
  let now = start;
  let timer: { at: number; fn: () => void } | undefined;
  let visibility: DocumentVisibilityState = 'visible';
  const listeners = new Set<() => void>();
  const env: ClockEnv = {
    now: () => now,
    setTimeout: (fn, ms) => (timer = { at: now + ms, fn }),
    clearTimeout: (handle) => {
      if (handle === timer) timer = undefined;
    },
    page: {
      get visibilityState() {
        return visibility;
      },
      addEventListener: (_: string, fn: () => void) => listeners.add(fn),
      removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    } as unknown as ClockEnv['page'],
  };
  return {
    env,
    get pending() {
      return timer !== undefined;
    },
    listenerCount: () => listeners.size,
    /** Moves time on by `ms`, firing the timer whenever it is due. */
    advance(ms: number) {
      const end = now + ms;
      while (timer && timer.at <= end) {
        const { at, fn } = timer;
        timer = undefined;
        now = at;
        fn();
      }
      now = end;
    },
    show(state: DocumentVisibilityState) {
      visibility = state;
      for (const fn of [...listeners]) fn();
    },
  };
}

describe('SecondClock (the one timer behind every code on screen)', () => {
  it('ticks just after each whole second, for every subscriber from one timer', () => {
    const page = fakePage(1_000_300);
    const clock = new SecondClock(page.env);
    const a: number[] = [];
    const b: number[] = [];
    clock.subscribe((now) => a.push(now));
    clock.subscribe((now) => b.push(now));
    page.advance(3000);
    expect(a).toEqual([1_001_005, 1_002_005, 1_003_005]);
    expect(b).toEqual(a);
  });

  it('stops while the page is hidden and catches up at once when it is shown again', () => {
    const page = fakePage(5_000_300);
    const clock = new SecondClock(page.env);
    const ticks: number[] = [];
    clock.subscribe((now) => ticks.push(now));
    page.advance(1500);
    expect(ticks).toEqual([5_001_005]);
    page.show('hidden');
    expect(page.pending).toBe(false);
    page.advance(60_000);
    expect(ticks).toHaveLength(1);
    page.show('visible');
    // The catch-up tick comes at once (not at the next whole second), then the clock runs on.
    expect(ticks.at(-1)).toBe(5_061_800);
    page.advance(1000);
    expect(ticks.slice(1)).toEqual([5_061_800, 5_062_005]);
  });

  it('does not start ticking for a list that appears while the page is hidden', () => {
    const page = fakePage(0);
    const clock = new SecondClock(page.env);
    page.show('hidden');
    const ticks: number[] = [];
    clock.subscribe((now) => ticks.push(now));
    expect(page.pending).toBe(false);
    page.advance(10_000);
    expect(ticks).toEqual([]);
    page.show('visible');
    expect(ticks).toEqual([10_000]);
  });

  it('holds no timer and no listener once nobody is subscribed', () => {
    const page = fakePage(0);
    const clock = new SecondClock(page.env);
    const off = clock.subscribe(() => undefined);
    expect(page.pending).toBe(true);
    expect(page.listenerCount()).toBe(1);
    off();
    expect(page.pending).toBe(false);
    expect(page.listenerCount()).toBe(0);
    // Shown again with nobody listening: still no timer.
    page.show('visible');
    expect(page.pending).toBe(false);
  });
});

describe('rowClockKey (when a code row re-renders)', () => {
  const totp = { type: 'totp', period: 30 } as const;
  const state = (over: Partial<RowClockState> = {}): RowClockState => ({ account: totp, hideCodes: false, revealedUntil: 0, largeOpen: false, ...over });
  /** Seconds in [from, to) at which the key differs from the second before. */
  const changes = (s: RowClockState, from: number, to: number): number[] => {
    const out: number[] = [];
    for (let sec = from + 1; sec < to; sec++) if (rowClockKey(s, sec * 1000 + 5) !== rowClockKey(s, (sec - 1) * 1000 + 5)) out.push(sec);
    return out;
  };

  it('changes twice a period: at the new code, and when "Next:" appears 5 s before the end', () => {
    // Periods start at 30, 60 and 90 s; "Next:" shows from 55 s and 85 s (less than 5 s left).
    expect(changes(state(), 30, 91)).toEqual([55, 60, 85, 90]);
  });

  it('changes every second only while the large-code view counts down', () => {
    expect(changes(state({ largeOpen: true }), 30, 40)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  it('changes when a revealed code hides again', () => {
    expect(changes(state({ hideCodes: true, revealedUntil: 42_000 }), 30, 50)).toEqual([42]);
  });

  it('never changes for an HOTP row', () => {
    expect(changes(state({ account: { type: 'hotp', period: 30 } }), 0, 120)).toEqual([]);
  });
});

describe('ringTiming (the countdown ring’s animation)', () => {
  it('runs one period per iteration, started where the period is, and steps each second with reduced motion', () => {
    expect(ringTiming({ period: 30 }, 70_250, false)).toEqual({ duration: 30_000, elapsed: 10_250, easing: 'linear' });
    expect(ringTiming({ period: 10 }, 70_250, true)).toEqual({ duration: 10_000, elapsed: 250, easing: 'steps(10)' });
  });
});
