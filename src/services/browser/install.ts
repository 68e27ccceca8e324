/**
 * @file The app's one InstallState, built against the window. Started from boot.ts, before any
 * screen exists, because Chromium may send `beforeinstallprompt` once only, early.
 */
import { InstallState, STANDALONE_QUERY } from '../install/install-state';

let state: InstallState | undefined;

export function getInstallState(): InstallState {
  state ??= new InstallState({
    target: window,
    navigator,
    displayMode: typeof matchMedia === 'function' ? matchMedia(STANDALONE_QUERY) : null,
  });
  return state;
}
