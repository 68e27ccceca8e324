/** @file The app's one VaultService, wired to IndexedDB and the Argon2id worker. */
import { OmamoriDb } from '../storage/db';
import { VaultService } from './vault-service';
import { createWorkerKdf } from './worker-kdf';

let vault: VaultService | undefined;

export function getVault(): VaultService {
  vault ??= new VaultService({ db: new OmamoriDb(), kdf: createWorkerKdf() });
  return vault;
}
