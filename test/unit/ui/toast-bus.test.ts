/** The toast queue: at most three, and a toast that waits for the user is not pushed out by passing ones. */
import { afterEach, expect, it } from 'vitest';
import { clearToasts, dismissToast, showToast, subscribeToasts, type Toast } from '../../../src/ui/shared/toast-bus';

let shown: readonly Toast[] = [];
subscribeToasts((t) => (shown = t));
afterEach(() => {
  for (const t of shown) dismissToast(t.id);
});

it('keeps the three newest passing toasts', () => {
  for (const m of ['a', 'b', 'c', 'd']) showToast({ message: m });
  expect(shown.map((t) => t.message)).toEqual(['b', 'c', 'd']);
});

it('never drops a toast that waits for the user to make room for passing ones', () => {
  showToast({ message: 'update', actionLabel: 'Reload', timeoutMs: 0, onAction: () => undefined });
  for (const m of ['added', 'error 1', 'error 2']) showToast({ message: m });
  expect(shown.map((t) => t.message)).toEqual(['update', 'error 1', 'error 2']);
  clearToasts();
  expect(shown.map((t) => t.message)).toEqual(['update']);
});
