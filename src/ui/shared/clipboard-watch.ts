/**
 * @file The app's one clipboard guard (loaded with the first copy, not at start-up): clears a
 * copied code after 30 s when the preference is on, and checks at once when the vault locks.
 */
import { getVault } from '../../services/browser/vault';
import { ClipboardGuard } from './clipboard-guard';

const guard = new ClipboardGuard(() => (typeof navigator !== 'undefined' ? navigator.clipboard : undefined), {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
});

getVault().subscribeState((state) => {
  if (state !== 'unlocked' && guard.armed) void guard.clearIfOurs();
});

/** `code` was copied `elapsedMs` ago (the time this chunk took to load). */
export function watchCopiedCode(code: string, clearLater: boolean, elapsedMs = 0): void {
  guard.copied(code, clearLater, elapsedMs);
}
