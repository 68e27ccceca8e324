/**
 * @file Importers of family B (see registry.ts for the order they are tried in). Each sniffer
 * claims only its own structure (magic bytes, a JSON shape with that app's field names, ZIP
 * member names); TOTP Authenticator, which has no magic, comes last.
 */
import { enteEncryptedImporter } from './ente-encrypted';
import { freeOtpPlusImporter } from './freeotp-plus';
import { freeOtpV2Importer } from './freeotp-v2';
import { lastPassImporter } from './lastpass';
import { omamoriImporter } from './omamori';
import { protonImporter } from './proton';
import { raivoImporter } from './raivo';
import { steamImporter } from './steam';
import { stratumHtmlImporter } from './stratum-html';
import { stratumImporter } from './stratum';
import { totpAuthenticatorImporter } from './totp-authenticator';
import type { Importer } from './types';
import { authenticatorPlusImporter, raivoZipImporter, winAuthZipImporter } from './zip-lists';

export const importersB: Importer[] = [
  omamoriImporter,
  protonImporter,
  stratumImporter,
  enteEncryptedImporter,
  freeOtpPlusImporter,
  freeOtpV2Importer,
  lastPassImporter,
  raivoImporter,
  steamImporter,
  stratumHtmlImporter,
  authenticatorPlusImporter,
  winAuthZipImporter,
  raivoZipImporter,
  totpAuthenticatorImporter,
];
