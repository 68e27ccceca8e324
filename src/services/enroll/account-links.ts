/**
 * @file Single otpauth:// links for the account form: reading a pasted one, writing one for the
 * per-account QR. Separate from enrollment.ts so the form does not load the transfer decoder.
 */
import type { AccountData } from '../../core/account';
import { formatOtpauthUri, parseOtpauthUri } from '../../core/otpauth-uri';

/** One otpauth:// (or motp://) link, as pasted. Throws AppError. */
export function readAccountLink(text: string): AccountData {
  return parseOtpauthUri(text.trim());
}

/** The link a second device scans to enrol the same secret. */
export function accountLink(account: AccountData): string {
  return formatOtpauthUri(account);
}
