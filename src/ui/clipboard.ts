/**
 * @file The app's one clipboard guard: copies codes, clears them after 30 s when the
 * preference is on, and checks on lock. The vault subscription starts with the first copy.
 */
import { getVault } from './app-services';
import { ClipboardGuard } from './clipboard-guard';
import { getPreferences } from './preferences';

const guard = new ClipboardGuard(
  () => (typeof navigator !== 'undefined' ? navigator.clipboard : undefined),
  { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
);
let watching = false;

/** Puts a code on the clipboard; throws when the browser refuses. */
export async function copyCode(code: string): Promise<void> {
  if (!watching) {
    watching = true;
    getVault().subscribeState((state) => {
      if (state !== 'unlocked' && guard.armed) void guard.clearIfOurs();
    });
  }
  await guard.copy(code, getPreferences().clearClipboard);
}
