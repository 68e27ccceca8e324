import { LitElement, css, html } from 'lit';
import type { AccountData } from '../../core/account';
import { totpState } from '../../core/codes';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { TickerController } from '../shared/ticker-controller';
import { NEXT_CODE_THRESHOLD_MS, RING_FRAMES, ringTiming } from './card-clock';

const REDUCED = '(prefers-reduced-motion: reduce)';
/** Further off than this from the clock, the ring is put back in place (after sleep, a hidden page). */
const DRIFT_MS = 150;

/*
 * The ring: a grey track and two half-rings of the accent colour, each in a box that shows one
 * half of the circle. A half-ring is a circle with two coloured border sides (bottom + left, or
 * top + right); turned by 45° it covers exactly one half. The Web Animations API turns them (the
 * keyframes are in card-clock.ts): a transform animation that the compositor runs, where the old
 * per-second SVG stroke transition was repainted on the main thread many times a second. No
 * inline style (the CSP forbids it), so the phase is set on the animation, not in a style.
 * `contain: strict` on the host: the number that changes every second is laid out and painted
 * inside these 32 px, never as a change to the row or the list around it.
 */
const styles = css`
  :host {
    flex: none;
    display: block;
    width: 32px;
    height: 32px;
    margin-inline-start: 0.25rem;
    contain: strict;
  }
  .ring {
    position: relative;
    width: 100%;
    height: 100%;
    display: grid;
    place-items: center;
    font-size: 0.7rem;
    font-variant-numeric: tabular-nums;
    color: var(--om-accent);
  }
  .ring.low {
    color: var(--om-danger);
  }
  .track,
  .piece {
    position: absolute;
    top: 2px;
    width: 28px;
    height: 28px;
    box-sizing: border-box;
    border: 3px solid transparent;
    border-radius: 50%;
  }
  .track {
    left: 2px;
    border-color: var(--om-surface-2);
  }
  .half {
    position: absolute;
    top: 0;
    width: 50%;
    height: 100%;
    overflow: hidden;
  }
  .half.right {
    left: 50%;
  }
  .half.left {
    left: 0;
  }
  .piece {
    transform: rotate(225deg);
    transition: border-color 0.3s;
  }
  .right .piece {
    left: -14px;
    border-bottom-color: currentColor;
    border-left-color: currentColor;
  }
  .left .piece {
    left: 2px;
    border-top-color: currentColor;
    border-right-color: currentColor;
  }
  span {
    position: relative;
    color: var(--om-text);
  }
`;

/** The countdown of a time-based code: the ring (moved by the compositor) and the seconds left. */
export class OmamoriCountdown extends LitElement {
  static override properties = {
    account: { attribute: false },
  };
  static override styles = styles;

  declare account: Pick<AccountData, 'period'>;
  // Re-renders every second: only the number and its label change, in this small shadow root.
  private readonly ticker = new TickerController(this);
  private readonly motion = typeof matchMedia === 'function' ? matchMedia(REDUCED) : undefined;
  private animations: Animation[] = [];
  private timing = '';

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.motion?.addEventListener('change', this.onMotion);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.motion?.removeEventListener('change', this.onMotion);
    for (const a of this.animations) a.cancel();
    this.animations = [];
  }

  private readonly onMotion = (): void => this.requestUpdate();

  /** Starts the ring's animations, or puts them back in phase: only when needed, never per frame. */
  private syncRing(): void {
    const now = Date.now();
    const { duration, elapsed, easing } = ringTiming(this.account, now, this.motion?.matches ?? false);
    const timing = `${duration}|${easing}`;
    if (this.animations.length === 0 || this.timing !== timing) {
      for (const a of this.animations) a.cancel();
      const pieces = [...this.renderRoot.querySelectorAll<HTMLElement>('.piece')];
      if (pieces.length !== 2 || typeof pieces[0]?.animate !== 'function') return;
      this.animations = pieces.map((el) =>
        el.animate(RING_FRAMES[el.parentElement?.classList.contains('left') ? 'left' : 'right'], { duration, easing, iterations: Infinity }),
      );
      this.timing = timing;
    } else {
      const at = Number(this.animations[0]?.currentTime ?? 0) % duration;
      const off = Math.abs(at - elapsed);
      if (Math.min(off, duration - off) <= DRIFT_MS) return;
    }
    for (const a of this.animations) a.currentTime = elapsed;
  }

  protected override updated(): void {
    this.syncRing();
  }

  override render() {
    const { remainingMs } = totpState(this.account, this.ticker.now);
    const seconds = Math.ceil(remainingMs / 1000);
    return html`<div class="ring ${remainingMs < NEXT_CODE_THRESHOLD_MS ? 'low' : ''}" role="timer" data-testid="countdown" aria-label=${t('card.secondsLeft', { seconds })}>
      <div class="track"></div>
      <div class="half right"><div class="piece"></div></div>
      <div class="half left"><div class="piece"></div></div>
      <span aria-hidden="true">${seconds}</span>
    </div>`;
  }
}

customElements.define('omamori-countdown', OmamoriCountdown);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-countdown': OmamoriCountdown;
  }
}
