/**
 * @file Measuring this device's clock against our own server: a HEAD request for the web app
 * manifest on this origin (never another; the CSP's connect-src is 'self'), not cached, read by
 * core/clock-skew. The service worker answers only GET requests, so a HEAD reaches the server.
 */
import { measureSkew } from '../../core/clock-skew';
import { readClockSettings, writeClockSettings, type ClockSettings } from './clock-correction';

/** One measure (ms to add to the device clock), or null when offline or the answer says nothing. */
export async function measureClockSkew(fetcher: typeof fetch = fetch, now: () => number = Date.now): Promise<number | null> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  const url = new URL('manifest.webmanifest', document.baseURI);
  if (url.origin !== location.origin) return null;
  try {
    const sentAt = now();
    const res = await fetcher(url, { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
    const receivedAt = now();
    return measureSkew({ sentAt, receivedAt, date: res.headers.get('date'), age: res.headers.get('age') });
  } catch {
    return null;
  }
}

/**
 * Measures (when the check is on) and stores the result, which also updates the correction:
 * once the clock is right again, the codes stop being corrected by themselves.
 */
export async function checkClock(): Promise<ClockSettings> {
  const before = readClockSettings();
  if (!before.check) return before;
  const skewMs = await measureClockSkew();
  if (skewMs === null) return before;
  const after = { ...readClockSettings(), skewMs };
  writeClockSettings(after);
  return after;
}
