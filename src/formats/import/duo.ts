/**
 * @file Duo Mobile's accounts file (docs/formats.md), `files/duokit/accounts.json` on Android,
 * from a rooted phone or a device backup: a JSON array of accounts. Third-party ones carry
 * `otpGenerator.otpSecret` (base32) and, for counter-based codes, `otpGenerator.counter`; Duo's
 * own accounts (Duo Push, `pkey`/`akey` without a generator) approve sign-ins by notification
 * and have no key to move. Duo keeps no issuer, algorithm or digits: SHA-1, 6 digits, 30 s.
 */
import { AppError } from '../../core/errors';
import { accountDraft, canonicalB32, collectAccounts, entryLabel } from './drafts';
import { int, isRecord, requireJson, str, typed } from './input';
import type { Importer } from './types';

function isDuoAccount(e: unknown): e is Record<string, unknown> {
  return isRecord(e) && (isRecord(e.otpGenerator) || (typeof e.pkey === 'string' && typeof e.accountType === 'string'));
}

function isDuo(json: unknown): json is unknown[] {
  return Array.isArray(json) && json.length > 0 && json.every(isDuoAccount);
}

export const duoImporter: Importer = {
  id: 'duo',
  label: 'Duo Mobile (app data)',
  sniff({ json }) {
    return isDuo(json) ? { encrypted: false } : null;
  },
  async read(input) {
    const json = requireJson(input);
    if (!isDuo(json)) throw new AppError('import/damaged');
    return typed(() =>
      collectAccounts(
        'duo',
        json,
        (e) => {
          const gen = isRecord(e) ? e.otpGenerator : undefined;
          if (!isRecord(gen)) throw new AppError('import/push-only');
          const hotp = gen.counter !== undefined && gen.counter !== null;
          const fields = { name: str(isRecord(e) ? e.name : '').trim(), secretB32: canonicalB32(str(gen.otpSecret)) };
          return { data: hotp ? accountDraft('hotp', { ...fields, counter: int(gen.counter, 0) }) : accountDraft('totp', fields) };
        },
        (e, i) => entryLabel('', isRecord(e) ? str(e.name) : '', i),
      ),
    );
  },
};
