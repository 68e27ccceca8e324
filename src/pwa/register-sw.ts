/**
 * @file Service-worker registration. An update is never forced: the page keeps working and a
 * toast offers "Reload"; only that click activates the new worker.
 */
import { registerSW } from 'virtual:pwa-register';
import { t } from '../ui/i18n/i18n';
import { showToast } from '../ui/toast-bus';

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const updateSW = registerSW({
    onNeedRefresh() {
      showToast({ message: t('pwa.updateReady'), actionLabel: t('pwa.reload'), timeoutMs: 0, onAction: () => void updateSW(true) });
    },
    onOfflineReady() {
      showToast({ message: t('pwa.offlineReady') });
    },
  });
}
