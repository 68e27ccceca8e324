/**
 * @file A single pasted otpauth:// link for the account form. Separate from scanned-texts.ts so
 * the form does not load the Google migration decoder. (The link a second device scans comes from
 * VaultService.revealSecret, behind re-authentication.)
 */
import type { AccountData } from '../../core/account';
import { parseOtpauthUri } from '../../core/otpauth-uri';

/** One otpauth:// (or motp://) link, as pasted. Throws AppError. */
export function readAccountLink(text: string): AccountData {
  return parseOtpauthUri(text.trim());
}
