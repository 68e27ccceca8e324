/**
 * @file Turning what the user scanned or pasted into accounts: the parsing the enrollment
 * screens need, kept out of the UI (docs/architecture.md: ui shows, services and formats parse).
 */
import type { AccountData } from '../../core/account';
import { toAppError, type AppError } from '../../core/errors';
import { parseOtpauthUri } from '../../core/otpauth-uri';
import { classifyQrText } from '../../core/qr-content';
import { decodeMigrationUri } from '../../formats/google-migration/codec';
import type { MigrationBatch } from '../../formats/google-migration/types';

export { MigrationSession } from '../../formats/google-migration/session';
export type { MigrationBatch };

export type ScannedItem = { kind: 'account'; account: AccountData } | { kind: 'batch'; batch: MigrationBatch } | { kind: 'error'; error: AppError };

/** The scanner's texts, in order: accounts, Google transfer batches, or a typed error each. */
export function readScannedTexts(texts: readonly string[]): ScannedItem[] {
  const items: ScannedItem[] = [];
  for (const text of texts) {
    const content = classifyQrText(text);
    try {
      if (content.kind === 'otpauth') items.push({ kind: 'account', account: parseOtpauthUri(content.text) });
      else if (content.kind === 'migration') items.push({ kind: 'batch', batch: decodeMigrationUri(content.text) });
    } catch (err) {
      items.push({ kind: 'error', error: toAppError(err) });
    }
  }
  return items;
}
