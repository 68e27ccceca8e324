/**
 * @file Which toasts are on screen, and until when (pure, unit-tested). Loaded with the first
 * toast, through toast-layout.ts: the start-up path never needs it.
 */
import type { Toast } from './toast-bus';

/** How long an Undo toast stays once another toast is waiting behind it. */
export const ACTION_WAIT_MS = 4000;

export interface ToastPlan {
  /** On screen, in queue order: every toast that waits for the user, and up to `maxPassing` others. */
  shown: readonly Toast[];
  /** Passing toasts queued behind the shown ones. */
  waiting: number;
  /** When each toast goes (ms, same clock as `now`); a toast a newer one replaced goes at `now`. */
  due: ReadonlyMap<number, number>;
}

/**
 * What the toast host shows now. With room for fewer passing toasts than are queued (a phone
 * shows one), a newer toast replaces an older plain one at once — its news is stale — while one
 * with an action (Undo) stays until `ACTION_WAIT_MS` after it appeared and the newer one waits.
 * A toast that waits for the user (timeout 0) is always shown and never timed. `shownAt` holds
 * when each toast first appeared; a toast not yet in it starts its time at `now`.
 */
export function planToasts(queue: readonly Toast[], shownAt: ReadonlyMap<number, number>, now: number, maxPassing: number): ToastPlan {
  const due = new Map<number, number>();
  const passing = queue.filter((t) => t.timeoutMs !== 0);
  const newest = passing.at(-1);
  const kept = passing.length > maxPassing ? passing.filter((t) => t === newest || t.actionLabel !== undefined) : passing;
  for (const t of passing) if (!kept.includes(t)) due.set(t.id, now);
  const showing = new Set(kept.slice(0, Math.max(0, maxPassing)));
  const waiting = kept.length - showing.size;
  for (const t of showing) {
    const limit = waiting > 0 ? Math.min(t.timeoutMs, ACTION_WAIT_MS) : t.timeoutMs;
    due.set(t.id, (shownAt.get(t.id) ?? now) + limit);
  }
  return { shown: queue.filter((t) => t.timeoutMs === 0 || showing.has(t)), waiting, due };
}
