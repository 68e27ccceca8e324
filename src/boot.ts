/** @file Evaluated first (see main.ts): start the vault before the UI exists. */
import { startVault } from './services/browser/vault';

void startVault().catch(() => undefined);
