/**
 * @file Importers of family A (see registry.ts for the order they are tried in). Structured
 * JSON formats first, then line-based text, then andOTP's encrypted binary, which has no magic:
 * it is only claimed by file name (*.bin, *.aes), after ruling out the magics of other apps'
 * binary exports (family B comes after this list, so those must be excluded explicitly).
 */
import { aegisImporter } from './aegis';
import { andotpEncryptedImporter, andotpImporter } from './andotp';
import { bitwardenAuthenticatorImporter, bitwardenImporter } from './bitwarden';
import { bitwardenCsvImporter } from './bitwarden-csv';
import { googleMigrationTextImporter } from './google-migration-text';
import { twofasImporter } from './twofas';
import type { Importer } from './types';
import { enteImporter, uriListImporter } from './otpauth-lists';

export const importersA: Importer[] = [
  aegisImporter,
  twofasImporter,
  andotpImporter,
  bitwardenImporter,
  bitwardenAuthenticatorImporter,
  googleMigrationTextImporter,
  enteImporter,
  uriListImporter,
  bitwardenCsvImporter,
  andotpEncryptedImporter,
];
