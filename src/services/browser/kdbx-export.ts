/**
 * @file Writing a KeePass database (formats/export/keepass.ts) off the page, inside the import
 * Worker (import-worker.ts), which answers this one message besides the import protocol: one
 * Worker bundle, so kdbxweb and hash-wasm are built and precached once (issue 13) instead of once
 * per Worker. Off the page because kdbxweb would otherwise build its XML with the page's
 * DOMParser, a Trusted Types sink the CSP blocks (docs/security.md); in a Worker, where there is
 * none, it uses its bundled XML parser. Its Argon2id (64 MiB) also stays off the page. One export
 * per worker: the page terminates it after the answer. Errors leave as AppError codes only.
 */
import { toAppError, type ErrorCode } from '../../core/errors';
import type { ExportAccount, ExportResult } from '../../formats/export/types';

export interface KdbxExportRequest {
  type: 'kdbx-export';
  accounts: ExportAccount[];
  password: string;
}
export type KdbxExportResponse = { type: 'done'; result: ExportResult } | { type: 'error'; code: ErrorCode };

/** In the Worker: the exporter (and kdbxweb) load with the first export, never for an import. */
export async function writeKdbx(request: KdbxExportRequest): Promise<KdbxExportResponse> {
  try {
    const { keepassExporter } = await import('../../formats/export/keepass');
    return { type: 'done', result: await keepassExporter.write(request.accounts, { password: request.password }) };
  } catch (err) {
    return { type: 'error', code: toAppError(err).code };
  }
}
