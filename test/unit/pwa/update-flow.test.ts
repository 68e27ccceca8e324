/**
 * Issue #12 §2: a new version accepted in one tab never reloads another. The flow of one tab,
 * against a fake service-worker container; e2e/sw-update.spec.ts runs it with two real tabs.
 */
import { describe, expect, it } from 'vitest';
import { startUpdateFlow, type UpdateToast } from '../../../src/pwa/update-flow';

function tab(controlledAtStart: boolean) {
  const listeners: (() => void)[] = [];
  const container = {
    controller: controlledAtStart ? {} : null,
    addEventListener: (_type: 'controllerchange', listener: () => void) => void listeners.push(listener),
  };
  const toasts = new Map<number, UpdateToast>();
  const log = { reloads: 0, activations: 0 };
  let nextId = 1;
  const flow = startUpdateFlow({
    container,
    showToast: (toast) => {
      toasts.set(nextId, toast);
      return nextId++;
    },
    dismissToast: (id) => void toasts.delete(id),
    activate: () => void log.activations++,
    reload: () => void log.reloads++,
    text: () => ({ ready: 'ready', active: 'active', reload: 'Reload' }),
  });
  return {
    flow,
    log,
    /** The new worker takes control of this page (its own skipWaiting or another tab's). */
    controllerChange: () => listeners.forEach((l) => l()),
    shown: () => [...toasts.values()].map((t) => t.message),
    press: (message: string) => [...toasts.values()].find((t) => t.message === message)!.onAction(),
  };
}

describe('a new version in two tabs', () => {
  it('the tab that did not press Reload keeps running and says a new version is active', () => {
    const other = tab(true);
    other.flow.onWaiting();
    expect(other.shown()).toEqual(['ready']);
    // The user pressed Reload in another tab: the new worker claims this one too.
    other.controllerChange();
    expect(other.log.reloads).toBe(0);
    expect(other.shown()).toEqual(['active']);
    // Only its own user reloads it.
    other.press('active');
    expect(other.log.reloads).toBe(1);
  });

  it('the tab whose user pressed Reload activates the new worker and reloads once it controls the page', () => {
    const mine = tab(true);
    mine.flow.onWaiting();
    mine.flow.onWaiting();
    expect(mine.shown()).toEqual(['ready']);
    mine.press('ready');
    expect(mine.log).toEqual({ activations: 1, reloads: 0 });
    mine.controllerChange();
    expect(mine.log).toEqual({ activations: 1, reloads: 1 });
    mine.controllerChange();
    expect(mine.log.reloads).toBe(1);
  });

  it('a tab that never saw the prompt is told too, and nothing reloads', () => {
    const late = tab(true);
    late.controllerChange();
    expect(late.shown()).toEqual(['active']);
    expect(late.log.reloads).toBe(0);
  });

  it('the first install taking control of a new page is not a new version', () => {
    const first = tab(false);
    first.controllerChange();
    expect(first.shown()).toEqual([]);
    expect(first.log.reloads).toBe(0);
    // A later version activated elsewhere is announced.
    first.controllerChange();
    expect(first.shown()).toEqual(['active']);
    expect(first.log.reloads).toBe(0);
  });
});
