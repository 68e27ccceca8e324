/** @file The app's one AutoLock, wired to the window, localStorage and a BroadcastChannel. */
import { AutoLock, LOCK_CHANNEL } from '../auto-lock/auto-lock';
import { getVault } from './vault';

let autoLock: AutoLock | undefined;

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage blocked (some privacy modes): settings then last for this page only.
    return null;
  }
}

export function getAutoLock(): AutoLock {
  autoLock ??= new AutoLock(getVault(), {
    now: () => Date.now(),
    storage: localStorageOrNull(),
    win: window,
    doc: document,
    openChannel: () => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(LOCK_CHANNEL) : null),
  });
  return autoLock;
}
