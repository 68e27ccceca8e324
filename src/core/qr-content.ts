/**
 * @file What a scanned QR code holds, decided from its text alone (no network, no parsing of
 * secrets here): an account link, a Google Authenticator transfer code, or something else we
 * can name for the user ("this QR code is a web address, not an account").
 */

/** Prefix of the QR code that carries a backup's transfer code from the old device to the new one. */
export const TRANSFER_CODE_QR_PREFIX = 'omamori-transfer-code:';

export type QrContent =
  | { kind: 'otpauth'; text: string }
  | { kind: 'transfer-code'; text: string; code: string }
  | { kind: 'migration'; text: string }
  | { kind: 'web-address'; text: string }
  | { kind: 'wifi'; text: string }
  | { kind: 'other'; text: string };

export function classifyQrText(raw: string): QrContent {
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (lower.startsWith(TRANSFER_CODE_QR_PREFIX)) return { kind: 'transfer-code', text, code: text.slice(TRANSFER_CODE_QR_PREFIX.length) };
  if (lower.startsWith('otpauth-migration://')) return { kind: 'migration', text };
  if (lower.startsWith('otpauth://') || lower.startsWith('motp://')) return { kind: 'otpauth', text };
  if (/^https?:\/\//.test(lower) || /^www\./.test(lower)) return { kind: 'web-address', text };
  if (lower.startsWith('wifi:')) return { kind: 'wifi', text };
  return { kind: 'other', text };
}

/** True for codes Omamori can enrol from. */
export function isAuthenticatorQr(content: QrContent): content is Extract<QrContent, { kind: 'otpauth' | 'migration' }> {
  return content.kind === 'otpauth' || content.kind === 'migration';
}
