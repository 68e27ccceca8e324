/**
 * @file Auto-lock decisions, pure: the settings (non-secret, kept in localStorage) and the rule
 * that says whether to lock now. Everything is judged by wall-clock timestamps, never by how
 * often a timer ran: timers sleep in background tabs and on sleeping phones.
 */

export interface AutoLockSettings {
  /** Lock after this long without activity; null = never (needs re-authentication to choose). */
  idleMs: number | null;
  /** Lock once the app has been hidden this long; 0 = as soon as it is hidden. */
  hiddenMs: number;
}

export const DEFAULT_AUTOLOCK: Readonly<AutoLockSettings> = Object.freeze({ idleMs: 5 * 60_000, hiddenMs: 30_000 });
export const IDLE_BOUNDS_MS = { min: 30_000, max: 60 * 60_000 } as const;
export const HIDDEN_BOUNDS_MS = { min: 0, max: 5 * 60_000 } as const;
/** The choices the settings screen offers (any whole number of ms within the bounds is valid). */
export const IDLE_CHOICES_MS: readonly number[] = [30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];
export const HIDDEN_CHOICES_MS: readonly number[] = [0, 10_000, 30_000, 60_000, 300_000];

export const SETTINGS_KEY = 'omamori.autolock';
/** Shared between tabs: when an unlocked tab was last visible and last saw activity. */
export const PRESENCE_KEY = 'omamori.autolock.presence';

export type LockReason = 'idle' | 'hidden';

export interface LockCheck {
  now: number;
  /** Latest user activity in any tab. */
  lastActivityAt: number;
  /** Since when the app has been hidden (no unlocked tab visible); null while it is visible. */
  hiddenAt: number | null;
  settings: AutoLockSettings;
}

export function shouldLock({ now, lastActivityAt, hiddenAt, settings }: LockCheck): LockReason | null {
  if (hiddenAt !== null && now - hiddenAt >= settings.hiddenMs) return 'hidden';
  if (settings.idleMs !== null && now - lastActivityAt >= settings.idleMs) return 'idle';
  return null;
}

function inBounds(value: unknown, bounds: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= bounds.min && value <= bounds.max;
}

/** Any value → valid settings; each bad or missing field falls back to its default. */
export function normalizeSettings(value: unknown): AutoLockSettings {
  const obj = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  // Only an explicit null means "never": a missing or mistyped field must not switch auto-lock off.
  const idleMs = obj.idleMs === null ? null : inBounds(obj.idleMs, IDLE_BOUNDS_MS) ? obj.idleMs : DEFAULT_AUTOLOCK.idleMs;
  const hiddenMs = inBounds(obj.hiddenMs, HIDDEN_BOUNDS_MS) ? obj.hiddenMs : DEFAULT_AUTOLOCK.hiddenMs;
  return { idleMs, hiddenMs };
}

export function parseSettings(raw: string | null): AutoLockSettings {
  if (raw === null) return { ...DEFAULT_AUTOLOCK };
  try {
    return normalizeSettings(JSON.parse(raw));
  } catch {
    return { ...DEFAULT_AUTOLOCK };
  }
}

export function serializeSettings(settings: AutoLockSettings): string {
  const { idleMs, hiddenMs } = normalizeSettings(settings);
  return JSON.stringify({ idleMs, hiddenMs });
}

/**
 * Per tab (random id): until when it was visible while unlocked, whether it still is (a tab that
 * hides or locks says so at once), and its last activity.
 */
export type Presence = Record<string, { visibleAt: number; visible: boolean; activityAt: number }>;
export type PresenceEntry = Presence[string];

/** A visible tab refreshes its entry this often; a "visible" entry older than PEER_FRESH_MS is a tab gone. */
export const PRESENCE_EVERY_MS = 2000;
export const PEER_FRESH_MS = 5000;
const PRESENCE_STALE_MS = 60 * 60_000;
const CLOCK_SKEW_MS = 1000;

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export function parsePresence(raw: string | null): Presence {
  let obj: unknown;
  try {
    obj = raw === null ? null : JSON.parse(raw);
  } catch {
    return {};
  }
  const out: Presence = {};
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return out;
  for (const [id, e] of Object.entries(obj)) {
    if (!Array.isArray(e) || !isTime(e[0]) || (e[1] !== 0 && e[1] !== 1) || !isTime(e[2])) continue;
    out[id] = { visibleAt: e[0], visible: e[1] === 1, activityAt: e[2] };
  }
  return out;
}

/** This tab's entry replaced; entries of tabs gone for an hour dropped. */
export function serializePresence(presence: Presence, tabId: string, entry: PresenceEntry, now: number): string {
  const out: Record<string, [number, 0 | 1, number]> = {};
  for (const [id, e] of Object.entries({ ...presence, [tabId]: entry })) {
    if (id === tabId || now - Math.max(e.visibleAt, e.activityAt) < PRESENCE_STALE_MS) out[id] = [e.visibleAt, e.visible ? 1 : 0, e.activityAt];
  }
  return JSON.stringify(out);
}

export interface SharedView {
  /** Latest activity in any tab. */
  activityAt: number;
  /** Latest moment another unlocked tab was visible. */
  peerVisibleAt: number;
  /** Another unlocked tab is visible now. */
  peerVisibleNow: boolean;
}

/**
 * What the other tabs tell this one. A timestamp from the future means the wall clock was set
 * back; it is ignored (counting it as "now" would keep the vault open until the clock caught up).
 */
export function readShared(presence: Presence, tabId: string, now: number): SharedView {
  // A peer may have written between our Date.now() and our read: a moment ahead is "now".
  const seen = (at: number): number => (at <= now ? at : at <= now + CLOCK_SKEW_MS ? now : 0);
  const view: SharedView = { activityAt: 0, peerVisibleAt: 0, peerVisibleNow: false };
  for (const [id, e] of Object.entries(presence)) {
    view.activityAt = Math.max(view.activityAt, seen(e.activityAt));
    if (id === tabId) continue;
    const visibleAt = seen(e.visibleAt);
    view.peerVisibleAt = Math.max(view.peerVisibleAt, visibleAt);
    if (e.visible && visibleAt > 0 && now - visibleAt < PEER_FRESH_MS) view.peerVisibleNow = true;
  }
  return view;
}

/**
 * Since when the app (not just this tab) has been hidden: null while this tab or another
 * unlocked tab is visible, else the later of this tab's hiding and the last sight of a peer.
 */
export function appHiddenSince(now: number, ownHiddenAt: number | null, shared: SharedView): number | null {
  if (ownHiddenAt === null || shared.peerVisibleNow) return null;
  return Math.min(now, Math.max(ownHiddenAt, shared.peerVisibleAt));
}
