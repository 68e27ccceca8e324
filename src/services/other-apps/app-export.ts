/** @file Writing the vault as a file for Aegis, 2FAS, a CXF reader or KeePass (src/formats/export), behind a recent proof. */
import { AppError } from '../../core/errors';
import { aegisEncryptedExporter, aegisExporter } from '../../formats/export/aegis';
import { cxfExporter } from '../../formats/export/cxf';
import { twofasExporter } from '../../formats/export/twofas';
import type { Exporter, ExportAccount, ExportOptions, ExportResult, ExportSkip } from '../../formats/export/types';
import type { VaultService } from '../vault/vault';

export type { ExportSkip };

export type AppExportTarget = 'aegis-encrypted' | 'aegis' | '2fas' | 'cxf' | 'keepass';

/**
 * The exporters that run on the calling thread. Not the registry: it holds the KeePass exporter,
 * whose kdbxweb would then be built into the page (and precached) a second time besides the
 * Worker's copy; KeePass is always written where the caller says (the app: its import Worker).
 */
const ON_THIS_THREAD: Readonly<Record<Exclude<AppExportTarget, 'keepass'>, Exporter>> = {
  'aegis-encrypted': aegisEncryptedExporter,
  aegis: aegisExporter,
  '2fas': twofasExporter,
  cxf: cxfExporter,
};

function writeOnThisThread(target: AppExportTarget): (accounts: ExportAccount[], options: ExportOptions) => Promise<ExportResult> {
  // A programming error, not bad input: the app always passes its Worker's writer for KeePass.
  if (target === 'keepass') return () => Promise.reject(new AppError('unknown'));
  return (accounts, options) => ON_THIS_THREAD[target].write(accounts, options);
}

/**
 * Every account of the vault as a file another app reads; accounts the format cannot hold are
 * listed. Throws `vault/reauth-required` without a recent proof.
 */
export async function exportForApp(
  vault: Pick<VaultService, 'listAccounts' | 'requireRecentProof'>,
  target: AppExportTarget,
  password?: string,
  /** The app's host name, which a CXF file names as its exporter's relying-party id. */
  rpId?: string,
  /** Where the file is written: the exporter on this thread unless the caller runs it elsewhere (a Worker; always for KeePass). */
  write: (accounts: ExportAccount[], options: ExportOptions) => Promise<ExportResult> = writeOnThisThread(target),
): Promise<{ bytes: Uint8Array; fileName: string; mime: string; written: number; skipped: ExportSkip[] }> {
  // Every secret leaves in this file: a recent passphrase or passkey is required.
  vault.requireRecentProof();
  const accounts = await vault.listAccounts();
  const options: ExportOptions = {};
  if (password !== undefined) options.password = password;
  if (rpId !== undefined) options.rpId = rpId;
  const { file, skipped } = await write(accounts, options);
  return { bytes: file.bytes, fileName: file.fileName, mime: file.mime, written: accounts.length - skipped.length, skipped };
}
