/**
 * @file Asking for the proof a sensitive operation needs. The services decide and enforce the
 * re-authentication policy (services/vault/session.ts): they say when a proof is needed and
 * refuse with `vault/reauth-required` without one. The UI only asks — in a modal dialog, for the
 * passphrase or a passkey — when a service says so, and tries the operation again.
 */
import { isAppError } from '../../core/errors';
import { getVault } from '../../services/browser/vault';
import { openReauthDialog } from './omamori-reauth-dialog';

/** Marks an operation the user cancelled at the proof dialog: the caller changes nothing. */
export const CANCELLED = Symbol('cancelled');

/** Asks for the proof when the vault says the next sensitive operation would need one. False = cancelled. */
export async function proveIfNeeded(): Promise<boolean> {
  if (!getVault().proofNeeded()) return true;
  return openReauthDialog();
}

/**
 * Runs a sensitive service call: asks for the proof first when it is needed, and once more if the
 * service still refuses for want of one (the window ran out meanwhile). CANCELLED when the user
 * cancels; other errors pass through.
 */
export async function withProof<T>(operation: () => Promise<T> | T): Promise<T | typeof CANCELLED> {
  if (!(await proveIfNeeded())) return CANCELLED;
  try {
    return await operation();
  } catch (err) {
    if (!isAppError(err) || err.code !== 'vault/reauth-required') throw err;
    if (!(await openReauthDialog())) return CANCELLED;
    return operation();
  }
}
