// Order matters: ./boot evaluates first and starts opening IndexedDB (and, with the device slot,
// the vault) while the UI modules below are still being evaluated.
import './boot';
import './ui/omamori-app';
import { startServiceWorker } from './pwa/register-sw';

startServiceWorker();
