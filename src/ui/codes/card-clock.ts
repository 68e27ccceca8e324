/**
 * @file When a code row has to re-render, and how its countdown ring moves. Pure (no DOM), so the
 * unit tests can check both. A row re-renders only when what it shows changes: its code (a new
 * period), the "Next:" line and the low-time colour (the last seconds), a hidden code's reveal
 * running out, and every second while the large-code view counts down. The ring itself is a
 * compositor animation (omamori-countdown.ts), so its motion costs the page nothing.
 */
import type { AccountData } from '../../core/account';
import { totpState } from '../../core/codes';

/** Below this much time left a row shows the next code and the ring turns to the warning colour. */
export const NEXT_CODE_THRESHOLD_MS = 5000;

export interface RowClockState {
  account: Pick<AccountData, 'type' | 'period'> | undefined;
  /** Codes hidden until tapped, and until when the last tap reveals this one (0 = never). */
  hideCodes: boolean;
  revealedUntil: number;
  largeOpen: boolean;
}

/** A value that changes exactly when the row's text changes with time (compare with ===). */
export function rowClockKey(s: RowClockState, now: number): string {
  const a = s.account;
  if (a === undefined) return '';
  const hidden = s.hideCodes && a.type !== 'hotp' && !s.largeOpen && now >= s.revealedUntil;
  if (a.type === 'hotp') return `hotp|${hidden}`;
  const { counter, remainingMs } = totpState(a, now);
  // The large view says how many seconds are left, so it needs every second.
  const second = s.largeOpen ? Math.ceil(remainingMs / 1000) : '';
  return `${counter}|${remainingMs < NEXT_CODE_THRESHOLD_MS}|${hidden}|${second}`;
}

/**
 * The ring is two half-rings, each turning inside a box that shows one half of the circle (the
 * right box, then the left: see code-card-styles.ts). Full at the start of a period, it empties
 * anticlockwise towards twelve o'clock: in the first half of the period the left piece turns away,
 * in the second half the right one. 45° is where each piece covers exactly its own half.
 */
export const RING_FRAMES: Readonly<Record<'left' | 'right', Keyframe[]>> = {
  left: [
    { offset: 0, transform: 'rotate(225deg)' },
    { offset: 0.5, transform: 'rotate(45deg)' },
    { offset: 1, transform: 'rotate(45deg)' },
  ],
  right: [
    { offset: 0, transform: 'rotate(225deg)' },
    { offset: 0.5, transform: 'rotate(225deg)' },
    { offset: 1, transform: 'rotate(45deg)' },
  ],
};

/**
 * The ring's timing for one account: one iteration per period, started where the period is now.
 * With reduced motion the ring still shows the time left, but steps once a second instead of
 * sweeping.
 */
export function ringTiming(a: Pick<AccountData, 'period'>, now: number, reducedMotion: boolean): { duration: number; elapsed: number; easing: string } {
  const { periodMs, remainingMs } = totpState(a, now);
  return { duration: periodMs, elapsed: periodMs - remainingMs, easing: reducedMotion ? `steps(${a.period})` : 'linear' };
}
