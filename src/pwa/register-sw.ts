/**
 * @file Service-worker registration. An update is never forced: the page keeps working and a
 * toast offers "Reload"; only that click activates the new worker and reloads.
 */
import { registerSW } from 'virtual:pwa-register';
import { t } from '../messages/translate';
import { showToast } from '../ui/shared/toast-bus';

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  let offered = false;
  let reloading = false;
  const reload = (): void => {
    if (reloading) return;
    reloading = true;
    location.reload();
  };
  const updateSW = registerSW({
    // Called only when this page started under an older worker; see onAction for the other case.
    onNeedReload: reload,
    onNeedRefresh() {
      // workbox-window reports an update found by a later check both as 'installed' and 'waiting'.
      if (offered) return;
      offered = true;
      showToast({
        message: t('pwa.updateReady'),
        actionLabel: t('pwa.reload'),
        timeoutMs: 0,
        onAction: () => {
          // A page whose first visit installed the worker has isUpdate=false, so the plugin would
          // not reload after skipWaiting: reload ourselves once the new worker takes control.
          navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
          void updateSW(true);
        },
      });
    },
    onOfflineReady() {
      showToast({ message: t('pwa.offlineReady') });
    },
  });
}
