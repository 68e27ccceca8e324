/**
 * @file LastPass Authenticator JSON export (docs/formats.md): `{accounts[], folders[]}`; each
 * account has `issuerName`/`userName` (and the `original…` names it was added with), a base32
 * `secret`, `algorithm`, `digits`, `timeStep`, `isFavorite` and `folderData.folderId`.
 * LastPass has TOTP only.
 */
import { AppError } from '../../core/errors';
import { accountDraft, canonicalB32, collectAccounts, entryLabel } from './drafts';
import { hashAlgorithm, int, isRecord, requireJson, str, typed } from './input';
import type { ImportResult, Importer } from './types';

const ACCOUNT_KEYS = ['issuerName', 'originalIssuerName', 'userName', 'originalUserName', 'timeStep'];

function isLastPass(json: unknown): json is Record<string, unknown> & { accounts: unknown[] } {
  if (!isRecord(json) || !Array.isArray(json.accounts)) return false;
  if (json.accounts.length === 0) return 'localDeviceId' in json || 'deviceName' in json;
  return json.accounts.every((a) => isRecord(a) && 'secret' in a && ACCOUNT_KEYS.some((k) => k in a));
}

function names(a: Record<string, unknown>): { issuer: string; name: string } {
  const issuer = str(a.issuerName).trim();
  const name = str(a.userName).trim();
  return { issuer: issuer !== '' ? issuer : str(a.originalIssuerName), name: name !== '' ? name : str(a.originalUserName) };
}

function readLastPass(json: unknown): ImportResult {
  if (!isLastPass(json)) throw new AppError('import/damaged');
  const folders = new Map<string, string>();
  if (Array.isArray(json.folders)) for (const f of json.folders) if (isRecord(f)) folders.set(str(f.id), str(f.name));
  return collectAccounts(
    'lastpass',
    json.accounts,
    (a) => {
      if (!isRecord(a)) throw new AppError('import/damaged');
      const algorithm = a.algorithm === undefined ? 'SHA1' : hashAlgorithm(a.algorithm);
      if (algorithm === null) throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
      const folder = isRecord(a.folderData) ? folders.get(str(a.folderData.folderId)) : undefined;
      const data = accountDraft('totp', {
        ...names(a),
        secretB32: canonicalB32(str(a.secret)),
        algorithm,
        digits: int(a.digits, 6),
        period: int(a.timeStep, 30),
      });
      return { data, extras: { groups: folder === undefined ? [] : [folder], favourite: a.isFavorite === true } };
    },
    (a, i) => (isRecord(a) ? entryLabel(names(a).issuer, names(a).name, i) : `#${i + 1}`),
  );
}

export const lastPassImporter: Importer = {
  id: 'lastpass',
  label: 'LastPass Authenticator',
  sniff(input) {
    return isLastPass(input.json) ? { encrypted: false } : null;
  },
  async read(input) {
    const json = requireJson(input);
    return typed(() => readLastPass(json));
  },
};
