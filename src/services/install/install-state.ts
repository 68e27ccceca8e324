/**
 * @file Whether Omamori runs installed, and whether the browser can install it now: the browser's
 * signals (`beforeinstallprompt`, `appinstalled`, the `display-mode` media query, iOS's
 * `navigator.standalone`) in, one snapshot out. Built against the real window in
 * services/browser/install.ts; unit tests give it an EventTarget and stubs instead.
 */

/** Chromium's `beforeinstallprompt` event (not in the DOM typings: it is not a standard). */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** What the ui shows from. */
export interface InstallSnapshot {
  /** Running as the installed app (home-screen app, app window), not in a browser tab. */
  readonly standalone: boolean;
  /** The browser offered installation and its prompt has not been used yet: an Install button can call it. */
  readonly canPrompt: boolean;
  /** The browser reported the installation (`appinstalled`) while this page was open: this tab stays a tab. */
  readonly installed: boolean;
  /** iPhone or iPad: installing is only Share → Add to Home Screen, and the installed app has storage of its own. */
  readonly ios: boolean;
}

/** The parts of `navigator` the decision reads; `standalone` exists only in iOS Safari. */
export interface NavigatorLike {
  readonly userAgent: string;
  readonly platform?: string;
  readonly maxTouchPoints?: number;
  readonly standalone?: boolean;
}

/** A media query list as far as it is used here (matchMedia's result). */
export interface MediaQueryLike {
  readonly matches: boolean;
  addEventListener(type: 'change', listener: () => void): void;
}

export interface InstallEnvironment {
  /** Where the browser sends `beforeinstallprompt` and `appinstalled`: the window. */
  readonly target: EventTarget;
  readonly navigator: NavigatorLike;
  /** `matchMedia(STANDALONE_QUERY)`, or null where there is no matchMedia. */
  readonly displayMode: MediaQueryLike | null;
}

/** Every display mode an installed web app can run in (the manifest asks for standalone). */
export const STANDALONE_QUERY = '(display-mode: standalone), (display-mode: fullscreen), (display-mode: minimal-ui), (display-mode: window-controls-overlay)';

/**
 * iPhone, iPod or iPad. iPadOS Safari reports a Mac user agent by default ("Request Desktop
 * Website"), so a Mac that reports touch points is an iPad: no Mac has a touch screen.
 */
export function isIosDevice(nav: NavigatorLike): boolean {
  if (/iPhone|iPad|iPod/.test(nav.userAgent)) return true;
  const mac = nav.platform === 'MacIntel' || /Macintosh/.test(nav.userAgent);
  return mac && (nav.maxTouchPoints ?? 0) > 1;
}

export type PromptOutcome = 'accepted' | 'dismissed' | 'unavailable';

export class InstallState {
  readonly #env: InstallEnvironment;
  readonly #listeners = new Set<(snapshot: InstallSnapshot) => void>();
  #prompt: InstallPromptEvent | undefined;
  #installed = false;

  constructor(env: InstallEnvironment) {
    this.#env = env;
    env.target.addEventListener('beforeinstallprompt', (event) => {
      // Keeps Chromium's own mini-infobar away: the Install button in the first-run screen and
      // in Settings calls this event's prompt() instead.
      event.preventDefault();
      this.#prompt = event as InstallPromptEvent;
      this.#emit();
    });
    env.target.addEventListener('appinstalled', () => {
      this.#prompt = undefined;
      this.#installed = true;
      this.#emit();
    });
    env.displayMode?.addEventListener('change', () => this.#emit());
  }

  snapshot(): InstallSnapshot {
    const nav = this.#env.navigator;
    const standalone = this.#env.displayMode?.matches === true || nav.standalone === true;
    return {
      standalone,
      canPrompt: this.#prompt !== undefined && !standalone && !this.#installed,
      installed: this.#installed,
      ios: isIosDevice(nav),
    };
  }

  /** Calls the listener now and on every change; returns the unsubscribe. */
  subscribe(listener: (snapshot: InstallSnapshot) => void): () => void {
    this.#listeners.add(listener);
    listener(this.snapshot());
    return () => this.#listeners.delete(listener);
  }

  /**
   * Shows the browser's install dialog. A prompt event can be used once: after it the button
   * goes until the browser offers installation again (a new `beforeinstallprompt`).
   */
  async promptInstall(): Promise<PromptOutcome> {
    const event = this.#prompt;
    if (event === undefined || !this.snapshot().canPrompt) return 'unavailable';
    this.#prompt = undefined;
    this.#emit();
    try {
      await event.prompt();
      return (await event.userChoice).outcome;
    } catch {
      // The browser refused to show it (e.g. already shown): nothing to report but "not installed".
      return 'unavailable';
    }
  }

  #emit(): void {
    const snapshot = this.snapshot();
    for (const listener of this.#listeners) listener(snapshot);
  }
}
