import { LitElement, css, html } from 'lit';
import { LocaleController, t } from './i18n/i18n';
import { baseStyles } from './shared-styles';
import './omamori-autolock-settings';
import './omamori-backup-settings';
import './omamori-language-picker';
import './omamori-passkey-settings';
import './omamori-security-settings';
import './omamori-storage-settings';
import './omamori-transfer-settings';

declare const __APP_VERSION__: string;

/** Settings, grouped: language, security (passphrase, device slot, passkeys, auto-lock), storage, about. */
export class OmamoriSettings extends LitElement {
  /** Set by the app after "Restore from a backup" on the first-run screen: opens that panel. */
  static override properties = { restoreOpen: { type: Boolean } };
  static override styles = [
    baseStyles,
    css`
      /* Each section is its own element with its own panel: space them from here. */
      .page > :not(.top) {
        display: block;
        margin-top: 1rem;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 0.75rem;
      }
      .top h1 {
        margin: 0;
      }
    `,
  ];

  declare restoreOpen: boolean;

  constructor() {
    super();
    this.restoreOpen = false;
    new LocaleController(this);
  }

  override render() {
    return html`<main class="page">
      <div class="top">
        <button data-testid="settings-back" @click=${() => this.dispatchEvent(new CustomEvent('settings-closed', { bubbles: true, composed: true }))}>
          ← ${t('settings.back')}
        </button>
        <h1>${t('settings.title')}</h1>
      </div>
      <section class="panel"><omamori-language-picker></omamori-language-picker></section>
      <omamori-backup-settings .restoreOpen=${this.restoreOpen}></omamori-backup-settings>
      <omamori-transfer-settings></omamori-transfer-settings>
      <omamori-security-settings></omamori-security-settings>
      <omamori-passkey-settings></omamori-passkey-settings>
      <omamori-autolock-settings></omamori-autolock-settings>
      <omamori-storage-settings></omamori-storage-settings>
      <section class="panel" aria-labelledby="about-h">
        <h2 id="about-h">${t('settings.about')}</h2>
        <p data-testid="version">${t('settings.version', { version: __APP_VERSION__ })}</p>
        <p class="muted">${t('settings.aboutBody')}</p>
      </section>
    </main>`;
  }
}

customElements.define('omamori-settings', OmamoriSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-settings': OmamoriSettings;
  }
}
