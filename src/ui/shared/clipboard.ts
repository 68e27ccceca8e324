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
  // The 30 s count from the copy, not from when the chunk has loaded (slow on a busy phone).
  const copiedAt = Date.now();
  void import('./clipboard-watch').then((m) => m.watchCopiedCode(code, clearLater, Date.now() - copiedAt)).catch(() => undefined);
}
