/**
 * @file What the "move to another app" screen shows or saves: Google-compatible transfer codes and
 * the plain otpauth:// list (the format modules do the encoding; the UI only displays).
 */
import type { AccountData } from '../../core/account';
import { encodeMigrationUris } from '../../formats/google-migration/codec';
import type { MigrationSkipReason } from '../../formats/google-migration/types';
import { formatOtpauthList } from '../../formats/otpauth-list';

export type { MigrationSkipReason };

export function migrationUrisFor(accounts: readonly AccountData[], perCode: number): ReturnType<typeof encodeMigrationUris> {
  return encodeMigrationUris([...accounts], { perCode });
}

export function otpauthListFor(accounts: readonly AccountData[]): string {
  return formatOtpauthList(accounts);
}
