/**
 * The made-up accounts inside test/fixtures/import/* (written by
 * test/fixture-writers/a-import-fixtures.test.ts) and the passwords of the encrypted ones.
 */
import type { HashAlgorithm, OtpType } from '../../../../src/core/account';

export interface FixtureAccount {
  type: OtpType;
  issuer: string;
  name: string;
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  counter: number;
  pin: string;
}

const a = (type: OtpType, issuer: string, name: string, secret: string, algorithm: HashAlgorithm, digits: number, period: number, counter = 0, pin = ''): FixtureAccount => ({
  type,
  issuer,
  name,
  secret,
  algorithm,
  digits,
  period,
  counter,
  pin,
});

export const ACCOUNTS = [
  a('totp', 'Example Bank', 'alice@example.org', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'SHA1', 6, 30),
  a('totp', '日本語サービス', 'たろう', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 'SHA256', 8, 60),
  a('hotp', 'Counter Co', 'bob', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', 'SHA512', 6, 30, 42),
  a('steam', 'Steam', 'gamer', 'ONSWG4TFOQQGC3DEEBZWK4TSMV2A', 'SHA1', 5, 30),
  a('motp', 'mOTP Host', 'vpn', 'GEZDGNBVGY3TQOJQ', 'SHA1', 6, 10, 0, '1234'),
  a('yandex', 'Yandex', 'ivan', 'NBSWY3DPFQQHO33SNRSCC2LOM5UWC3TU', 'SHA256', 8, 30, 0, '56789'),
] as const;

export const FIXTURE_PASSWORDS = {
  aegis: 'correct horse',
  /** UTF-8, not ASCII: 2FAS derives the key from the UTF-8 bytes. */
  twofas: 'パスワード合言葉',
  andotp: 'andotp-test',
  /** "ﬁ" and "½" change under NFKC: Bitwarden hashes the bytes as typed. */
  bitwarden: 'Bitwarden ﬁxture ½',
} as const;
