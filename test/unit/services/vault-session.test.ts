/** VaultSession alone: lock state, listeners and the re-authentication window (the backoff: vault-backoff.test.ts). */
import { describe, expect, it } from 'vitest';
import { REAUTH_WINDOW_MS, VaultSession, type VaultState } from '../../../src/services/vault/session';

const KEYS = { vk: {} as CryptoKey, vaultId: 'v1' };

function session() {
  let clock = 1_000_000;
  const s = new VaultSession(() => clock);
  return { s, advance: (ms: number) => void (clock += ms) };
}

describe('VaultSession', () => {
  it('opens and closes, telling state listeners and the vault parts in order', () => {
    const { s } = session();
    const events: string[] = [];
    s.onKeysChange(() => events.push(`keys:${s.keys === null ? 'none' : s.keys.vaultId}`));
    s.subscribeState((state: VaultState) => events.push(state));
    expect(() => s.requireUnlocked()).toThrow(expect.objectContaining({ code: 'vault/locked' }));
    s.close('locked'); // nothing open: nothing happens
    s.open(KEYS);
    expect(s.requireUnlocked()).toBe(KEYS);
    s.close('locked');
    s.close('missing'); // the database vanished: reported even while locked
    expect(events).toEqual(['keys:v1', 'unlocked', 'keys:none', 'locked', 'keys:none', 'missing']);
  });

  it('needs a proof within the window; a lock forgets it', () => {
    const { s, advance } = session();
    s.open(KEYS);
    expect(s.proofNeeded()).toBe(true);
    expect(() => s.requireRecentProof()).toThrow(expect.objectContaining({ code: 'vault/reauth-required' }));
    s.markAuthenticated();
    advance(REAUTH_WINDOW_MS);
    expect(s.proofNeeded()).toBe(false);
    expect(() => s.requireRecentProof()).not.toThrow();
    advance(1);
    expect(s.proofNeeded()).toBe(true);
    s.markAuthenticated();
    s.close('locked');
    s.open(KEYS);
    expect(s.proofNeeded()).toBe(true);
  });
});
