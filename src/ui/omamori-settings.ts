import { LitElement, css, html, nothing } from 'lit';
import { getVault } from './app-services';
import { LocaleController, t } from './i18n/i18n';
import { presentError } from './i18n/present-error';
import { baseStyles } from './shared-styles';
import { showToast } from './toast-bus';
import './omamori-language-picker';

declare const __APP_VERSION__: string;

/** Language, the device slot (asks for the passphrase), and about. */
export class OmamoriSettings extends LitElement {
  static override properties = {
    deviceSlot: { state: true },
    askingPassphrase: { state: true },
    passphrase: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      section {
        margin-top: 1rem;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        margin-bottom: 1rem;
      }
      .top h1 {
        margin: 0;
      }
    `,
  ];

  declare deviceSlot: boolean | undefined;
  declare askingPassphrase: boolean;
  declare passphrase: string;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.deviceSlot = undefined;
    this.askingPassphrase = false;
    this.passphrase = '';
    this.busy = false;
    this.error = '';
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void getVault()
      .hasDeviceSlot()
      .then((on) => (this.deviceSlot = on));
  }

  private async applyDeviceSlot(event: Event): Promise<void> {
    event.preventDefault();
    this.busy = true;
    this.error = '';
    try {
      const next = !this.deviceSlot;
      await getVault().setDeviceSlot(next, this.passphrase);
      this.deviceSlot = next;
      this.askingPassphrase = false;
      showToast({ message: t('saved') });
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.passphrase = '';
      this.busy = false;
    }
  }

  private renderDeviceSlot() {
    if (this.deviceSlot === undefined) return nothing;
    return html`<section class="panel" aria-labelledby="device-h">
      <h2 id="device-h">${t('settings.deviceSlot')}</h2>
      <p data-testid="device-slot-state">${this.deviceSlot ? t('settings.deviceSlotOn') : t('settings.deviceSlotOff')}</p>
      <p class="hint">${t('create.deviceSlotWarning')}</p>
      ${this.askingPassphrase
        ? html`<form @submit=${this.applyDeviceSlot} novalidate>
            <label for="pass">${t('settings.passphrasePrompt')}</label>
            <input id="pass" type="password" autocomplete="current-password" data-testid="settings-passphrase" .value=${this.passphrase}
              @input=${(e: Event) => (this.passphrase = (e.target as HTMLInputElement).value)} ?disabled=${this.busy} />
            ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
            <div class="actions">
              <button class="primary" type="submit" data-testid="settings-confirm" ?disabled=${this.busy}>${t('dialog.ok')}</button>
              <button type="button" @click=${() => ((this.askingPassphrase = false), (this.error = ''))}>${t('dialog.cancel')}</button>
            </div>
          </form>`
        : html`<button data-testid="toggle-device-slot" @click=${() => (this.askingPassphrase = true)}>
            ${this.deviceSlot ? t('settings.deviceSlotDisable') : t('settings.deviceSlotEnable')}
          </button>`}
    </section>`;
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
      ${this.renderDeviceSlot()}
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
