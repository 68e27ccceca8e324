/**
 * @file Module Worker entry: reading another app's file off the page (protocol in
 * services/other-apps/import-session.ts, handler in import-handler.ts), and writing a KeePass
 * database (kdbx-export.ts: one Worker bundle, so kdbxweb is built and precached once). Its importers, their KDFs and their lazy chunks
 * (scrypt, hash-wasm, @noble/ciphers, zip.js, xmldom) load here, never in the page's start-up bundle, and are
 * precached with the rest of the build. Key derivations run in-process in this worker: the page
 * cancels all of it by terminating the worker.
 */
import { createImportHandler } from '../other-apps/import-handler';
import type { ImportRequest, ImportResponse } from '../other-apps/import-session';
import { writeKdbx, type KdbxExportRequest, type KdbxExportResponse } from './kdbx-export';

/** What this file uses of DedicatedWorkerGlobalScope (compiled with the DOM library, which lacks it). */
interface WorkerScope {
  postMessage(message: ImportResponse | KdbxExportResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportRequest | KdbxExportRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
const handle = createImportHandler((message) => scope.postMessage(message));
scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'kdbx-export') void writeKdbx(request).then((answer) => scope.postMessage(answer));
  else void handle(request);
});
