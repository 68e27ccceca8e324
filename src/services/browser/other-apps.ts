/**
 * @file Other apps' files for this browser: the import and export functions of
 * services/other-apps bound to the app's vault and to the Argon2id worker, so the UI passes
 * neither.
 */
import type { KdfRunner } from '../../core/crypto/kdf';
import { commitAppImport, exportForApp, previewAppImport, type AppExportTarget, type AppImportPreview } from '../other-apps/other-apps';
import { createWorkerKdf } from './kdf-worker';
import { getVault } from './vault';

export { importableApps, recogniseExport, type AppExportTarget, type AppImportPreview, type ExportSkip } from '../other-apps/other-apps';

let kdf: KdfRunner | undefined;

export function previewImport(
  file: { bytes: Uint8Array; fileName?: string },
  opts: { password?: string; signal?: AbortSignal } = {},
): Promise<AppImportPreview> {
  kdf ??= createWorkerKdf();
  return previewAppImport(getVault(), file, { ...opts, kdf });
}

export function commitImport(preview: AppImportPreview): Promise<number> {
  return commitAppImport(getVault(), preview);
}

/** Needs a recent proof (`vault/reauth-required`). */
export function exportFileFor(target: AppExportTarget, password?: string): ReturnType<typeof exportForApp> {
  return exportForApp(getVault(), target, password);
}
