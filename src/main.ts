// Order matters: ./boot evaluates first and starts opening IndexedDB (and, with the device slot,
// the vault) while the UI modules below are still being evaluated.
import './boot';
// Applies the chosen theme (Settings → Appearance) before the first paint.
import './ui/shared/preferences';
import './ui/omamori-app';

// The worker is registered once the first screen is up (omamori-app says so), so its code is not
// in the way of the first code.
window.addEventListener('omamori:started', () => void import('./pwa/register-sw').then((m) => m.startServiceWorker()), { once: true });
