/**
 * @file How far this device's clock is from a server's, from one HTTP response: its `Date` header
 * (whole seconds) plus `Age` (seconds a cache held it), against the device's clock when the
 * request left and when the answer came. Pure, so that it is tested without a network.
 */

/** Beyond this, codes are likely to be refused (most sites accept one 30-s step either side). */
export const CLOCK_SKEW_LIMIT_MS = 15_000;

/** A round trip longer than this says too little about when the server wrote its `Date`. */
const MAX_ROUND_TRIP_MS = 10_000;

export interface ClockSample {
  /** Device clock (ms) when the request was sent and when its headers arrived. */
  sentAt: number;
  receivedAt: number;
  /** The response's `Date` and `Age` headers, as received (null when absent). */
  date: string | null;
  age: string | null;
}

/**
 * Milliseconds to add to this device's clock to get the server's (positive: the device is slow),
 * or null when the sample cannot tell (no or malformed `Date`, a clock that went backwards, a
 * round trip too long to trust).
 */
export function measureSkew(sample: ClockSample): number | null {
  if (sample.date === null) return null;
  const date = Date.parse(sample.date);
  const rtt = sample.receivedAt - sample.sentAt;
  if (!Number.isFinite(date) || !(rtt >= 0 && rtt <= MAX_ROUND_TRIP_MS)) return null;
  const ageSeconds = sample.age !== null && /^\d{1,9}$/.test(sample.age.trim()) ? Number(sample.age.trim()) : 0;
  // `Date` is rounded down to the second: the server's moment lies within the next 1000 ms.
  const serverNow = date + 500 + ageSeconds * 1000;
  return Math.round(serverNow - (sample.sentAt + rtt / 2));
}

/** True when codes made with this device's clock are likely to be refused. */
export function clockIsOff(skewMs: number): boolean {
  return Math.abs(skewMs) > CLOCK_SKEW_LIMIT_MS;
}
