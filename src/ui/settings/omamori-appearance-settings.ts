import { LitElement, css, html } from 'lit';
import { t, type MessageKey } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { PreferencesController, setPreference, type Density, type ThemeSetting } from '../shared/preferences';
import { baseStyles, choiceStyles, hintedChoiceStyles } from '../shared/styles';

const THEMES: readonly ThemeSetting[] = ['system', 'light', 'dark'];
const DENSITIES: readonly Density[] = ['comfortable', 'compact'];

/**
 * Appearance and privacy of the codes on this device: the theme (following the system or forced),
 * the list's density (comfortable or compact rows),
 * "hide codes until tapped" and "clear the clipboard after copying". Saved as soon as they change
 * (preferences.ts, shared with other tabs); the list and the cards follow them live.
 */
export class OmamoriAppearanceSettings extends LitElement {
  static override styles = [
    baseStyles,
    choiceStyles,
    hintedChoiceStyles,
    css`
      :host {
        display: block;
      }
      section + section {
        margin-top: 0.75rem;
      }
      fieldset {
        margin: 0;
      }
    `,
  ];

  private readonly prefs = new PreferencesController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  private toggle(key: 'hideCodes' | 'clearClipboard', id: string, label: MessageKey, hint: MessageKey) {
    return html`<label class="choice" for=${id}>
        <input type="checkbox" id=${id} data-testid=${id} aria-describedby=${`${id}-hint`} .checked=${this.prefs.value[key]}
          @change=${(e: Event) => setPreference(key, (e.target as HTMLInputElement).checked)} />
        ${t(label)}
      </label>
      <p class="hint" id=${`${id}-hint`}>${t(hint)}</p>`;
  }

  override render() {
    const theme = this.prefs.value.theme;
    return html`<section class="panel" aria-labelledby="appearance-theme-h">
        <h3 id="appearance-theme-h">${t('appearance.theme')}</h3>
        <fieldset aria-labelledby="appearance-theme-h">
          ${THEMES.map(
            (value) => html`<label class="choice">
              <input type="radio" name="theme" value=${value} data-testid=${`theme-${value}`} .checked=${theme === value}
                @change=${() => setPreference('theme', value)} />
              ${t(`appearance.theme.${value}`)}
            </label>`,
          )}
        </fieldset>
      </section>
      <section class="panel" aria-labelledby="appearance-density-h">
        <h3 id="appearance-density-h">${t('appearance.density')}</h3>
        <fieldset aria-labelledby="appearance-density-h">
          ${DENSITIES.map(
            (value) => html`<label class="choice">
              <input type="radio" name="density" value=${value} data-testid=${`density-${value}`} .checked=${this.prefs.value.density === value}
                @change=${() => setPreference('density', value)} />
              ${t(`appearance.density.${value}`)}
            </label>`,
          )}
        </fieldset>
      </section>
      <section class="panel" aria-labelledby="appearance-codes-h">
        <h3 id="appearance-codes-h">${t('appearance.codes')}</h3>
        ${this.toggle('hideCodes', 'pref-hide-codes', 'appearance.hideCodes', 'appearance.hideCodesHint')}
        ${this.toggle('clearClipboard', 'pref-clear-clipboard', 'appearance.clearClipboard', 'appearance.clearClipboardHint')}
      </section>`;
  }
}

customElements.define('omamori-appearance-settings', OmamoriAppearanceSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-appearance-settings': OmamoriAppearanceSettings;
  }
}
