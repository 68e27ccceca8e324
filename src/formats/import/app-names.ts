/**
 * @file The names of the importers (their `label`s, in registry order, each once) without the
 * importers: the import screen lists them while the importers themselves load only in the
 * import worker. test/unit/formats/import/detection.test.ts checks the list against IMPORTERS.
 */
export const IMPORTER_LABELS: readonly string[] = Object.freeze([
  'Aegis',
  '2FAS Authenticator',
  'andOTP',
  'Bitwarden',
  'Bitwarden Authenticator',
  'Google Authenticator (transfer links as text)',
  'Ente Auth',
  'otpauth:// links (Aegis, WinAuth, Stratum, text)',
  'Bitwarden (CSV)',
  'KeePassXC (CSV)',
  'KeePass / KeePassXC (KDBX)',
  'andOTP (encrypted)',
  'Omamori',
  'Proton Authenticator',
  'Stratum / Authenticator Pro',
  'Ente Auth (encrypted)',
  'FreeOTP+',
  'FreeOTP (backup)',
  'LastPass Authenticator',
  'Raivo OTP',
  'Steam (.maFile)',
  'Stratum / Authenticator Pro (HTML)',
  'Authenticator Plus (ZIP)',
  'WinAuth (ZIP)',
  'Raivo OTP (ZIP)',
  'TOTP Authenticator',
]);
