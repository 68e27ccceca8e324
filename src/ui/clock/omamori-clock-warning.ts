import { LitElement, css, html, nothing } from 'lit';
import { clockIsOff } from '../../core/clock-skew';
import { correctionOf, readClockSettings, writeClockSettings, type ClockSettings } from '../../services/browser/clock-correction';
import { checkClock } from '../../services/browser/clock';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/** At most one check in this long per page (the list is shown again after every other screen). */
const CHECK_EVERY_MS = 10 * 60_000;
let lastCheck: { at: number; result: Promise<ClockSettings> } | undefined;

function checkNowOrReuse(force = false): Promise<ClockSettings> {
  const at = performance.now();
  if (force || lastCheck === undefined || at - lastCheck.at > CHECK_EVERY_MS) lastCheck = { at, result: checkClock() };
  return lastCheck.result;
}

/** "47 s", "5 min", "3 h": how far off, rounded the way a person says it. */
export function skewAmount(skewMs: number): string {
  const s = Math.round(Math.abs(skewMs) / 1000);
  if (s < 120) return t('clock.seconds', { n: s });
  if (s < 2 * 3600) return t('clock.minutes', { n: Math.round(s / 60) });
  return t('clock.hours', { n: Math.round(s / 3600) });
}

/**
 * One line above the codes when this device's clock is off by more than 15 s (measured against
 * our own server's `Date` when online, services/browser/clock.ts): the warning with an opt-in
 * *Correct codes for this device*, or, once chosen, a quiet note that codes are corrected. The app
 * shell renders it above the list, so the list's own components need not know about it.
 */
export class OmamoriClockWarning extends LitElement {
  static override properties = { settings: { state: true }, dismissed: { state: true } };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
        max-width: 60rem;
        margin: 0.5rem auto 0;
        padding: 0.5rem 0.75rem;
        border-radius: 10px;
        background: var(--om-accent-soft);
        color: var(--om-text);
      }
      .bar p {
        flex: 1 1 14rem;
        margin: 0;
        overflow-wrap: anywhere;
      }
      .quiet {
        background: none;
        padding: 0.25rem 0.75rem;
      }
      .quiet p {
        font-size: 0.875rem;
        color: var(--om-text-muted);
      }
      button {
        min-height: 40px;
      }
    `,
  ];

  declare settings: ClockSettings;
  declare dismissed: boolean;
  private readonly onOnline = (): void => void this.check(true);

  constructor() {
    super();
    this.settings = readClockSettings();
    this.dismissed = false;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.onOnline);
    void this.check();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onOnline);
  }

  private async check(force = false): Promise<void> {
    this.settings = await checkNowOrReuse(force);
  }

  private correct(): void {
    this.settings = { ...readClockSettings(), correct: true };
    writeClockSettings(this.settings);
  }

  override render() {
    const { check, skewMs } = this.settings;
    if (!check || skewMs === null || !clockIsOff(skewMs)) return nothing;
    const amount = skewAmount(skewMs);
    // skewMs is what to add to the device clock: negative means the device runs fast.
    const fast = skewMs < 0;
    if (correctionOf(this.settings) !== 0) {
      return html`<div class="bar quiet" role="status" data-testid="clock-corrected">
        <p>${t(fast ? 'clock.correctedFast' : 'clock.correctedSlow', { amount })}</p>
      </div>`;
    }
    if (this.dismissed) return nothing;
    return html`<div class="bar" role="status" data-testid="clock-warning">
      <p>${t(fast ? 'clock.fast' : 'clock.slow', { amount })}</p>
      <button class="primary" data-testid="clock-correct" @click=${this.correct}>${t('clock.correct')}</button>
      <button class="link" data-testid="clock-dismiss" @click=${() => (this.dismissed = true)}>${t('clock.dismiss')}</button>
    </div>`;
  }
}

customElements.define('omamori-clock-warning', OmamoriClockWarning);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-clock-warning': OmamoriClockWarning;
  }
}
