/**
 * @file How many card columns fit the host (the same rule as the CSS grid: 20rem cards, 0.75rem
 * gaps, 64rem at most), so the windowed list can lay out whole rows. Exposes `--om-cols` on the
 * host through the CSSOM (the CSP allows no style attributes).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export function columnsFor(width: number, rem: number): number {
  const inner = Math.min(width, 64 * rem) - 2 * rem;
  return Math.max(1, Math.floor((inner + 0.75 * rem) / (20 * rem + 0.75 * rem)));
}

export class ColumnsController implements ReactiveController {
  columns = 1;
  private readonly host: Host;
  private observer: ResizeObserver | undefined;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? this.host.clientWidth;
      this.update(width);
    });
    this.observer.observe(this.host);
    this.update(this.host.clientWidth || window.innerWidth);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private update(width: number): void {
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const next = columnsFor(width, rem);
    this.host.style.setProperty('--om-cols', String(next));
    if (next === this.columns) return;
    this.columns = next;
    this.host.requestUpdate();
  }
}
