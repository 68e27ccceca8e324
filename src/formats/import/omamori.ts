/**
 * @file Omamori's own encrypted export (docs/export-format.md) through the import path, so
 * one "Import" button reads every file. The password is the file's passphrase, or its transfer
 * code when the file has a transfer-code slot (tried first when the text looks like one: it
 * costs an HKDF, not an Argon2id).
 */
import { createInProcessKdf } from '../../core/crypto/kdf';
import { AppError, isAppError, type ErrorCode } from '../../core/errors';
import { inspectExportFile, readExportFile, type ExportPayload, type ExportSecret } from '../../core/export-file';
import { normalizeTransferCode } from '../../core/transfer-code';
import { requirePassword } from './crypto';
import { collectAccounts, entryLabel } from './drafts';
import { isRecord } from './input';
import { budgetRefusal } from './kdf-limits';
import type { ImportOptions, Importer } from './types';

/** The backup's errors in import terms; `file/kdf-params` stays itself: its sentence names Omamori. */
const FILE_TO_IMPORT: Partial<Record<ErrorCode, ErrorCode>> = {
  'file/wrong-passphrase': 'import/wrong-password',
  'file/wrong-transfer-code': 'import/wrong-password',
  'file/invalid-transfer-code': 'import/wrong-password',
  'file/damaged': 'import/damaged',
  'file/not-omamori': 'import/damaged',
  'file/unsupported-version': 'import/unsupported',
  'file/verify-failed': 'import/damaged',
  'file/empty': 'import/no-accounts',
};

function toImportError(err: unknown): AppError {
  if (!isAppError(err)) return new AppError('import/damaged');
  const code = FILE_TO_IMPORT[err.code];
  return code === undefined ? err : new AppError(code);
}

function looksLikeTransferCode(text: string): boolean {
  try {
    normalizeTransferCode(text);
    return true;
  } catch {
    return false;
  }
}

function secretsToTry(slots: readonly string[], password: string): ExportSecret[] {
  const asCode: ExportSecret = { kind: 'transfer-code', code: password };
  const asPassphrase: ExportSecret = { kind: 'passphrase', passphrase: password };
  const out: ExportSecret[] = [];
  const code = slots.includes('transfer-code') && looksLikeTransferCode(password);
  if (code) out.push(asCode);
  if (slots.includes('passphrase')) out.push(asPassphrase);
  if (!code && slots.includes('transfer-code')) out.push(asCode);
  return out;
}

export const omamoriImporter: Importer = {
  id: 'omamori',
  label: 'Omamori',
  sniff(input) {
    const { json } = input;
    if (!isRecord(json) || json.format !== 'omamori-export') return null;
    // A file over the KDF budget is refused at once with the backup's own sentence
    // (`file/kdf-params`, which names Omamori), before the import screen asks for a password.
    return { encrypted: true, ...budgetRefusal(() => inspectExportFile(input.bytes)) };
  },
  async read(input, options: ImportOptions) {
    let slots: string[];
    try {
      slots = inspectExportFile(input.bytes).slots;
    } catch (err) {
      throw toImportError(err);
    }
    const password = requirePassword(options.password);
    const kdf = options.kdf ?? createInProcessKdf();
    let payload: ExportPayload | undefined;
    let last: unknown = new AppError('import/wrong-password');
    for (const secret of secretsToTry(slots, password)) {
      try {
        payload = await readExportFile(input.bytes, secret, options.signal === undefined ? { kdf } : { kdf, signal: options.signal });
        break;
      } catch (err) {
        last = err;
        const code = isAppError(err) ? err.code : 'unknown';
        if (code !== 'file/wrong-passphrase' && code !== 'file/wrong-transfer-code' && code !== 'file/invalid-transfer-code') break;
      }
    }
    if (payload === undefined) throw toImportError(last);
    return collectAccounts(
      'omamori',
      payload.accounts,
      (a) => ({ data: a, extras: { groups: a.groups, notes: a.notes, favourite: a.favourite } }),
      (a, i) => entryLabel(a.issuer, a.name, i),
    );
  },
};
