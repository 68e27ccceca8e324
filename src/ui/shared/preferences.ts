/**
 * @file Display preferences of this device (not secret, not in the vault, not in backups):
 * kept in localStorage, shared with other tabs through the storage event, and observable by
 * Lit elements through PreferencesController.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type SortMode = 'custom' | 'issuer' | 'recent';
export type ThemeSetting = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';

export interface Preferences {
  /** Order of the code list; favourites are always on top. */
  sortMode: SortMode;
  /** Codes show as ••• ••• until tapped. */
  hideCodes: boolean;
  /** Clear the clipboard 30 s after a copy when it still holds our code. */
  clearClipboard: boolean;
  theme: ThemeSetting;
  /** Height of the code list's rows: comfortable (about 64 px) or compact (about 48 px). */
  density: Density;
  /** The backup reminder bar is hidden until this time (ms since 1970): "dismiss for a day". */
  backupBarHiddenUntil: number;
  /** The "Not ready to recover" bar (ui/recovery/omamori-ready-bar.ts) is hidden until this time: "dismiss for a week". */
  readyBarHiddenUntil: number;
}

/** How long "dismiss" hides the backup reminder bar. */
export const BACKUP_BAR_SNOOZE_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  sortMode: 'custom',
  hideCodes: false,
  clearClipboard: true,
  theme: 'system',
  density: 'comfortable',
  backupBarHiddenUntil: 0,
  readyBarHiddenUntil: 0,
});

const KEY = 'omamori.preferences';
const listeners = new Set<() => void>();

export function parsePreferences(raw: string | null): Preferences {
  const out: Preferences = { ...DEFAULT_PREFERENCES };
  if (raw === null) return out;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof Preferences, unknown>>;
    if (v.sortMode === 'custom' || v.sortMode === 'issuer' || v.sortMode === 'recent') out.sortMode = v.sortMode;
    if (typeof v.hideCodes === 'boolean') out.hideCodes = v.hideCodes;
    if (typeof v.clearClipboard === 'boolean') out.clearClipboard = v.clearClipboard;
    if (v.theme === 'system' || v.theme === 'light' || v.theme === 'dark') out.theme = v.theme;
    if (v.density === 'comfortable' || v.density === 'compact') out.density = v.density;
    if (typeof v.backupBarHiddenUntil === 'number' && Number.isFinite(v.backupBarHiddenUntil)) out.backupBarHiddenUntil = v.backupBarHiddenUntil;
    if (typeof v.readyBarHiddenUntil === 'number' && Number.isFinite(v.readyBarHiddenUntil)) out.readyBarHiddenUntil = v.readyBarHiddenUntil;
  } catch {
    // A damaged value falls back to the defaults.
  }
  return out;
}

function read(): Preferences {
  try {
    return parsePreferences(localStorage.getItem(KEY));
  } catch {
    return { ...DEFAULT_PREFERENCES };
  }
}

let current = read();

function applyTheme(): void {
  const root = document.documentElement;
  if (current.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = current.theme;
}
applyTheme();

function notify(): void {
  applyTheme();
  for (const l of listeners) l();
}

window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  current = read();
  notify();
});

export function getPreferences(): Readonly<Preferences> {
  return current;
}

export function setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
  current = { ...current, [key]: value };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  notify();
}

/** Re-renders its host when a preference changes (in this tab or another). */
export class PreferencesController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly onChange = (): void => this.host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  get value(): Readonly<Preferences> {
    return current;
  }

  hostConnected(): void {
    listeners.add(this.onChange);
  }

  hostDisconnected(): void {
    listeners.delete(this.onChange);
  }
}
