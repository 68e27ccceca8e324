import { LitElement, css, html } from 'lit';
import { getLocale, getLocaleSetting, setLocaleSetting, t, type LocaleSetting } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/** Language choice: follow the browser, English, or 日本語 (each shown in its own language). */
export class OmamoriLanguagePicker extends LitElement {
  static override styles = [
    baseStyles,
    css`
      label {
        margin-top: 0;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  private onChange(event: Event): void {
    void setLocaleSetting((event.target as HTMLSelectElement).value as LocaleSetting);
  }

  override render() {
    const setting = getLocaleSetting();
    // Always name the setting in both languages, so someone stuck in the wrong one can find it.
    const label = getLocale() === 'ja' ? `${t('language.label')} / Language` : `${t('language.label')} / 言語`;
    return html`<label for="lang">${label}</label>
      <select id="lang" data-testid="language" @change=${this.onChange}>
        <option value="auto" ?selected=${setting === 'auto'}>${t('language.auto')}</option>
        <option value="en" lang="en" ?selected=${setting === 'en'}>English</option>
        <option value="ja" lang="ja" ?selected=${setting === 'ja'}>日本語</option>
      </select>`;
  }
}

customElements.define('omamori-language-picker', OmamoriLanguagePicker);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-language-picker': OmamoriLanguagePicker;
  }
}
