// Order matters: ./boot evaluates first and starts opening IndexedDB (and, with the device slot,
// the vault) while the UI modules below are still being evaluated.
import './boot';
// Applies the chosen theme (Settings → Appearance) before the first paint.
import './ui/preferences';
import './ui/omamori-app';
import { startServiceWorker } from './pwa/register-sw';

startServiceWorker();
