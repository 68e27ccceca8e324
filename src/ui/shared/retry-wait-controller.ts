/**
 * @file The wait after repeated wrong passphrases, as seconds to show: the lock screen and the
 * re-authentication dialog both use it. The vault enforces the wait and keeps it in the database
 * (services/vault/backoff.ts); this only reads it when the element connects (a reload, another
 * tab's wrong guesses) and after each refusal, then counts it down once a second.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getVault } from '../../services/browser/vault';

export class RetryWaitController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Only the latest read sets the countdown, so overlapping reads never start two timers. */
  private seq = 0;
  private connected = false;
  /** Seconds left (0 = a passphrase may be tried now). */
  seconds = 0;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    void this.refresh();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.seq++;
    clearTimeout(this.timer);
  }

  /** Reads the wait from the vault and shows it; resolves once the host has been told. */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    const ms = await getVault()
      .retryDelayMs()
      .catch(() => 0);
    if (!this.connected || seq !== this.seq) return;
    this.seconds = Math.ceil(ms / 1000);
    this.host.requestUpdate();
    if (ms > 0) this.timer = setTimeout(() => void this.refresh(), Math.min(ms, 1000));
  }
}
