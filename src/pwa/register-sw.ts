/**
 * @file Service-worker registration. An update is never forced: the page keeps working and a
 * toast offers "Reload"; only that click activates the new worker and reloads this tab, and other
 * open tabs only say that a new version is active (update-flow.ts). A kill-switch build registers
 * nothing (vite.config.ts).
 */
import { registerSW } from 'virtual:pwa-register';
import { t } from '../messages/translate';
import { dismissToast, showToast } from '../ui/shared/toast-bus';
import { startUpdateFlow } from './update-flow';

/** vite.config.ts defines it; true only in a kill-switch build (docs/hosting.md). */
declare const __OMAMORI_SW_KILL_SWITCH__: boolean | undefined;

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  if (typeof __OMAMORI_SW_KILL_SWITCH__ === 'boolean' && __OMAMORI_SW_KILL_SWITCH__) {
    // Register nothing (that would install the kill switch again on every visit), and remove a
    // registration its sw.js did not get to remove; the vault's storage is not touched.
    void navigator.serviceWorker
      .getRegistrations()
      .then((registrations) => Promise.all(registrations.map((registration) => registration.unregister())))
      .catch(() => undefined);
    return;
  }
  let activate = (): void => undefined;
  const flow = startUpdateFlow({
    container: navigator.serviceWorker,
    showToast,
    dismissToast,
    activate: () => activate(),
    reload: () => location.reload(),
    text: () => ({ ready: t('pwa.updateReady'), active: t('pwa.updateActive'), reload: t('pwa.reload') }),
  });
  const updateSW = registerSW({
    // Given so that the plugin does not reload this tab by itself when another tab activates
    // the new worker; update-flow.ts decides from the controllerchange instead.
    onNeedReload: () => undefined,
    onNeedRefresh: () => flow.onWaiting(),
    onOfflineReady() {
      showToast({ message: t('pwa.offlineReady') });
    },
  });
  activate = () => void updateSW(true);
}
