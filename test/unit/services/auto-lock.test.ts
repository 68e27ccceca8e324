/**
 * AutoLock and its pure rules: idle and hidden time by the wall clock, presence shared between
 * tabs, settings, and the lock sent to every tab. Over 300 lines because the cases share one
 * harness of fake tabs (FakeVault, FakeHub, FakeDocument) that lives here with them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  appHiddenSince,
  AutoLock,
  DEFAULT_AUTOLOCK,
  parsePresence,
  parseSettings,
  PEER_FRESH_MS,
  readShared,
  serializePresence,
  SETTINGS_KEY,
  shouldLock,
  type AutoLockSettings,
  type LockChannel,
} from '../../../src/services/auto-lock/auto-lock';
import { AppError } from '../../../src/core/errors';
import type { VaultState } from '../../../src/services/vault/vault';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
const settings = (idleMs: number | null, hiddenMs = 30_000): AutoLockSettings => ({ idleMs, hiddenMs });

describe('shouldLock', () => {
  it('locks after the idle time, not a millisecond before', () => {
    const base = { lastActivityAt: T0, hiddenAt: null, settings: settings(5 * MIN) };
    expect(shouldLock({ ...base, now: T0 + 5 * MIN - 1 })).toBeNull();
    expect(shouldLock({ ...base, now: T0 + 5 * MIN })).toBe('idle');
  });

  it('never idle-locks with "never", but still locks when hidden', () => {
    expect(shouldLock({ now: T0 + 1000 * MIN, lastActivityAt: T0, hiddenAt: null, settings: settings(null) })).toBeNull();
    expect(shouldLock({ now: T0 + 31_000, lastActivityAt: T0 + 31_000, hiddenAt: T0, settings: settings(null) })).toBe('hidden');
  });

  it('locks once hidden for the threshold; 0 means as soon as hidden', () => {
    const base = { lastActivityAt: T0, hiddenAt: T0, settings: settings(5 * MIN, 30_000) };
    expect(shouldLock({ ...base, now: T0 + 29_999 })).toBeNull();
    expect(shouldLock({ ...base, now: T0 + 30_000 })).toBe('hidden');
    expect(shouldLock({ ...base, now: T0, settings: settings(5 * MIN, 0) })).toBe('hidden');
  });
});

describe('auto-lock settings from storage', () => {
  it('defaults to 5 minutes idle and 30 s hidden', () => {
    expect(parseSettings(null)).toEqual({ idleMs: 300_000, hiddenMs: 30_000 });
    expect(DEFAULT_AUTOLOCK).toEqual({ idleMs: 300_000, hiddenMs: 30_000 });
  });

  it('keeps values within the bounds (idle 30 s – 60 min or never; hidden 0 – 5 min)', () => {
    for (const s of [settings(30_000, 0), settings(3_600_000, 300_000), settings(null, 10_000), settings(45_000, 12_345)]) {
      expect(parseSettings(JSON.stringify(s))).toEqual(s);
    }
  });

  it('replaces each out-of-bounds or mistyped field by its default', () => {
    const cases: [unknown, AutoLockSettings][] = [
      [{ idleMs: 29_999, hiddenMs: 0 }, settings(300_000, 0)],
      [{ idleMs: 3_600_001, hiddenMs: 10_000 }, settings(300_000, 10_000)],
      [{ idleMs: 60_000, hiddenMs: -1 }, settings(60_000, 30_000)],
      [{ idleMs: 60_000, hiddenMs: 300_001 }, settings(60_000, 30_000)],
      [{ idleMs: 60_000.5, hiddenMs: 1.5 }, settings(300_000, 30_000)],
      [{ idleMs: '60000', hiddenMs: '0' }, settings(300_000, 30_000)],
      [{ idleMs: 'never', hiddenMs: true }, settings(300_000, 30_000)],
    ];
    for (const [stored, expected] of cases) expect(parseSettings(JSON.stringify(stored)), JSON.stringify(stored)).toEqual(expected);
    expect(parseSettings('{"idleMs": 1e999, "hiddenMs": 1e999}')).toEqual(DEFAULT_AUTOLOCK);
  });

  it('never turns auto-lock off by accident: only an explicit null means "never"', () => {
    expect(parseSettings('{"hiddenMs": 0}')).toEqual(settings(300_000, 0));
    expect(parseSettings('{"idleMs": null}')).toEqual(settings(null, 30_000));
    expect(parseSettings('{"idleMs": 0}').idleMs).toBe(300_000);
  });

  it('falls back to the defaults for corrupted storage', () => {
    for (const raw of ['', '{', 'null', '[]', '"x"', '42', 'undefined', '{"idleMs":', '\u0000']) {
      expect(parseSettings(raw), JSON.stringify(raw)).toEqual(DEFAULT_AUTOLOCK);
    }
  });
});

describe('presence shared between tabs', () => {
  const entry = (visibleAt: number, activityAt: number, visible = true) => ({ visibleAt, visible, activityAt });
  const none = { activityAt: 0, peerVisibleAt: 0, peerVisibleNow: false };

  it('reads only well-formed entries', () => {
    expect(parsePresence('{')).toEqual({});
    expect(parsePresence('[[1,1,2]]')).toEqual({});
    expect(parsePresence('{"a":[1,1,2],"h":[1,0,2],"b":[1,1],"c":"x","d":[-1,1,5],"e":[1,2,3],"f":[1,1,null]}')).toEqual({
      a: entry(1, 2),
      h: entry(1, 2, false),
    });
  });

  it("replaces this tab's entry and drops tabs gone for an hour", () => {
    const old = entry(T0 - 61 * MIN, T0 - 61 * MIN);
    const raw = serializePresence({ gone: old, peer: entry(T0 - 1000, T0 - 2000, false), me: old }, 'me', entry(T0, T0), T0);
    expect(JSON.parse(raw)).toEqual({ peer: [T0 - 1000, 0, T0 - 2000], me: [T0, 1, T0] });
  });

  it('takes the latest activity of any tab and whether another tab is visible now', () => {
    expect(readShared({}, 'me', T0)).toEqual(none);
    const presence = { me: entry(T0, T0 - 10), peer: entry(T0 - 3000, T0 - 20) };
    expect(readShared(presence, 'me', T0)).toEqual({ activityAt: T0 - 10, peerVisibleAt: T0 - 3000, peerVisibleNow: true });
    // A peer that said it hid, or that stopped refreshing its entry (closed, crashed), is not visible.
    expect(readShared({ peer: entry(T0 - 3000, T0 - 20, false) }, 'me', T0).peerVisibleNow).toBe(false);
    expect(readShared({ peer: entry(T0 - PEER_FRESH_MS, T0 - 20) }, 'me', T0).peerVisibleNow).toBe(false);
  });

  it('ignores timestamps from the future (clock set back), allowing a moment of skew', () => {
    const presence = { me: entry(T0, T0 - 10), peer: entry(T0 + 99 * MIN, T0 + 99 * MIN) };
    expect(readShared(presence, 'me', T0)).toEqual({ activityAt: T0 - 10, peerVisibleAt: 0, peerVisibleNow: false });
    expect(readShared({ peer: entry(T0 + 500, T0 + 500) }, 'me', T0)).toEqual({ activityAt: T0, peerVisibleAt: T0, peerVisibleNow: true });
  });

  it('counts the app as hidden only while no other unlocked tab is visible', () => {
    expect(appHiddenSince(T0, null, none)).toBeNull();
    expect(appHiddenSince(T0, T0 - 40_000, none)).toBe(T0 - 40_000);
    expect(appHiddenSince(T0, T0 - 40_000, { activityAt: 0, peerVisibleAt: T0 - 1000, peerVisibleNow: true })).toBeNull();
    expect(appHiddenSince(T0, T0 - 40_000, { activityAt: 0, peerVisibleAt: T0 - 20_000, peerVisibleNow: false })).toBe(T0 - 20_000);
  });
});

class FakeVault {
  state: VaultState = 'unlocked';
  /** Whether the passphrase (or a passkey) was given recently, as the vault's session would say. */
  proven = true;
  requireRecentProof(): void {
    if (!this.proven) throw new AppError('vault/reauth-required');
  }
  readonly listeners = new Set<(state: VaultState) => void>();
  lock(): void {
    if (this.state !== 'unlocked') return;
    this.state = 'locked';
    for (const l of [...this.listeners]) l('locked');
  }
  unlock(): void {
    this.state = 'unlocked';
    for (const l of [...this.listeners]) l('unlocked');
  }
  subscribeState(listener: (state: VaultState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async getStatus(): Promise<VaultState> {
    return this.state;
  }
}

/** BroadcastChannel stand-in: delivers to the other channels of the hub, asynchronously. */
class FakeHub {
  readonly channels = new Set<LockChannel>();
  readonly sent: unknown[] = [];
  open(): LockChannel {
    const channel: LockChannel = {
      onmessage: null,
      postMessage: (message) => {
        this.sent.push(message);
        for (const other of this.channels) if (other !== channel) queueMicrotask(() => other.onmessage?.(new MessageEvent('message', { data: message })));
      },
      close: () => this.channels.delete(channel),
    };
    this.channels.add(channel);
    return channel;
  }
}

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
  setVisibility(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

/** One browser tab: its window, document and vault, sharing storage and channel with the others. */
function makeTab(shared: { storage: ReturnType<typeof memoryStorage>; hub: FakeHub }) {
  const vault = new FakeVault();
  const win = new EventTarget();
  const doc = new FakeDocument();
  const autoLock = new AutoLock(vault, { now: () => Date.now(), storage: shared.storage, win, doc, openChannel: () => shared.hub.open() });
  autoLock.start();
  const act = (): boolean => win.dispatchEvent(new Event('pointerdown'));
  return { vault, win, doc, autoLock, act };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('AutoLock', () => {
  let shared: { storage: ReturnType<typeof memoryStorage>; hub: FakeHub };
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(T0);
    shared = { storage: memoryStorage(), hub: new FakeHub() };
  });
  afterEach(() => vi.useRealTimers());

  it('locks after 5 idle minutes; activity postpones it', async () => {
    const tab = makeTab(shared);
    await flush();
    vi.advanceTimersByTime(4 * MIN);
    tab.act();
    vi.advanceTimersByTime(4 * MIN);
    expect(tab.vault.state).toBe('unlocked');
    vi.advanceTimersByTime(MIN + 1000);
    expect(tab.vault.state).toBe('locked');
  });

  it('judges by the wall clock: a timer that slept does not delay the lock', async () => {
    const tab = makeTab(shared);
    await flush();
    // The phone slept: Date moved on, no timer ran. The first event on return decides.
    vi.setSystemTime(T0 + 6 * MIN);
    tab.win.dispatchEvent(new Event('focus'));
    expect(tab.vault.state).toBe('locked');
  });

  it('with "never", does not idle-lock', async () => {
    const tab = makeTab(shared);
    tab.autoLock.setSettings(settings(null));
    await flush();
    vi.advanceTimersByTime(120 * MIN);
    expect(tab.vault.state).toBe('unlocked');
  });

  it('locks on return when hidden longer than the threshold, not when shorter', async () => {
    const tab = makeTab(shared);
    await flush();
    tab.doc.setVisibility('hidden');
    vi.setSystemTime(Date.now() + 20_000);
    tab.doc.setVisibility('visible');
    expect(tab.vault.state).toBe('unlocked');
    tab.doc.setVisibility('hidden');
    vi.setSystemTime(Date.now() + 31_000);
    tab.doc.setVisibility('visible');
    expect(tab.vault.state).toBe('locked');
  });

  it('also locks when a check runs while still hidden, and at once with "immediately"', async () => {
    const tab = makeTab(shared);
    await flush();
    tab.doc.setVisibility('hidden');
    vi.advanceTimersByTime(30_000);
    expect(tab.vault.state).toBe('locked');

    tab.doc.setVisibility('visible');
    vi.advanceTimersByTime(10 * MIN);
    tab.vault.unlock();
    tab.autoLock.setSettings(settings(5 * MIN, 0));
    vi.advanceTimersByTime(1000);
    expect(tab.vault.state).toBe('unlocked');
    tab.doc.setVisibility('hidden');
    expect(tab.vault.state).toBe('locked');
  });

  it('does not count the time hidden or idle before an unlock', async () => {
    const tab = makeTab(shared);
    await flush();
    tab.doc.setVisibility('hidden');
    vi.setSystemTime(Date.now() + 10 * MIN);
    tab.doc.setVisibility('visible');
    expect(tab.vault.state).toBe('locked');
    vi.advanceTimersByTime(MIN);
    tab.vault.unlock();
    vi.advanceTimersByTime(4 * MIN);
    expect(tab.vault.state).toBe('unlocked');
  });

  it('locks every tab when one locks, by any route, without echoes', async () => {
    const a = makeTab(shared);
    const b = makeTab(shared);
    const c = makeTab(shared);
    await flush();
    a.vault.lock(); // the Lock button
    await flush();
    expect([b.vault.state, c.vault.state]).toEqual(['locked', 'locked']);
    expect(shared.hub.sent).toEqual([{ kind: 'lock' }]);

    [a, b, c].forEach((tab) => tab.vault.unlock());
    vi.advanceTimersByTime(5 * MIN);
    await flush();
    expect([a.vault.state, b.vault.state, c.vault.state]).toEqual(['locked', 'locked', 'locked']);
    // The tabs share the idle time, so each locked itself in the same second and said so once;
    // none answered the others' messages.
    expect(shared.hub.sent).toHaveLength(4);
  });

  it('ignores foreign messages', async () => {
    const a = makeTab(shared);
    await flush();
    const other = shared.hub.open();
    for (const data of [null, 'lock', { kind: 'unlock' }, { type: 'lock' }]) other.postMessage(data);
    await flush();
    expect(a.vault.state).toBe('unlocked');
  });

  it('a background tab does not lock the tab in use; the app locks once every tab is hidden', async () => {
    const front = makeTab(shared);
    const back = makeTab(shared);
    await flush();
    back.doc.setVisibility('hidden');
    for (let i = 0; i < 24; i++) {
      vi.advanceTimersByTime(10_000);
      if (i % 6 === 0) front.act();
    }
    expect([front.vault.state, back.vault.state]).toEqual(['unlocked', 'unlocked']);
    // Activity in the front tab also counts for the idle time of the back tab: 4 min without.
    vi.advanceTimersByTime(2 * MIN);
    expect(back.vault.state).toBe('unlocked');

    front.doc.setVisibility('hidden');
    vi.advanceTimersByTime(29_000);
    expect(front.vault.state).toBe('unlocked');
    vi.advanceTimersByTime(2000);
    await flush();
    expect([front.vault.state, back.vault.state]).toEqual(['locked', 'locked']);
  });

  it('with "immediately", switching between two tabs keeps them open; hiding the last one locks at once', async () => {
    const front = makeTab(shared);
    const back = makeTab(shared);
    for (const tab of [front, back]) tab.autoLock.setSettings(settings(5 * MIN, 0));
    await flush();
    vi.advanceTimersByTime(2000);
    back.doc.setVisibility('hidden');
    vi.advanceTimersByTime(10_000);
    expect([front.vault.state, back.vault.state]).toEqual(['unlocked', 'unlocked']);
    back.doc.setVisibility('visible');
    vi.advanceTimersByTime(1000);
    // The back tab says at once that it hid, so hiding the front tab a moment later locks.
    back.doc.setVisibility('hidden');
    front.doc.setVisibility('hidden');
    await flush();
    expect([front.vault.state, back.vault.state]).toEqual(['locked', 'locked']);
  });

  it('does not let a clock set backwards stretch the idle time', async () => {
    const tab = makeTab(shared);
    await flush();
    vi.advanceTimersByTime(MIN);
    vi.setSystemTime(Date.now() - 60 * MIN);
    // The idle time restarts at the first check after the change (≤ 1 s), not 60 minutes later.
    vi.advanceTimersByTime(5 * MIN);
    expect(tab.vault.state).toBe('unlocked');
    vi.advanceTimersByTime(1000);
    expect(tab.vault.state).toBe('locked');
  });

  it('saves validated settings and follows changes made in another tab', async () => {
    const tab = makeTab(shared);
    const seen: AutoLockSettings[] = [];
    tab.autoLock.onSettingsChange((s) => seen.push(s));
    expect(tab.autoLock.setSettings(settings(60_000, 999_999_999))).toEqual(settings(60_000, 30_000));
    expect(JSON.parse(shared.storage.map.get(SETTINGS_KEY)!)).toEqual(settings(60_000, 30_000));
    shared.storage.setItem(SETTINGS_KEY, JSON.stringify(settings(null, 0)));
    tab.win.dispatchEvent(Object.assign(new Event('storage'), { key: SETTINGS_KEY }));
    expect(tab.autoLock.getSettings()).toEqual(settings(null, 0));
    expect(seen).toEqual([settings(60_000, 30_000), settings(null, 0)]);
  });

  it('refuses to turn the idle lock off without a recent passphrase or passkey, and changes nothing', () => {
    const tab = makeTab(shared);
    tab.autoLock.setSettings(settings(60_000, 30_000));
    tab.vault.proven = false;
    expect(() => tab.autoLock.setSettings(settings(null, 30_000))).toThrow(expect.objectContaining({ code: 'vault/reauth-required' }));
    expect(tab.autoLock.getSettings()).toEqual(settings(60_000, 30_000));
    expect(JSON.parse(shared.storage.map.get(SETTINGS_KEY)!)).toEqual(settings(60_000, 30_000));
    // Other changes need no proof; with one, "never" is saved.
    expect(tab.autoLock.setSettings(settings(120_000, 30_000))).toEqual(settings(120_000, 30_000));
    tab.vault.proven = true;
    expect(tab.autoLock.setSettings(settings(null, 30_000))).toEqual(settings(null, 30_000));
  });

  it('stores nothing but settings and timestamps, and does nothing when stopped or locked', async () => {
    const tab = makeTab(shared);
    await flush();
    vi.advanceTimersByTime(3000);
    for (const value of shared.storage.map.values()) expect(value).toMatch(/^[{}[\]":,\w.-]*$/);
    tab.autoLock.stop();
    vi.advanceTimersByTime(60 * MIN);
    expect(tab.vault.state).toBe('unlocked');
    expect(shared.hub.channels.size).toBe(0);

    const locked = new FakeVault();
    locked.state = 'locked';
    const lockSpy = vi.spyOn(locked, 'lock');
    new AutoLock(locked, { now: () => Date.now(), storage: null, win: new EventTarget(), doc: new FakeDocument(), openChannel: () => null }).start();
    await flush();
    vi.advanceTimersByTime(10 * MIN);
    expect(lockSpy).not.toHaveBeenCalled();
  });
});

describe('AutoLock with the real BroadcastChannel', () => {
  it('locks the other tab', async () => {
    const name = `omamori-lock-test-${crypto.randomUUID()}`;
    const tab = () => {
      const vault = new FakeVault();
      const autoLock = new AutoLock(vault, {
        now: () => Date.now(),
        storage: null,
        win: new EventTarget(),
        doc: new FakeDocument(),
        openChannel: () => new BroadcastChannel(name),
      });
      autoLock.start();
      return { vault, autoLock };
    };
    const a = tab();
    const b = tab();
    await flush();
    a.vault.lock();
    await vi.waitFor(() => expect(b.vault.state).toBe('locked'));
    a.autoLock.stop();
    b.autoLock.stop();
  });
});
