/**
 * @file Copying a code. The write happens straight away, inside the user's tap (Safari refuses
 * clipboard writes after an await); the clearing logic is a small lazy chunk (clipboard-watch).
 */
import { getPreferences } from './preferences';

/** Puts a code on the clipboard; throws when the browser refuses. */
export async function copyCode(code: string): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.clipboard) throw new Error('clipboard unavailable');
  await navigator.clipboard.writeText(code);
  const clearLater = getPreferences().clearClipboard;
  void import('./clipboard-watch').then((m) => m.watchCopiedCode(code, clearLater)).catch(() => undefined);
}
