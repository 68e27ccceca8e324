/** @file Evaluated first (see main.ts): start the vault before the UI exists. */
// First of all: the Trusted Types policy the CSP names, before any code can reach a sink.
import './services/browser/trusted-types';
import { getInstallState } from './services/browser/install';
import { startVault } from './services/browser/vault';
import { applyStoredClockCorrection } from './services/browser/clock-correction';

void startVault().catch(() => undefined);
// Before any code is drawn: the correction the user chose for this device's clock, if any.
applyStoredClockCorrection();
// Listening from the start: Chromium may offer installation (beforeinstallprompt) before any
// screen that shows an Install button has loaded.
getInstallState();
