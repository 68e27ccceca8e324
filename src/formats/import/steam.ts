/**
 * @file Steam Desktop Authenticator / steamguard `.maFile` (docs/formats.md): one account's
 * JSON with a base64 `shared_secret` and `account_name`, or a wrapper `{accounts: {id: …}}`.
 * Only the code secret is imported; `identity_secret`, `revocation_code` etc. stay behind.
 */
import { AppError } from '../../core/errors';
import { accountDraft, bytesToSecretB32, collectAccounts, entryLabel } from './drafts';
import { base64ToBytes, isRecord, requireJson, str, typed } from './input';
import type { ImportResult, Importer } from './types';

function isMaFile(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.shared_secret === 'string';
}

function entriesOf(json: unknown): unknown[] | null {
  if (isMaFile(json)) return [json];
  if (isRecord(json) && isRecord(json.accounts)) {
    const values = Object.values(json.accounts);
    if (values.length > 0 && values.every(isMaFile)) return values;
  }
  return null;
}

function readSteam(json: unknown): ImportResult {
  const entries = entriesOf(json);
  if (entries === null) throw new AppError('import/damaged');
  return collectAccounts(
    'steam',
    entries,
    (e) => {
      if (!isMaFile(e)) throw new AppError('import/damaged');
      const secret = base64ToBytes(str(e.shared_secret));
      if (secret === null) throw new AppError('account/invalid-secret', { field: 'secret' });
      return { data: accountDraft('steam', { issuer: 'Steam', name: str(e.account_name), secretB32: bytesToSecretB32(secret) }) };
    },
    (e, i) => entryLabel('Steam', isRecord(e) ? str(e.account_name) : '', i),
  );
}

export const steamImporter: Importer = {
  id: 'steam',
  label: 'Steam (.maFile)',
  sniff(input) {
    return entriesOf(input.json) === null ? null : { encrypted: false };
  },
  async read(input) {
    const json = requireJson(input);
    return typed(() => readSteam(json));
  },
};
