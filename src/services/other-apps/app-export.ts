/** @file Writing the vault as a file for Aegis, 2FAS, a CXF reader or KeePass (src/formats/export), behind a recent proof. */
import { exporterFor, type ExportAccount, type ExportOptions, type ExportResult, type ExportSkip } from '../../formats/export/registry';
import type { VaultService } from '../vault/vault';

export type { ExportSkip };

export type AppExportTarget = 'aegis-encrypted' | 'aegis' | '2fas' | 'cxf' | 'keepass';

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
  /** Where the file is written: the exporter on this thread unless the caller runs it elsewhere (a Worker). */
  write: (accounts: ExportAccount[], options: ExportOptions) => Promise<ExportResult> = (accounts, options) => exporterFor(target).write(accounts, options),
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
