/** @file Writing the vault as a file for Aegis, 2FAS or a CXF reader (src/formats/export), behind a recent proof. */
import { exporterFor, type ExportOptions, type ExportSkip } from '../../formats/export/registry';
import type { VaultService } from '../vault/vault';

export type { ExportSkip };

export type AppExportTarget = 'aegis-encrypted' | 'aegis' | '2fas' | 'cxf';

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
): Promise<{ bytes: Uint8Array; fileName: string; mime: string; written: number; skipped: ExportSkip[] }> {
  // Every secret leaves in this file: a recent passphrase or passkey is required.
  vault.requireRecentProof();
  const accounts = await vault.listAccounts();
  const options: ExportOptions = {};
  if (password !== undefined) options.password = password;
  if (rpId !== undefined) options.rpId = rpId;
  const { file, skipped } = await exporterFor(target).write(accounts, options);
  return { bytes: file.bytes, fileName: file.fileName, mime: file.mime, written: accounts.length - skipped.length, skipped };
}
