import './ui/omamori-app';
import { startServiceWorker } from './pwa/register-sw';

startServiceWorker();
