/**
 * @file The secret for opening a backup with the recovery kit: the sheets' texts (typed words or
 * scanned QR text) become the recovery key here, in the services, so that the screens handle only
 * text. Throws the sheets' typed errors (core/recovery: a word named by position, sheets of two
 * kits, too few sheets).
 */
import type { ExportSecret } from '../../core/export-file';
import { readSheet, recoverKey } from '../../core/recovery/kit';

export async function recoverySecret(texts: readonly string[]): Promise<ExportSecret> {
  return { kind: 'recovery-key', key: await recoverKey(texts.map(readSheet)) };
}
