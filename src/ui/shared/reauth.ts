/**
 * @file Re-authentication before sensitive actions (SECURITY.md): resolves true when the user gave
 * the passphrase (or a passkey) within the last 60 s, otherwise asks in a modal dialog.
 * Resolves false when the user cancels; then the caller changes nothing.
 */
import { getVault } from './services';
import { openReauthDialog } from './omamori-reauth-dialog';

export const REAUTH_WINDOW_MS = 60_000;

export async function ensureRecentAuth(): Promise<boolean> {
  if (getVault().authenticatedWithin(REAUTH_WINDOW_MS)) return true;
  return openReauthDialog();
}
