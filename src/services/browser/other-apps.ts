/**
 * @file Other apps' files for this browser: reading runs in the import worker (import-worker.ts),
 * cancellable; the preview against the app's vault and the commit run on the page, so the UI
 * passes neither a worker nor the vault. No importer is imported here: they load in the worker
 * only (and the worker's chunks are the only copies the service worker precaches).
 */
import { AppError } from '../../core/errors';
import type { ExportAccount, ExportOptions, ExportResult } from '../../formats/export/types';
import { IMPORTER_LABELS } from '../../formats/import/app-names';
import { exportForApp, type AppExportTarget } from '../other-apps/app-export';
import { commitAppImport, compareWithVault, type AppImportPreview } from '../other-apps/app-preview';
import { ImportSession, type ImportResponse, type SpawnImportPort } from '../other-apps/import-session';
import { getVault } from './vault';
import type { KdbxExportRequest, KdbxExportResponse } from './kdbx-export';

export type { AppExportTarget, ExportSkip } from '../other-apps/app-export';
export type { AppImportPreview } from '../other-apps/app-preview';

/** The apps whose exports are read, by name (for the import screen's list; the importers stay in the worker). */
export function importableApps(): string[] {
  return [...IMPORTER_LABELS];
}

/** One file on the import screen: recognise it, then preview it (with a password when it asks for one). */
export interface AppImport {
  /** `keyFile`: the file may be locked by a key file (KeePass), which preview then takes. */
  recognise(): Promise<{ app: string; encrypted: boolean; keyFile: boolean }>;
  preview(password?: string, keyFile?: Uint8Array): Promise<AppImportPreview>;
  /** Terminates the worker; what is pending rejects with `aborted`. Nothing is written. */
  cancel(): void;
}

/**
 * A fresh module Worker per session (and per read): its memory goes with it. There is no
 * main-thread fallback: it would put a second copy of every importer and its lazy chunks
 * (zip.js and kdbxweb are 0.3 MB) into the page's build and the precache, for browsers that run
 * Omamori's vault but have no module Workers, which are none of those it supports.
 */
const spawnWorker: SpawnImportPort = (onMessage, onCrash) => {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ImportResponse>) => onMessage(event.data);
  worker.onerror = () => onCrash();
  worker.onmessageerror = () => onCrash();
  return { post: (message) => worker.postMessage(message), terminate: () => worker.terminate() };
};

export function startImport(file: { bytes: Uint8Array; fileName: string }): AppImport {
  const session = new ImportSession(file, spawnWorker);
  return {
    recognise: () => session.recognise(),
    preview: async (password, keyFile) => compareWithVault(getVault(), await session.read(password, keyFile)),
    cancel: () => session.cancel(),
  };
}

export function commitImport(preview: AppImportPreview): Promise<number> {
  return commitAppImport(getVault(), preview);
}

/**
 * A KeePass database is written in a fresh import Worker (import-worker.ts, kdbx-export.ts):
 * kdbxweb's XML and Argon2id stay off the page. The worker is ended after its answer.
 */
function writeKeepassInWorker(accounts: ExportAccount[], options: ExportOptions): Promise<ExportResult> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ExportResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<KdbxExportResponse>) => {
      worker.terminate();
      if (event.data.type === 'done') resolve(event.data.result);
      else reject(new AppError(event.data.code));
    };
    worker.onerror = () => {
      worker.terminate();
      reject(new AppError('unknown'));
    };
    const request: KdbxExportRequest = { type: 'kdbx-export', accounts, password: options.password ?? '' };
    worker.postMessage(request);
  });
}

/** Needs a recent proof (`vault/reauth-required`). */
export function exportFileFor(target: AppExportTarget, password?: string): ReturnType<typeof exportForApp> {
  return exportForApp(getVault(), target, password, location.hostname, target === 'keepass' ? writeKeepassInWorker : undefined);
}
