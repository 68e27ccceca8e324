/** @file The UI's door to the services (one place to swap them in tests or later features). */
export { getVault, startVault } from '../../services/browser/vault';
export { getAutoLock } from '../../services/browser/auto-lock';
