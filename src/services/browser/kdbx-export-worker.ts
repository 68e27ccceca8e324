/**
 * @file Module Worker entry: writing a KeePass database (formats/export/keepass.ts) off the page.
 * kdbxweb would otherwise build its XML with the page's DOMParser, a Trusted Types sink the CSP
 * blocks (docs/security.md); in a Worker, where there is none, it uses its bundled XML parser.
 * Its Argon2id (64 MiB) also stays off the page. One export per worker: the page terminates it
 * after the answer. Errors leave as AppError codes only.
 */
import { toAppError, type ErrorCode } from '../../core/errors';
import { keepassExporter } from '../../formats/export/keepass';
import type { ExportAccount, ExportResult } from '../../formats/export/types';

export interface KdbxExportRequest {
  accounts: ExportAccount[];
  password: string;
}
export type KdbxExportResponse = { type: 'done'; result: ExportResult } | { type: 'error'; code: ErrorCode };

/** What this file uses of DedicatedWorkerGlobalScope (compiled with the DOM library, which lacks it). */
interface WorkerScope {
  postMessage(message: KdbxExportResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<KdbxExportRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
scope.addEventListener('message', (event) => {
  keepassExporter.write(event.data.accounts, { password: event.data.password }).then(
    (result) => scope.postMessage({ type: 'done', result }),
    (err: unknown) => scope.postMessage({ type: 'error', code: toAppError(err).code }),
  );
});
