/** @file Evaluated first (see main.ts): start the vault before the UI exists. */
// First of all: the Trusted Types policy the CSP names, before any code can reach a sink.
import './services/browser/trusted-types';
import { getInstallState } from './services/browser/install';
import { startVault } from './services/browser/vault';

void startVault().catch(() => undefined);
// Listening from the start: Chromium may offer installation (beforeinstallprompt) before any
// screen that shows an Install button has loaded.
getInstallState();
