import { describe, expect, it } from 'vitest';
import { PASSPHRASE_STALE_MS, readinessFacts, type ReadinessFact, type ReadinessId, type ReadinessInputs } from '../../../../src/core/recovery/readiness';

const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 24 * 60 * 60 * 1000;

/** A vault where everything is in order; each test changes one input. */
const READY: ReadinessInputs = {
  now: NOW,
  accounts: 3,
  lastExportAt: NOW - DAY,
  notInBackup: 0,
  kit: { createdAt: NOW - 2 * DAY, checkedAt: NOW - 2 * DAY },
  passphraseTypedAt: NOW - 3 * DAY,
  passkeys: 0,
  persisted: true,
};

function fact<I extends ReadinessId>(inputs: Partial<ReadinessInputs>, id: I): Extract<ReadinessFact, { id: I }> {
  const found = readinessFacts({ ...READY, ...inputs }).find((f) => f.id === id);
  if (found === undefined) throw new Error(`no ${id} fact`);
  return found as Extract<ReadinessFact, { id: I }>;
}

describe('readinessFacts', () => {
  it('gives four facts in a fixed order, all ok for a vault in order', () => {
    const facts = readinessFacts(READY);
    expect(facts.map((f) => f.id)).toEqual(['backup', 'kit', 'passphrase', 'storage']);
    expect(facts.map((f) => f.ok)).toEqual([true, true, true, true]);
  });

  describe('backup', () => {
    it('is complete when the last export holds every account', () => {
      expect(fact({}, 'backup')).toEqual({ id: 'backup', ok: true, state: 'complete', at: NOW - DAY, missing: 0 });
    });
    it('needs attention without any backup, counting every account', () => {
      expect(fact({ lastExportAt: null, notInBackup: 3 }, 'backup')).toMatchObject({ ok: false, state: 'none', at: null, missing: 3 });
    });
    it('needs attention when accounts were added or changed since, and says how many', () => {
      expect(fact({ notInBackup: 2 }, 'backup')).toMatchObject({ ok: false, state: 'missing', at: NOW - DAY, missing: 2 });
    });
    it('is fine with no account at all, backup or not', () => {
      expect(fact({ accounts: 0, lastExportAt: null, notInBackup: 0 }, 'backup')).toMatchObject({ ok: true, state: 'empty' });
    });
  });

  describe('recovery kit', () => {
    it('needs attention without a kit', () => {
      expect(fact({ kit: null }, 'kit')).toEqual({ id: 'kit', ok: false, state: 'none', createdAt: null });
    });
    it('needs attention until its sheets were checked', () => {
      expect(fact({ kit: { createdAt: NOW - 2 * DAY, checkedAt: 0 } }, 'kit')).toMatchObject({ ok: false, state: 'unchecked', createdAt: NOW - 2 * DAY });
    });
    it('needs attention when the last backup predates the kit (that file has no kit slot)', () => {
      expect(fact({ lastExportAt: NOW - 3 * DAY }, 'kit')).toMatchObject({ ok: false, state: 'old-backup' });
    });
    it('is ready when checked and the last backup was made after it', () => {
      expect(fact({}, 'kit')).toMatchObject({ ok: true, state: 'ready' });
      expect(fact({ lastExportAt: NOW - 2 * DAY }, 'kit')).toMatchObject({ ok: true, state: 'ready' });
    });
    it('leaves a missing backup to the backup fact', () => {
      expect(fact({ lastExportAt: null, notInBackup: 3 }, 'kit')).toMatchObject({ ok: true, state: 'ready' });
    });
  });

  describe('passphrase', () => {
    it('is fine when typed within 90 days', () => {
      expect(fact({ passphraseTypedAt: NOW - PASSPHRASE_STALE_MS }, 'passphrase')).toEqual({
        id: 'passphrase',
        ok: true,
        state: 'recent',
        at: NOW - PASSPHRASE_STALE_MS,
        passkeys: false,
      });
    });
    it('needs attention when not typed for more than 90 days', () => {
      expect(fact({ passphraseTypedAt: NOW - PASSPHRASE_STALE_MS - 1 }, 'passphrase')).toMatchObject({ ok: false, state: 'stale' });
    });
    it('warns a passkey user the same way, and says passkeys are in use', () => {
      expect(fact({ passphraseTypedAt: NOW - 120 * DAY, passkeys: 2 }, 'passphrase')).toMatchObject({ ok: false, state: 'stale', passkeys: true });
      expect(fact({ passkeys: 1 }, 'passphrase')).toMatchObject({ ok: true, state: 'recent', passkeys: true });
    });
    it('needs attention when never recorded', () => {
      expect(fact({ passphraseTypedAt: null }, 'passphrase')).toMatchObject({ ok: false, state: 'unknown', at: null });
    });
    it('counts a date ahead of the clock as recent', () => {
      expect(fact({ passphraseTypedAt: NOW + DAY }, 'passphrase')).toMatchObject({ ok: true, state: 'recent' });
    });
  });

  describe('storage', () => {
    it('follows navigator.storage.persisted()', () => {
      expect(fact({ persisted: true }, 'storage')).toEqual({ id: 'storage', ok: true, state: 'persistent' });
      expect(fact({ persisted: false }, 'storage')).toEqual({ id: 'storage', ok: false, state: 'not-persistent' });
      expect(fact({ persisted: undefined }, 'storage')).toEqual({ id: 'storage', ok: false, state: 'unknown' });
    });
  });
});
