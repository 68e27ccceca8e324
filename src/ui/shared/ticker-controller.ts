/**
 * @file One clock for everything that shows time: a single timer on whole seconds shared by all
 * subscribers (no per-card timers), stopped while the page is hidden and caught up at once when it
 * is shown again (a code list left open in a background tab costs nothing). A host may re-render
 * on every second, or only when a key it derives from the time changes (a code row: its code and
 * its "Next:" state change a few times a period, not every second).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the clock needs from its surroundings; tests give fakes. */
export interface ClockEnv {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** The document (its visibility); absent where there is none. */
  page?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
}

export type TickListener = (now: number) => void;

export class SecondClock {
  readonly #env: ClockEnv;
  readonly #listeners = new Set<TickListener>();
  #timer: unknown;

  constructor(env: ClockEnv) {
    this.#env = env;
  }

  /** Calls `listener` on each whole second while the page is visible; returns the unsubscribe. */
  subscribe(listener: TickListener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      this.#env.page?.addEventListener('visibilitychange', this.#onVisibility);
      this.#schedule(this.#env.now());
    }
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      this.#env.page?.removeEventListener('visibilitychange', this.#onVisibility);
      this.#stop();
    };
  }

  get #hidden(): boolean {
    return this.#env.page?.visibilityState === 'hidden';
  }

  #stop(): void {
    if (this.#timer !== undefined) this.#env.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #onVisibility = (): void => {
    this.#stop();
    // Back on screen: everyone catches up now rather than at the next whole second.
    if (!this.#hidden) this.#tick();
  };

  readonly #tick = (): void => {
    this.#timer = undefined;
    const now = this.#env.now();
    for (const listener of [...this.#listeners]) listener(now);
    this.#schedule(now);
  };

  #schedule(now: number): void {
    this.#stop();
    if (this.#hidden || this.#listeners.size === 0) return;
    // Re-align to the next second each time so the display never drifts behind the real boundary.
    this.#timer = this.#env.setTimeout(this.#tick, 1000 - (now % 1000) + 5);
  }
}

/** The page's one clock. */
export const secondClock = new SecondClock({
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  page: typeof document === 'undefined' ? undefined : document,
});

export class TickerController implements ReactiveController {
  now = Date.now();
  private readonly host: ReactiveControllerHost;
  private readonly key: ((now: number) => unknown) | undefined;
  private last: unknown;
  private unsubscribe: (() => void) | undefined;

  /** Without `key` the host re-renders every second; with it, only when `key(now)` changes. */
  constructor(host: ReactiveControllerHost, key?: (now: number) => unknown) {
    this.host = host;
    this.key = key;
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    this.last = this.key?.(this.now);
    this.unsubscribe ??= secondClock.subscribe(this.onTick);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private readonly onTick = (now: number): void => {
    this.now = now;
    if (this.key !== undefined) {
      const key = this.key(now);
      if (key === this.last) return;
      this.last = key;
    }
    this.host.requestUpdate();
  };
}
