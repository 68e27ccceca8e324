/**
 * @file The exporter registry: one frozen table the UI and `omamori convert --to` build their
 * lists from.
 */
import { aegisEncryptedExporter, aegisExporter } from './aegis';
import { cxfExporter } from './cxf';
import { keepassExporter } from './keepass';
import { googleQrExporter, omamoriExporter, otpauthExporter } from './simple';
import { twofasExporter } from './twofas';
import type { Exporter, ExporterId } from './types';

export type { ExportAccount, ExportedFile, ExporterId, ExportOptions, ExportResult, ExportSkip, Exporter, RecoveryCode } from './types';
export { EXPORTER_IDS } from './types';

export const EXPORTERS: Readonly<Record<ExporterId, Exporter>> = Object.freeze({
  aegis: aegisExporter,
  'aegis-encrypted': aegisEncryptedExporter,
  '2fas': twofasExporter,
  otpauth: otpauthExporter,
  omamori: omamoriExporter,
  'google-qr': googleQrExporter,
  cxf: cxfExporter,
  keepass: keepassExporter,
});

export function isExporterId(value: string): value is ExporterId {
  return Object.hasOwn(EXPORTERS, value);
}

export function exporterFor(id: ExporterId): Exporter {
  return EXPORTERS[id];
}
