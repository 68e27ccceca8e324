/**
 * @file The paper backup of the accounts (docs/export-format.md, "Paper backup"): the whole vault
 * as an export file sealed to the recovery kit only (BackupService.exportToKit), cut into QR codes
 * for print (formats/paper), and read back from them in any order. A lost sheet alone opens
 * nothing: the codes are ciphertext, and only the kit's sheets hold the key.
 */
import { bytesToHex } from '../../core/hex';
import type { KdfOptions } from '../../core/crypto/kdf';
import { AppError } from '../../core/errors';
import { formatOtpauthUri } from '../../core/otpauth-uri';
import { paperParts, PaperPartDecoder } from '../../formats/paper/paper';
import type { BackupService, VaultForBackup } from './backup';

export { PaperPartDecoder, type PartResult } from '../../formats/paper/paper';

export interface PaperBackup {
  /** Every code's text, in print order ("code 3 of 24"). Ciphertext only. */
  parts: string[];
  /** Accounts in it, as printed on each page. */
  count: number;
  /** The recovery kit it is sealed to, as printed on the kit's sheets. */
  fingerprint: string;
  at: number;
}

export async function makePaperBackup(backup: BackupService, vault: VaultForBackup, opts: KdfOptions = {}): Promise<PaperBackup> {
  const { bytes, count, fingerprint, at } = await backup.exportToKit(vault, opts);
  // A random tag names this backup in every code, so that codes of two printouts are not mixed.
  const tag = bytesToHex(crypto.getRandomValues(new Uint8Array(4)));
  return { parts: await paperParts(bytes, tag), count, fingerprint, at };
}

export function createPaperReader(): Promise<PaperPartDecoder> {
  return PaperPartDecoder.create();
}

/** One account of the unencrypted sheet: its name as shown, and the otpauth:// link its code holds. */
export interface PlainSheetEntry {
  issuer: string;
  name: string;
  uri: string;
}

/**
 * The unencrypted sheet, for those who insist (the screen warns and asks first): every account's
 * otpauth:// link, to print one QR code each. Every secret in clear, so a recent proof is needed,
 * as for the plain link list.
 */
export async function plainSheet(vault: Pick<VaultForBackup, 'listAccounts' | 'requireRecentProof'>): Promise<PlainSheetEntry[]> {
  vault.requireRecentProof();
  const accounts = await vault.listAccounts();
  if (accounts.length === 0) throw new AppError('file/empty');
  return accounts.map((a) => ({ issuer: a.issuer, name: a.name, uri: formatOtpauthUri(a) }));
}
