/**
 * @file The app's one VaultService, wired to IndexedDB and the Argon2id worker.
 *
 * Dexie is not on the start path (issue 13: ≈ 30 KB gzip of the first code's JavaScript). The start
 * reads through raw IndexedDB (storage/start-read.ts); Dexie, still the store for every write, live
 * query and upgrade, is loaded once the first screen has painted (`loadStoreAfterFirstScreen`, called
 * by the app shell), or at once when the raw read could not answer (no database yet, another
 * version: Dexie creates or upgrades it) or the vault starts locked. Anything that needs the
 * database before then waits.
 */
import { takeEarlyRead } from '../../storage/early-read';
import { readStartRows } from '../../storage/start-read';
import { VaultService, type VaultState } from '../vault/vault';
import { createStorageMarker } from '../vault/marker';
import { createWorkerKdf } from './kdf-worker';

/** A safety net: should no first screen ever say it painted, Dexie still loads. */
const LOAD_AT_THE_LATEST_MS = 3000;

let vault: VaultService | undefined;
let started: Promise<VaultState> | undefined;
let openGate: () => void = () => undefined;
const gate = new Promise<void>((resolve) => (openGate = resolve));

export function getVault(): VaultService {
  vault ??= new VaultService({
    db: {
      load: () => gate.then(() => import('../../storage/db')).then(({ OmamoriDb }) => new OmamoriDb()),
      // The read index.html began before this chunk arrived, if it could (storage/early-read.ts).
      readStart: () =>
        (takeEarlyRead() ?? readStartRows()).then((rows) => {
          if (rows === null) openGate();
          return rows;
        }),
    },
    kdf: createWorkerKdf(),
    marker: createStorageMarker(localStorage),
  });
  return vault;
}

/**
 * Opens the database and, with the device slot, the vault. main.ts calls this before the UI
 * modules are evaluated, so IndexedDB opens while the rest of the bundle is still being parsed.
 */
export function startVault(): Promise<VaultState> {
  if (started === undefined) {
    setTimeout(openGate, LOAD_AT_THE_LATEST_MS);
    started = getVault().openOnStart();
    // A locked start needs the database at once (the wait after wrong passphrases is a row the
    // lock screen shows, and the unlock writes), and its screen is the start shell, already
    // painted: nothing is gained by waiting. Nor after a start that failed (an error screen).
    started.then((state) => {
      if (state !== 'unlocked') openGate();
    }, openGate);
  }
  return started;
}

/** The first screen has painted: Dexie may load now (the app shell calls this). */
export function loadStoreAfterFirstScreen(): void {
  openGate();
}
