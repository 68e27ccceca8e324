/**
 * @file A small marker kept outside the vault database (localStorage) saying "this browser had a
 * vault". When the database is gone but the marker is not — browser eviction of quota-managed
 * storage, a database deleted by hand — the app says the vault is missing instead of quietly
 * starting an empty one. It holds the random vault id only: nothing secret, nothing about accounts.
 */

export interface VaultMarker {
  read(): string | null;
  write(vaultId: string): void;
  clear(): void;
}

const KEY = 'omamori.vault-marker';

export function createStorageMarker(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): VaultMarker {
  return {
    read() {
      try {
        const raw = storage.getItem(KEY);
        if (raw === null) return null;
        const parsed = JSON.parse(raw) as { vaultId?: unknown };
        return typeof parsed.vaultId === 'string' ? parsed.vaultId : null;
      } catch {
        return null;
      }
    },
    write(vaultId) {
      try {
        storage.setItem(KEY, JSON.stringify({ vaultId }));
      } catch {
        // Storage full or disabled: the guard is best effort and must never block creating a vault.
      }
    },
    clear() {
      try {
        storage.removeItem(KEY);
      } catch {
        // As above.
      }
    },
  };
}

/** For Node tests and the CLI: a marker that remembers nothing between runs. */
export function createMemoryMarker(): VaultMarker {
  let value: string | null = null;
  return {
    read: () => value,
    write: (vaultId) => {
      value = vaultId;
    },
    clear: () => {
      value = null;
    },
  };
}

/**
 * The missing-vault guard: with no vault row, 'none' on a browser that never had one and
 * 'missing' where the marker says it did. Remembers the vault on creation and at start.
 */
export class VaultPresence {
  readonly #marker: VaultMarker;

  constructor(marker: VaultMarker) {
    this.#marker = marker;
  }

  /** What to report when the database holds no vault row. */
  stateWithoutVault(): 'none' | 'missing' {
    return this.#marker.read() === null ? 'none' : 'missing';
  }

  /** True when this browser is known to have had a vault (the marker is set). */
  hadVault(): boolean {
    return this.#marker.read() !== null;
  }

  remember(vaultId: string): void {
    if (this.#marker.read() !== vaultId) this.#marker.write(vaultId);
  }

  forget(): void {
    this.#marker.clear();
  }
}
