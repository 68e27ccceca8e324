/**
 * @file Several input files read as one (`omamori inspect shot1.png shot2.png shot3.png`, README
 * "Command line"): their accounts in order, each with the file it came from, and an account that
 * an earlier file already gave dropped and reported as a duplicate, by the rule the app's import
 * preview uses (`sameCredential`: same type, secret and parameters, whatever it is called). Each
 * file's own entries are left as that file has them. Google transfer codes spread over several
 * screenshots are counted together, so "3 of 3" is said once all are given.
 */
import { sameCredential } from '../core/account';
import { entryLabel } from '../formats/import/drafts';
import type { ImportedAccount, ImportProblem } from '../formats/import/types';
import type { InputResult } from './read-input';

export interface SourcedInput {
  /** The file's name as the user gave it. */
  file: string;
  result: InputResult;
}

export interface Duplicate {
  file: string;
  label: string;
  sameAs: { file: string; label: string };
}

export interface MergedInput {
  result: InputResult;
  /** The file each of `result.accounts` came from, by index. */
  accountFiles: string[];
  /** The file each of `result.problems` came from, by index. */
  problemFiles: string[];
  duplicates: Duplicate[];
}

const labelOf = (a: ImportedAccount, index: number): string => entryLabel(a.issuer, a.name, index);

function mergedTransfer(inputs: readonly SourcedInput[]): InputResult['transfer'] {
  const transfers = inputs.flatMap((i) => (i.result.transfer === undefined ? [] : [i.result.transfer]));
  const first = transfers[0];
  if (first === undefined) return undefined;
  // One export at a time is the usual case; with several, the first one's, as for one file.
  const seen = new Set(transfers.filter((t) => t.batchSize === first.batchSize).flatMap((t) => t.scanned));
  return {
    batchSize: first.batchSize,
    scanned: [...seen].sort((a, b) => a - b),
    missing: Array.from({ length: first.batchSize }, (_, i) => i).filter((i) => !seen.has(i)),
  };
}

export function mergeInputs(inputs: readonly SourcedInput[]): MergedInput {
  const accounts: ImportedAccount[] = [];
  const accountFiles: string[] = [];
  const problems: ImportProblem[] = [];
  const problemFiles: string[] = [];
  const duplicates: Duplicate[] = [];
  for (const { file, result } of inputs) {
    // Only accounts of earlier files count: a file's own entries are as its app wrote them.
    const earlier = accounts.length;
    result.accounts.forEach((a, i) => {
      const same = accounts.slice(0, earlier).findIndex((b) => sameCredential(a, b));
      if (same >= 0) {
        duplicates.push({ file, label: labelOf(a, i), sameAs: { file: accountFiles[same] ?? '', label: labelOf(accounts[same] as ImportedAccount, same) } });
        return;
      }
      accounts.push(a);
      accountFiles.push(file);
    });
    problems.push(...result.problems);
    problemFiles.push(...result.problems.map(() => file));
  }
  const formats = [...new Set(inputs.map((i) => i.result.format))];
  const result: InputResult = {
    format: formats.length === 1 ? (formats[0] ?? '') : 'several',
    encrypted: inputs.some((i) => i.result.encrypted),
    accounts,
    problems,
  };
  const transfer = mergedTransfer(inputs);
  if (transfer !== undefined) result.transfer = transfer;
  // Entries that are not accounts (a KeePass database's password-only entries), summed over the files.
  const notAccounts = inputs.flatMap((i) => (i.result.notAccounts === undefined ? [] : [i.result.notAccounts]));
  if (notAccounts.length > 0) result.notAccounts = notAccounts.reduce((a, b) => a + b, 0);
  const qrTexts = inputs.flatMap((i) => i.result.qrTexts ?? []);
  if (qrTexts.length > 0) result.qrTexts = qrTexts;
  return { result, accountFiles, problemFiles, duplicates };
}
