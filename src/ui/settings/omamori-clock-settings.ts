import { LitElement, css, html } from 'lit';
import { clockIsOff } from '../../core/clock-skew';
import { correctionOf, readClockSettings, writeClockSettings, type ClockSettings } from '../../services/browser/clock-correction';
import { t } from '../../messages/translate';
import { skewAmount } from '../clock/omamori-clock-warning';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles, choiceStyles, hintedChoiceStyles } from '../shared/styles';

/**
 * Settings → Appearance → This device's clock: whether Omamori compares the clock with its own
 * server when online, whether codes are corrected for it, and what the last check found.
 */
export class OmamoriClockSettings extends LitElement {
  static override properties = { settings: { state: true } };
  static override styles = [
    baseStyles,
    choiceStyles,
    hintedChoiceStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  declare settings: ClockSettings;

  constructor() {
    super();
    this.settings = readClockSettings();
    new LocaleController(this);
  }

  private set(key: 'check' | 'correct', value: boolean): void {
    this.settings = { ...readClockSettings(), [key]: value };
    writeClockSettings(this.settings);
  }

  private status(): string {
    const { skewMs } = this.settings;
    if (skewMs === null) return t('clock.statusUnknown');
    if (!clockIsOff(skewMs)) return t('clock.statusRight');
    const amount = skewAmount(skewMs);
    return t(skewMs < 0 ? 'clock.statusFast' : 'clock.statusSlow', { amount });
  }

  override render() {
    const { check, correct } = this.settings;
    return html`<section class="panel" aria-labelledby="clock-h" data-testid="clock-settings">
      <h3 id="clock-h">${t('clock.title')}</h3>
      <p data-testid="clock-status">${this.status()}${correctionOf(this.settings) !== 0 ? ` ${t('clock.statusCorrected')}` : ''}</p>
      <label class="choice" for="clock-check">
        <input type="checkbox" id="clock-check" data-testid="clock-check" aria-describedby="clock-check-hint" .checked=${check}
          @change=${(e: Event) => this.set('check', (e.target as HTMLInputElement).checked)} />
        ${t('clock.checkLabel')}
      </label>
      <p class="hint" id="clock-check-hint">${t('clock.checkHint')}</p>
      <label class="choice" for="clock-correct">
        <input type="checkbox" id="clock-correct" data-testid="clock-correct-setting" aria-describedby="clock-correct-hint" .checked=${correct}
          @change=${(e: Event) => this.set('correct', (e.target as HTMLInputElement).checked)} />
        ${t('clock.correctLabel')}
      </label>
      <p class="hint" id="clock-correct-hint">${t('clock.correctHint')}</p>
    </section>`;
  }
}

customElements.define('omamori-clock-settings', OmamoriClockSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-clock-settings': OmamoriClockSettings;
  }
}
