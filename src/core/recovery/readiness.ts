/**
 * @file "Ready to recover?" (issue #16 step 7): what the app knows about whether this vault could
 * be recovered, turned into four facts, each ok or needing attention. Pure: the caller gathers the
 * dates, counts and flags (last export, accounts in no backup, the kit's slot, when the passphrase
 * was last typed, passkeys, navigator.storage.persisted()) and passes `now`, so every state is
 * testable without a browser. The panel (ui/recovery/omamori-ready-panel.ts) words each state.
 */

/** The passphrase not typed for this long is worth a "Do you still know it?" (issue #16: months). */
export const PASSPHRASE_STALE_MS = 90 * 24 * 60 * 60 * 1000;

export interface ReadinessInputs {
  now: number;
  /** Accounts in the vault now. */
  accounts: number;
  /** The last export from this device (services/backup/health.ts), null when none. */
  lastExportAt: number | null;
  /** Accounts added or changed since that export (accountsNotInBackup). */
  notInBackup: number;
  /** The vault's recovery kit, null without one. */
  kit: { createdAt: number; checkedAt: number } | null;
  /** The last successful passphrase unlock, proof, check or change; null when never recorded. */
  passphraseTypedAt: number | null;
  /** Passkey slots: with one, a person may go months without typing the passphrase. */
  passkeys: number;
  /** navigator.storage.persisted(); undefined when the browser cannot say. */
  persisted: boolean | undefined;
}

export type ReadinessFact =
  /** 'empty': no account, nothing to lose; 'missing': some accounts are in no backup. */
  | { id: 'backup'; ok: boolean; state: 'empty' | 'none' | 'missing' | 'complete'; at: number | null; missing: number }
  /** 'old-backup': the last backup predates the kit, so the kit does not open it. */
  | { id: 'kit'; ok: boolean; state: 'none' | 'unchecked' | 'old-backup' | 'ready'; createdAt: number | null }
  | { id: 'passphrase'; ok: boolean; state: 'recent' | 'stale' | 'unknown'; at: number | null; passkeys: boolean }
  | { id: 'storage'; ok: boolean; state: 'persistent' | 'not-persistent' | 'unknown' };

export type ReadinessId = ReadinessFact['id'];

function backupFact(i: ReadinessInputs): ReadinessFact {
  const at = i.lastExportAt;
  if (i.accounts === 0) return { id: 'backup', ok: true, state: 'empty', at, missing: 0 };
  if (at === null) return { id: 'backup', ok: false, state: 'none', at, missing: i.accounts };
  if (i.notInBackup > 0) return { id: 'backup', ok: false, state: 'missing', at, missing: i.notInBackup };
  return { id: 'backup', ok: true, state: 'complete', at, missing: 0 };
}

function kitFact(i: ReadinessInputs): ReadinessFact {
  const kit = i.kit;
  if (kit === null) return { id: 'kit', ok: false, state: 'none', createdAt: null };
  if (kit.checkedAt <= 0) return { id: 'kit', ok: false, state: 'unchecked', createdAt: kit.createdAt };
  // No backup at all is the backup fact's to say; a backup older than the kit has no kit slot.
  if (i.accounts > 0 && i.lastExportAt !== null && i.lastExportAt < kit.createdAt) {
    return { id: 'kit', ok: false, state: 'old-backup', createdAt: kit.createdAt };
  }
  return { id: 'kit', ok: true, state: 'ready', createdAt: kit.createdAt };
}

function passphraseFact(i: ReadinessInputs): ReadinessFact {
  const at = i.passphraseTypedAt;
  const passkeys = i.passkeys > 0;
  if (at === null) return { id: 'passphrase', ok: false, state: 'unknown', at, passkeys };
  // A date in the future (a clock set back) proves nothing about memory: count it as recent.
  const stale = i.now - at > PASSPHRASE_STALE_MS;
  return { id: 'passphrase', ok: !stale, state: stale ? 'stale' : 'recent', at, passkeys };
}

function storageFact(i: ReadinessInputs): ReadinessFact {
  if (i.persisted === undefined) return { id: 'storage', ok: false, state: 'unknown' };
  return { id: 'storage', ok: i.persisted, state: i.persisted ? 'persistent' : 'not-persistent' };
}

/** The four facts, always in this order: backup, kit, passphrase, storage. */
export function readinessFacts(inputs: ReadinessInputs): ReadinessFact[] {
  return [backupFact(inputs), kitFact(inputs), passphraseFact(inputs), storageFact(inputs)];
}
