import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, FIXTURE_PASSWORD, SAMPLE_ACCOUNTS } from '../formats/export/export-samples';
import { fixture, run } from './cli-helpers';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 10);

describe('omamori codes', () => {
  it('prints each account’s current code (checked with the otpauth library directly)', async () => {
    const r = await run(['codes', fixture(FIXTURE_FILES.otpauth)], { now: NOW });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const first = SAMPLE_ACCOUNTS[0]!;
    const expected = new OTPAuth.TOTP({ secret: first.secretB32, algorithm: first.algorithm, digits: 6, period: 30 }).generate({ timestamp: NOW });
    expect(lines[0]).toMatch(new RegExp(`^${expected.slice(0, 3)} ${expected.slice(3)} +Example Mail \\(alice@example\\.com\\)  \\(20 s left\\)$`));
    const hotp = SAMPLE_ACCOUNTS.find((a) => a.type === 'hotp')!;
    const hotpCode = OTPAuth.HOTP.generate({ secret: OTPAuth.Secret.fromBase32(hotp.secretB32), counter: hotp.counter });
    expect(lines.find((l) => l.includes('Counter Co'))).toContain(`${hotpCode.slice(0, 3)} ${hotpCode.slice(3)}`);
    expect(lines.find((l) => l.includes('Counter Co'))).toContain('(counter 42, not advanced)');
    expect(r.stderr).toMatch(/HOTP codes are shown for the stored counter; the file is not changed/);
    // Links never carry PINs: the mOTP account read from one is reported, with the reason.
    expect(`${r.stdout}${r.stderr}`).toMatch(/Legacy VPN \(dave\).*The PIN must be 4 to 16 digits\./);
  });

  it('the same HOTP code shows on every run (the counter is never advanced)', async () => {
    const a = await run(['codes', fixture(FIXTURE_FILES.otpauth)], { now: NOW });
    const b = await run(['codes', fixture(FIXTURE_FILES.otpauth)], { now: NOW + 3_600_000 });
    const pick = (s: string): string | undefined => s.split('\n').find((l) => l.includes('Counter Co'));
    expect(pick(a.stdout)).toBe(pick(b.stdout));
  });

  it('reads encrypted files too (mOTP and Yandex codes included)', async () => {
    const r = await run(['codes', fixture(FIXTURE_FILES.omamori)], { now: NOW, env: { OMAMORI_PASSPHRASE: FIXTURE_PASSWORD } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{3} [0-9a-f]{3} +Legacy VPN \(dave\)/m);
    expect(r.stdout).toMatch(/^[a-z]{4} [a-z]{4} +Yandex \(erin\)/m);
  });
});
