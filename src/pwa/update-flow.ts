/**
 * @file What a tab does when a new version of the service worker appears, apart from the browser
 * (register-sw.ts wires it to `navigator.serviceWorker` and the toasts; the unit test to fakes).
 *
 * docs/security.md: an update is never forced. Only the tab whose user pressed *Reload* reloads.
 * Every other open tab sees the new worker take control (a `controllerchange`) and must keep its
 * state — a half-typed form, an open dialog — so it only says that a new version is active and
 * reloads when its own user presses *Reload*. (The plugin's default reloads every tab that had
 * shown the prompt as soon as any tab accepts it: that cost typing in the other tabs.)
 */

export interface UpdateToast {
  message: string;
  actionLabel: string;
  timeoutMs: 0;
  onAction: () => void;
}

export interface UpdateFlowDeps {
  /** Whether this page is controlled by a worker now, and its `controllerchange` event. */
  container: { readonly controller: unknown; addEventListener(type: 'controllerchange', listener: () => void): void };
  showToast(toast: UpdateToast): number;
  dismissToast(id: number): void;
  /** Tells the waiting worker to take over (workbox's skip-waiting message). */
  activate(): void;
  reload(): void;
  /** Read when a toast is shown, so that it is in the language chosen by then. */
  text(): { ready: string; active: string; reload: string };
}

export interface UpdateFlow {
  /** A new version is installed and waiting (workbox's `waiting`, via the plugin's onNeedRefresh). */
  onWaiting(): void;
}

export function startUpdateFlow(deps: UpdateFlowDeps): UpdateFlow {
  // A page that started with no worker gets its first controller from the first install's
  // clients.claim(): that is not a new version, so only a change after that one is announced.
  let controlled = deps.container.controller !== null && deps.container.controller !== undefined;
  let requested = false;
  let reloading = false;
  let readyToast: number | undefined;
  let announced = false;

  const reload = (): void => {
    if (reloading) return;
    reloading = true;
    deps.reload();
  };

  deps.container.addEventListener('controllerchange', () => {
    const wasControlled = controlled;
    controlled = true;
    if (requested) return reload();
    if (!wasControlled || announced) return;
    announced = true;
    // The "ready" toast's action would message a worker that is no longer waiting.
    if (readyToast !== undefined) deps.dismissToast(readyToast);
    readyToast = undefined;
    const text = deps.text();
    deps.showToast({ message: text.active, actionLabel: text.reload, timeoutMs: 0, onAction: reload });
  });

  return {
    onWaiting() {
      // workbox-window reports an update found by a later check both as 'installed' and 'waiting'.
      if (readyToast !== undefined || announced) return;
      const text = deps.text();
      readyToast = deps.showToast({
        message: text.ready,
        actionLabel: text.reload,
        timeoutMs: 0,
        onAction: () => {
          // This tab reloads once the new worker controls it (the controllerchange above).
          requested = true;
          deps.activate();
        },
      });
    },
  };
}
