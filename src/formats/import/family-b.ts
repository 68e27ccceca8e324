/** @file Importers of family B (see registry.ts for the order they are tried in). */
import { enteEncryptedImporter } from './ente-encrypted';
import { freeOtpPlusImporter } from './freeotp-plus';
import { lastPassImporter } from './lastpass';
import { protonImporter } from './proton';
import { raivoImporter } from './raivo';
import { steamImporter } from './steam';
import { stratumHtmlImporter } from './stratum-html';
import { stratumImporter } from './stratum';
import type { Importer } from './types';

export const importersB: Importer[] = [
  protonImporter,
  stratumImporter,
  enteEncryptedImporter,
  freeOtpPlusImporter,
  lastPassImporter,
  raivoImporter,
  steamImporter,
  stratumHtmlImporter,
];
