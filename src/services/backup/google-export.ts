/**
 * @file Moving accounts out without an Omamori file: Google-compatible migration QR codes and the
 * plain otpauth:// list. Both hand out every secret, so both need a recent proof (the vault's
 * re-authentication policy); the format modules do the encoding, the UI only displays.
 */
import type { Account, AccountData } from '../../core/account';
import { encodeMigrationUris } from '../../formats/google-migration/codec';
import type { MigrationSkipReason } from '../../formats/google-migration/types';
import { formatOtpauthList } from '../../formats/export/simple';
import type { VaultService } from '../vault/vault';

export type { MigrationSkipReason };

export type VaultForExport = Pick<VaultService, 'listAccounts' | 'requireRecentProof'>;

/** The accounts to export (all, or those of `ids`); throws `vault/reauth-required` without a recent proof. */
async function accountsToExport(vault: VaultForExport, ids?: readonly string[]): Promise<Account[]> {
  vault.requireRecentProof();
  const all = await vault.listAccounts();
  return ids === undefined ? all : all.filter((a) => ids.includes(a.id));
}

/** Google Authenticator migration URIs, `perCode` accounts each; accounts the format cannot hold are listed. */
export async function googleMigrationCodes(
  vault: VaultForExport,
  opts: { ids?: readonly string[]; perCode: number },
): Promise<{ uris: string[]; skipped: { account: AccountData; reason: MigrationSkipReason }[] }> {
  return encodeMigrationUris(await accountsToExport(vault, opts.ids), { perCode: opts.perCode });
}

/** The unencrypted otpauth:// list of the chosen accounts. */
export async function otpauthListFile(vault: VaultForExport, ids?: readonly string[]): Promise<{ text: string; count: number }> {
  const accounts = await accountsToExport(vault, ids);
  return { text: formatOtpauthList(accounts), count: accounts.length };
}
