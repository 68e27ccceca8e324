/** The clock check's arithmetic (core/clock-skew.ts) and the correction codes apply (core/codes.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { clockIsOff, measureSkew } from '../../../src/core/clock-skew';
import { generateCode, getClockCorrection, nextCode, setClockCorrection, totpState } from '../../../src/core/codes';
import { correctionOf } from '../../../src/services/browser/clock-correction';
import type { AccountData } from '../../../src/core/account';

const SERVER = Date.UTC(2026, 11, 6, 12, 0, 0);
const header = (ms: number): string => new Date(ms).toUTCString();

describe('measureSkew', () => {
  it('finds a device 47 s fast (negative: subtract from the device clock), within the header’s one second', () => {
    const sentAt = SERVER + 47_000;
    const skew = measureSkew({ sentAt, receivedAt: sentAt + 200, date: header(SERVER), age: null });
    expect(skew).not.toBeNull();
    expect(skew!).toBeGreaterThanOrEqual(-47_600);
    expect(skew!).toBeLessThanOrEqual(-46_400);
  });

  it('finds a slow device, and adds the time a cache held the answer (Age)', () => {
    const sentAt = SERVER - 120_000;
    expect(measureSkew({ sentAt, receivedAt: sentAt, date: header(SERVER), age: null })).toBe(120_500);
    expect(measureSkew({ sentAt, receivedAt: sentAt, date: header(SERVER - 30_000), age: ' 30 ' })).toBe(120_500);
  });

  it('says nothing without a usable answer: no or bad Date, a clock going backwards, a long round trip', () => {
    expect(measureSkew({ sentAt: SERVER, receivedAt: SERVER, date: null, age: null })).toBeNull();
    expect(measureSkew({ sentAt: SERVER, receivedAt: SERVER, date: 'yesterday-ish', age: null })).toBeNull();
    expect(measureSkew({ sentAt: SERVER, receivedAt: SERVER - 1, date: header(SERVER), age: null })).toBeNull();
    expect(measureSkew({ sentAt: SERVER, receivedAt: SERVER + 30_000, date: header(SERVER), age: null })).toBeNull();
    // A malformed Age is ignored, not trusted.
    expect(measureSkew({ sentAt: SERVER, receivedAt: SERVER, date: header(SERVER), age: '-5' })).toBe(500);
  });

  it('calls more than 15 s off', () => {
    expect(clockIsOff(15_000)).toBe(false);
    expect(clockIsOff(-15_001)).toBe(true);
    expect(clockIsOff(47_000)).toBe(true);
  });
});

describe('the correction', () => {
  afterEach(() => setClockCorrection(0));
  const rfc: AccountData = {
    type: 'totp',
    issuer: 'RFC',
    name: '',
    secretB32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA1',
    digits: 8,
    period: 30,
    counter: 0,
    pin: '',
  };
  const T = 1111111109_000; // RFC 6238: 07081804

  it('codes made on a clock 47 s fast are the right ones once corrected', () => {
    expect(generateCode(rfc, T + 47_000)).not.toBe('07081804');
    setClockCorrection(-47_000);
    expect(getClockCorrection()).toBe(-47_000);
    expect(generateCode(rfc, T + 47_000)).toBe('07081804');
    expect(nextCode(rfc, T + 47_000)).toBe(generateCode(rfc, T + 77_000));
    expect(totpState(rfc, T + 47_000).remainingMs).toBe(1_000);
    setClockCorrection(Number.NaN);
    expect(getClockCorrection()).toBe(0);
  });

  it('applies only what the user chose, and only while the clock is off', () => {
    expect(correctionOf({ check: true, correct: false, skewMs: -47_000 })).toBe(0);
    expect(correctionOf({ check: true, correct: true, skewMs: -47_000 })).toBe(-47_000);
    expect(correctionOf({ check: true, correct: true, skewMs: 3_000 })).toBe(0);
    expect(correctionOf({ check: true, correct: true, skewMs: null })).toBe(0);
  });
});
