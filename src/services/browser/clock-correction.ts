/**
 * @file This device's clock settings (localStorage, not secret, not in backups): whether to check
 * the clock against our own server, whether the user chose to correct codes for it, and the last
 * measured error. At start-up `applyStoredClockCorrection` hands the stored correction to
 * core/codes, so the first code drawn is already corrected; measuring is in ./clock.ts (lazy).
 */
import { setClockCorrection } from '../../core/codes';
import { clockIsOff } from '../../core/clock-skew';

export interface ClockSettings {
  /** Compare the clock with our server's `Date` when online (default on). */
  check: boolean;
  /** The user chose "Correct codes for this device" (default off). */
  correct: boolean;
  /** Last measured error (ms to add to the device clock), or null before any measure. */
  skewMs: number | null;
}

export const CLOCK_KEY = 'omamori.clock';
const DEFAULTS: ClockSettings = { check: true, correct: false, skewMs: null };

export function readClockSettings(): ClockSettings {
  try {
    const v = JSON.parse(localStorage.getItem(CLOCK_KEY) ?? '{}') as Partial<Record<keyof ClockSettings, unknown>>;
    return {
      check: typeof v.check === 'boolean' ? v.check : DEFAULTS.check,
      correct: v.correct === true,
      skewMs: typeof v.skewMs === 'number' && Number.isSafeInteger(v.skewMs) ? v.skewMs : null,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

/** The correction codes use: the measured error, only when the user chose it and it matters. */
export function correctionOf(settings: ClockSettings): number {
  return settings.correct && settings.skewMs !== null && clockIsOff(settings.skewMs) ? settings.skewMs : 0;
}

/** Stores the settings and applies their correction at once. */
export function writeClockSettings(settings: ClockSettings): void {
  try {
    localStorage.setItem(CLOCK_KEY, JSON.stringify(settings));
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
  setClockCorrection(correctionOf(settings));
}

export function applyStoredClockCorrection(): void {
  setClockCorrection(correctionOf(readClockSettings()));
}
