/**
 * @file How many card columns fit the host (the rule of the old CSS grid: cards at least 20rem
 * wide, 0.75rem gaps), so the windowed list can lay out whole rows. Exposes `--om-cols` on the
 * host through the CSSOM (the CSP allows no style attributes).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** Columns for a content box `width` px wide (the host's padding already taken off). */
export function columnsFor(width: number, rem: number): number {
  return Math.max(1, Math.floor((width + 0.75 * rem) / (20 * rem + 0.75 * rem)));
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
      const width = entries[0]?.contentRect.width;
      if (width !== undefined) this.update(width);
    });
    this.observer.observe(this.host);
    const style = getComputedStyle(this.host);
    this.update(this.host.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
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
