/**
 * @file One clock for the whole code list: the host re-renders on every whole second (codes
 * change at period boundaries, countdowns need the seconds). No per-card timers.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class TickerController implements ReactiveController {
  now = Date.now();
  private readonly host: ReactiveControllerHost;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.tick();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    this.now = Date.now();
    this.host.requestUpdate();
    // Re-align to the next second each time so the display never drifts behind the real boundary.
    this.timer = setTimeout(this.tick, 1000 - (this.now % 1000) + 5);
  };
}
