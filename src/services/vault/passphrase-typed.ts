/**
 * @file The date the vault passphrase was last typed and found right (an unlock, a proof, a
 * change, a kit made, a "Do you still know your passphrase?" check), kept in `meta` so that
 * "Ready to recover?" can say when a person last showed they remember it. Only the time is kept.
 * Failing to store it never fails what the person was doing: the date is advice, not state.
 */
import { PASSPHRASE_TYPED_KEY } from '../../storage/schema';
import type { VaultStore } from './store';

export async function recordPassphraseTyped(store: VaultStore, at: number): Promise<void> {
  try {
    await store.write(['meta'], (db) => db.meta.put({ key: PASSPHRASE_TYPED_KEY, value: at }));
  } catch {
    // See the file header: the unlock or change itself succeeded.
  }
}

/** The recorded time, or null when none was recorded (a vault older than this record) or unreadable. */
export async function readPassphraseTyped(store: VaultStore): Promise<number | null> {
  try {
    const value = (await store.read((db) => db.meta.get(PASSPHRASE_TYPED_KEY)))?.value;
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}
