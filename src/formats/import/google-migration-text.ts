/**
 * @file Text files of Google Authenticator transfer links, one `otpauth-migration://offline?data=…`
 * per line (what extract_otp_secrets, Stratum and QR-reader apps save). Plain otpauth:// lines in
 * the same file are read too. A line with text before the link (`QR-Code:otpauth-migration://…`,
 * as QR readers write) is read from the link on.
 */
import { collectAccounts, entryLabel } from './drafts';
import { significantLines } from './link-lists';
import type { AccountData } from '../../core/account';
import { parseOtpauthUri } from '../../core/otpauth-uri';
import { AppError, isAppError, type ErrorCode } from '../../core/errors';
import { decodeMigrationUri } from '../google-migration/codec';
import type { EntryProblem } from '../google-migration/types';
import type { Importer, ParsedInput } from './types';

const MIGRATION = /otpauth-migration:\/\//i;
/** A transfer link at the start of a line, or after a short prefix such as "QR-Code:" (not inside JSON or prose). */
const MIGRATION_LINE = /^[^\s"'{}[\]]{0,40}otpauth-migration:\/\//i;
const PROBLEM_CODES: Readonly<Record<EntryProblem['code'], ErrorCode>> = {
  'unsupported-algorithm': 'import/unsupported',
  'unsupported-digits': 'import/unsupported',
  'unsupported-type': 'import/unsupported',
  'invalid-secret': 'account/invalid-secret',
  'invalid-entry': 'import/damaged',
};

type Item = { account: AccountData } | { problem: ErrorCode; label: string };

function migrationLines(input: ParsedInput): { line: number; text: string }[] | null {
  const { text } = input;
  if (text === null) return null;
  if (/^\s*[{[]/.test(text)) return null;
  const lines = significantLines(text);
  return lines.some((l) => MIGRATION_LINE.test(l.text)) ? lines : null;
}

export const googleMigrationTextImporter: Importer = {
  id: 'google-migration-text',
  label: 'Google Authenticator (transfer links as text)',
  sniff(input) {
    return migrationLines(input) === null ? null : { encrypted: false };
  },
  async read(input) {
    const lines = migrationLines(input);
    if (lines === null) throw new AppError('import/damaged');
    const items: Item[] = [];
    let unreadableLines = 0;
    for (const { line, text } of lines) {
      const at = text.search(MIGRATION);
      try {
        if (at < 0) {
          items.push({ account: parseOtpauthUri(text) });
          continue;
        }
        const batch = decodeMigrationUri(text.slice(at));
        for (const account of batch.accounts) items.push({ account });
        for (const p of batch.problems) items.push({ problem: PROBLEM_CODES[p.code], label: p.excerpt || `#${line}` });
      } catch (err) {
        unreadableLines++;
        items.push({ problem: isAppError(err) && !err.code.startsWith('migration/') ? err.code : 'import/damaged', label: `#${line}` });
      }
    }
    // Not one line could be read: the file is broken rather than holding a few bad entries.
    if (unreadableLines === lines.length) throw new AppError('import/damaged');
    return collectAccounts(
      'google-migration-text',
      items,
      (item) => {
        if ('problem' in item) throw new AppError(item.problem);
        return { data: item.account };
      },
      (item, i) => ('label' in item ? item.label : entryLabel(item.account.issuer, item.account.name, i)),
    );
  },
};
