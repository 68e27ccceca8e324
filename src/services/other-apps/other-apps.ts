/**
 * @file Importing another app's export (src/formats/import): read → preview against the vault →
 * one transaction. Nothing is written before the user confirms the preview. This module reads on
 * the calling thread (Node, tests); the app reads in the import worker (import-session.ts,
 * services/browser/other-apps.ts) and shares the comparison and the commit (app-preview.ts).
 */
import type { KdfRunner } from '../../core/crypto/kdf';
import { readImport } from '../../formats/import/registry';
import { compareWithVault, type AppImportPreview, type VaultForAppImport } from './app-preview';

export { commitAppImport, compareWithVault, type AppImportPreview, type VaultForAppImport } from './app-preview';
export { exportForApp, type AppExportTarget, type ExportSkip } from './app-export';

/** Reads the file (throws typed errors: wrong password, unknown format …) and compares it with the vault. */
export async function previewAppImport(
  vault: VaultForAppImport,
  file: { bytes: Uint8Array; fileName?: string },
  opts: { password?: string; kdf?: KdfRunner; signal?: AbortSignal } = {},
): Promise<AppImportPreview> {
  const input = file.fileName === undefined ? { bytes: file.bytes } : { bytes: file.bytes, fileName: file.fileName };
  return compareWithVault(vault, await readImport(input, opts));
}
