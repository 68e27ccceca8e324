/**
 * The toast queue: at most three, and a toast that waits for the user is not pushed out by passing
 * ones; what a phone shows of it (planToasts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clearToasts, dismissToast, showToast, subscribeToasts, type Toast } from '../../../src/ui/shared/toast-bus';
import { ACTION_WAIT_MS, planToasts } from '../../../src/ui/shared/toast-plan';

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

describe('planToasts (what a phone shows: one passing toast at a time)', () => {
  let id = 100;
  const toast = (message: string, extra: Partial<Toast> = {}): Toast => ({ id: id++, message, timeoutMs: 4000, ...extra });
  const undo = (message: string): Toast => toast(message, { actionLabel: 'Undo', timeoutMs: 8000, onAction: () => undefined });
  const update = (): Toast => toast('update', { actionLabel: 'Reload', timeoutMs: 0, onAction: () => undefined });

  it('shows one passing toast; a newer one replaces a plain one at once (its news is stale)', () => {
    const [a, b] = [toast('Added to favourites.'), toast('Removed from favourites.')];
    const plan = planToasts([a, b], new Map([[a.id, 0]]), 1000, 1);
    expect(plan.shown.map((t) => t.message)).toEqual(['Removed from favourites.']);
    expect(plan.due.get(a.id)).toBe(1000);
    expect(plan.due.get(b.id)).toBe(1000 + 4000);
  });

  it('keeps an Undo toast until 4 s after it appeared while a newer one waits, then shows the newer one in full', () => {
    const [deleted, added] = [undo('GitHub deleted.'), toast('GitLab added.')];
    const plan = planToasts([deleted, added], new Map([[deleted.id, 500]]), 1000, 1);
    expect(plan.shown).toEqual([deleted]);
    expect(plan.waiting).toBe(1);
    expect(plan.due.get(deleted.id)).toBe(500 + ACTION_WAIT_MS);
    expect(plan.due.has(added.id)).toBe(false);
    const after = planToasts([added], new Map(), 4500, 1);
    expect(after.shown).toEqual([added]);
    expect(after.due.get(added.id)).toBe(4500 + 4000);
  });

  it('always shows a toast that waits for the user, beside the one passing toast, and never times it out', () => {
    const sticky = update();
    const queue = [sticky, toast('a'), undo('b deleted.'), toast('c')];
    const plan = planToasts(queue, new Map(), 0, 1);
    expect(plan.shown.map((t) => t.message)).toEqual(['update', 'b deleted.']);
    expect(plan.due.has(sticky.id)).toBe(false);
  });

  it('on a wide screen, shows the queue as it is (up to three passing toasts)', () => {
    const queue = [toast('a'), toast('b'), undo('c')];
    const plan = planToasts(queue, new Map(), 0, 3);
    expect(plan.shown).toEqual(queue);
    expect(plan.waiting).toBe(0);
    expect(plan.due.get(queue[2]!.id)).toBe(8000);
  });
});
