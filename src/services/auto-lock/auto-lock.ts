/**
 * @file Auto-lock wiring (docs/security.md, "Unlock, lock and auto-lock"): activity and visibility events, a 1 s check,
 * and the cross-tab lock. The decisions are the pure functions in auto-lock-rules.ts.
 *
 * The tabs of one origin share one vault session, so they share what the rules look at: each
 * unlocked, visible tab keeps "visible at / last activity" timestamps in localStorage
 * (PRESENCE_KEY, timestamps only). Otherwise a background tab would judge the app hidden and,
 * since a lock in one tab locks every tab, lock the tab the user is working in. localStorage
 * rather than messages, because a tab frozen in the background reads it at once on return, with
 * no message still queued behind its own check.
 */
import {
  appHiddenSince,
  parsePresence,
  parseSettings,
  PRESENCE_EVERY_MS,
  PRESENCE_KEY,
  readShared,
  serializePresence,
  serializeSettings,
  SETTINGS_KEY,
  shouldLock,
  type AutoLockSettings,
  type LockReason,
} from './rules';
import type { VaultState } from '../vault/vault';

export * from './rules';

/** The part of VaultService auto-lock needs (tests pass a fake). */
export interface LockableVault {
  lock(): void;
  /** Throws `vault/reauth-required` when no passphrase or passkey was given recently. */
  requireRecentProof(): void;
  subscribeState(listener: (state: VaultState) => void): () => void;
  getStatus(): Promise<VaultState>;
}

/** The part of BroadcastChannel used here. */
export interface LockChannel {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

export interface AutoLockEnv {
  now: () => number;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Receives activity, focus, pageshow and storage events (the window). */
  win: EventTarget;
  /** Receives visibilitychange (the document). */
  doc: EventTarget & { readonly visibilityState: DocumentVisibilityState };
  openChannel: () => LockChannel | null;
}

export const LOCK_CHANNEL = 'omamori-lock';
export const CHECK_EVERY_MS = 1000;
const ACTIVITY_THROTTLE_MS = 1000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;
const WINDOW_CHECK_EVENTS = ['focus', 'pageshow'] as const;
// 'resume' follows a page-lifecycle freeze (a discarded-then-restored or frozen background tab).
const DOCUMENT_CHECK_EVENTS = ['visibilitychange', 'resume'] as const;
type LockMessage = { kind: 'lock' };

export class AutoLock {
  readonly #tabId = crypto.randomUUID().slice(0, 8);
  readonly #vault: LockableVault;
  readonly #env: AutoLockEnv;
  #settings: AutoLockSettings;
  readonly #settingsListeners = new Set<(settings: AutoLockSettings) => void>();
  #running = false;
  #unlocked = false;
  #stateKnown = false;
  #fromPeer = false;
  #lastActivityAt = 0;
  #hiddenAt: number | null = null;
  #presenceWrittenAt = 0;
  #presenceVisible = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #channel: LockChannel | null = null;
  #unsubscribe: (() => void) | undefined;

  constructor(vault: LockableVault, env: AutoLockEnv) {
    this.#vault = vault;
    this.#env = env;
    this.#settings = parseSettings(this.#read(SETTINGS_KEY));
  }

