/** @file The app's one VaultService, wired to IndexedDB and the Argon2id worker. */
import { OmamoriDb } from '../../storage/db';
import { VaultService, type VaultState } from '../vault/vault';
import { createStorageMarker } from '../vault/marker';
import { createWorkerKdf } from './kdf-worker';

let vault: VaultService | undefined;
let started: Promise<VaultState> | undefined;

export function getVault(): VaultService {
  vault ??= new VaultService({ db: new OmamoriDb(), kdf: createWorkerKdf(), marker: createStorageMarker(localStorage) });
  return vault;
}

/**
 * Opens the database and, with the device slot, the vault. main.ts calls this before the UI
 * modules are evaluated, so IndexedDB opens while the rest of the bundle is still being parsed.
 */
export function startVault(): Promise<VaultState> {
  started ??= getVault().openOnStart();
  return started;
}
