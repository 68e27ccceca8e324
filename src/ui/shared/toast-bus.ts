/** @file A tiny queue of toasts any element (and the PWA layer) can post to; <omamori-toast> shows them. */

export interface Toast {
  id: number;
  message: string;
  actionLabel?: string;
  onAction?: () => void;
  /** 0 keeps it until dismissed (e.g. "update ready"). */
  timeoutMs: number;
}

type Listener = (toasts: readonly Toast[]) => void;

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();

function emit(): void {
  for (const l of listeners) l(toasts);
}

const MAX_TOASTS = 3;

export function showToast(toast: Omit<Toast, 'id' | 'timeoutMs'> & { timeoutMs?: number }): number {
  const id = nextId++;
  const next = [...toasts, { timeoutMs: 4000, ...toast, id }];
  // Over the limit, the oldest passing toast goes first: one that waits for the user ("A new
  // version is active — Reload") is never pushed out by messages that would vanish anyway.
  while (next.length > MAX_TOASTS) {
    const passing = next.slice(0, -1).findIndex((t) => t.timeoutMs !== 0);
    next.splice(passing === -1 ? 0 : passing, 1);
  }
  toasts = next;
  emit();
  return id;
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/**
 * On lock: passing toasts may name accounts ("GitHub deleted.") and hold undo data; drop them.
 * Toasts that wait for the user (update ready, reload needed) name no account and stay.
 */
export function clearToasts(): void {
  toasts = toasts.filter((t) => t.timeoutMs === 0);
  emit();
}

export function subscribeToasts(listener: Listener): () => void {
  listeners.add(listener);
  listener(toasts);
  return () => listeners.delete(listener);
}
