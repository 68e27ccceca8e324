/**
 * @file Collects the codes of one Google Authenticator export, scanned in any order and maybe
 * more than once. Pure state; the UI asks before switching to another export (`restart`).
 */
import type { AccountData } from '../../core/account';
import type { EntryProblem, MigrationBatch } from './types';

export type AddBatchResult = { kind: 'added' } | { kind: 'already-scanned' } | { kind: 'different-export' };

export type SessionProblem = EntryProblem & { batchIndex: number };

export class MigrationSession {
  readonly #batches = new Map<number, MigrationBatch>();
  #batchId: number | null = null;
  #total = 0;

  /**
   * Adds a decoded code. A code of another export (another batch id, or the same id with another
   * size) changes nothing and returns 'different-export'.
   */
  add(batch: MigrationBatch): AddBatchResult {
    if (this.#batchId === null) {
      this.#batchId = batch.batchId;
      this.#total = batch.batchSize;
    } else if (batch.batchId !== this.#batchId || batch.batchSize !== this.#total) {
      return { kind: 'different-export' };
    }
    if (this.#batches.has(batch.batchIndex)) return { kind: 'already-scanned' };
    this.#batches.set(batch.batchIndex, batch);
    return { kind: 'added' };
  }

  /** Drops everything collected so far and starts over with this code's export. */
  restart(batch: MigrationBatch): void {
    this.#batches.clear();
    this.#batchId = null;
    this.#total = 0;
    this.add(batch);
  }

  /** The export's id; null before the first code. */
  get batchId(): number | null {
    return this.#batchId;
  }

  /** Number of codes in the export; 0 before the first code. */
  get total(): number {
    return this.#total;
  }

  scannedIndexes(): number[] {
    return [...this.#batches.keys()].sort((a, b) => a - b);
  }

  missingIndexes(): number[] {
    const missing: number[] = [];
    for (let i = 0; i < this.#total; i++) if (!this.#batches.has(i)) missing.push(i);
    return missing;
  }

  isComplete(): boolean {
    return this.#total > 0 && this.#batches.size === this.#total;
  }

  /** The accounts scanned so far, in batch order, then entry order. */
  accounts(): AccountData[] {
    return this.#ordered().flatMap((batch) => batch.accounts);
  }

  problems(): SessionProblem[] {
    return this.#ordered().flatMap((batch) => batch.problems.map((p) => ({ ...p, batchIndex: batch.batchIndex })));
  }

  #ordered(): MigrationBatch[] {
    return this.scannedIndexes()
      .map((i) => this.#batches.get(i))
      .filter((b): b is MigrationBatch => b !== undefined);
  }
}
