/**
 * @file Service-worker registration. An update is never forced: the page keeps working and a
 * toast offers "Reload"; only that click activates the new worker and reloads this tab, and other
 * open tabs only say that a new version is active (update-flow.ts).
 */
import { registerSW } from 'virtual:pwa-register';
import { t } from '../messages/translate';
import { dismissToast, showToast } from '../ui/shared/toast-bus';
import { startUpdateFlow } from './update-flow';

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
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