  getSettings(): AutoLockSettings {
    return { ...this.#settings };
  }

  /**
   * Validates (bad fields → defaults), saves, applies at once. Turning the idle lock off needs a
   * recent passphrase or passkey: throws `vault/reauth-required` without one.
   */
  setSettings(next: AutoLockSettings): AutoLockSettings {
    if (next.idleMs === null && this.#settings.idleMs !== null) this.#vault.requireRecentProof();
    this.#settings = parseSettings(serializeSettings(next));
    this.#write(SETTINGS_KEY, serializeSettings(this.#settings));
    this.#emitSettings();
    this.#check();
    return this.getSettings();
  }

  onSettingsChange(listener: (settings: AutoLockSettings) => void): () => void {
    this.#settingsListeners.add(listener);
    return () => this.#settingsListeners.delete(listener);
  }

  /** Idempotent. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stateKnown = false;
    const now = this.#env.now();
    this.#settings = parseSettings(this.#read(SETTINGS_KEY));
    this.#lastActivityAt = now;
    this.#hiddenAt = this.#isHidden() ? now : null;
    this.#unsubscribe = this.#vault.subscribeState(this.#onState);
    this.#channel = this.#env.openChannel();
    if (this.#channel) this.#channel.onmessage = this.#onMessage;
    for (const type of ACTIVITY_EVENTS) this.#env.win.addEventListener(type, this.#onActivity, { capture: true, passive: true });
    for (const type of WINDOW_CHECK_EVENTS) this.#env.win.addEventListener(type, this.#check);
    for (const type of DOCUMENT_CHECK_EVENTS) this.#env.doc.addEventListener(type, this.#check);
    this.#env.win.addEventListener('storage', this.#onStorage);
    this.#timer = setInterval(this.#check, CHECK_EVERY_MS);
    void this.#vault.getStatus().then(
      (state) => {
        if (!this.#stateKnown) this.#unlocked = state === 'unlocked';
      },
      () => undefined,
    );
  }

  stop(): void {
    if (!this.#running) return;
    if (this.#presenceVisible) this.#writePresence(this.#env.now(), false);
    this.#running = false;
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    this.#channel?.close();
    this.#channel = null;
    for (const type of ACTIVITY_EVENTS) this.#env.win.removeEventListener(type, this.#onActivity, { capture: true });
    for (const type of WINDOW_CHECK_EVENTS) this.#env.win.removeEventListener(type, this.#check);
    for (const type of DOCUMENT_CHECK_EVENTS) this.#env.doc.removeEventListener(type, this.#check);
    this.#env.win.removeEventListener('storage', this.#onStorage);
  }

  /** Runs the rules now; also the handler for the timer, visibility, focus and pageshow. */
  readonly #check = (): LockReason | null => {
    if (!this.#running || !this.#unlocked) return null;
    const now = this.#env.now();
    const hidden = this.#isHidden();
    if (hidden) this.#hiddenAt ??= now;
    // A wall clock set backwards must not stretch the time before a lock.
    this.#lastActivityAt = Math.min(this.#lastActivityAt, now);
    if (this.#hiddenAt !== null) this.#hiddenAt = Math.min(this.#hiddenAt, now);
    if (hidden && this.#presenceVisible) this.#writePresence(now, false);
    const shared = readShared(parsePresence(this.#read(PRESENCE_KEY)), this.#tabId, now);
    const reason = shouldLock({
      now,
      lastActivityAt: Math.max(this.#lastActivityAt, shared.activityAt),
      hiddenAt: appHiddenSince(now, this.#hiddenAt, shared),
      settings: this.#settings,
    });
    if (reason !== null) {
      this.#vault.lock();
      return reason;
    }
    if (!hidden) {
      this.#hiddenAt = null;
      if (!this.#presenceVisible || Math.abs(now - this.#presenceWrittenAt) >= PRESENCE_EVERY_MS) this.#writePresence(now, true);
    }
    return null;
  };

  readonly #onActivity = (): void => {
    const now = this.#env.now();
    if (now >= this.#lastActivityAt && now - this.#lastActivityAt < ACTIVITY_THROTTLE_MS) return;
    this.#lastActivityAt = now;
    if (this.#unlocked && !this.#isHidden() && now - this.#presenceWrittenAt >= PRESENCE_EVERY_MS) this.#writePresence(now, true);
  };

  readonly #onState = (state: VaultState): void => {
    this.#stateKnown = true;
    const wasUnlocked = this.#unlocked;
    this.#unlocked = state === 'unlocked';
    const now = this.#env.now();
    if (this.#unlocked) {
      // A fresh start: time spent idle or hidden before this unlock does not count.
      this.#lastActivityAt = now;
      this.#hiddenAt = this.#isHidden() ? now : null;
      return;
    }
    // A locked tab no longer keeps the app "visible" for the others.
    if (this.#presenceVisible) this.#writePresence(now, false);
    // Any route to 'locked' (button, rule, another tab) locks the other tabs; a lock that came
    // from another tab is not sent back.
    if (wasUnlocked && state === 'locked' && !this.#fromPeer) this.#channel?.postMessage({ kind: 'lock' } satisfies LockMessage);
  };

  readonly #onMessage = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null || (data as Partial<LockMessage>).kind !== 'lock') return;
    this.#fromPeer = true;
    try {
      this.#vault.lock();
    } finally {
      this.#fromPeer = false;
    }
  };

  readonly #onStorage = (event: Event): void => {
    const key = (event as StorageEvent).key;
    if (key !== SETTINGS_KEY && key !== null) return;
    this.#settings = parseSettings(this.#read(SETTINGS_KEY));
    this.#emitSettings();
  };

  /** Visible: "visible now"; hidden or locked: "visible until I hid", so peers can count from there. */
  #writePresence(now: number, visible: boolean): void {
    const visibleAt = visible ? now : Math.min(this.#hiddenAt ?? now, now);
    const entry = { visibleAt, visible, activityAt: this.#lastActivityAt };
    this.#write(PRESENCE_KEY, serializePresence(parsePresence(this.#read(PRESENCE_KEY)), this.#tabId, entry, now));
    this.#presenceWrittenAt = now;
    this.#presenceVisible = visible;
  }

  #emitSettings(): void {
    for (const listener of [...this.#settingsListeners]) listener(this.getSettings());
  }

  #isHidden(): boolean {
    return this.#env.doc.visibilityState === 'hidden';
  }

  #read(key: string): string | null {
    try {
      return this.#env.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  #write(key: string, value: string): void {
    try {
      this.#env.storage?.setItem(key, value);
    } catch {
      // Private mode without storage: the settings last for this page; presence is not shared.
    }
  }
}
