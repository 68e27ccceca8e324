/**
 * @file The setup key and the account's QR code on the details screen, each shown only after
 * re-authentication (SECURITY.md): for copying the account to a second device.
 */
import { LitElement, html, nothing } from 'lit';
import { accountTitle, type Account } from '../../core/account';
import { accountLink } from '../../services/enroll/account-links';
import { formStyles } from './account-form-styles';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { ensureRecentAuth } from '../shared/reauth';
import { baseStyles } from '../shared/styles';
import '../shared/omamori-qr';

export class OmamoriAccountSecret extends LitElement {
  static override properties = {
    account: { attribute: false },
    revealed: { state: true },
    qrShown: { state: true },
  };
  static override styles = [baseStyles, formStyles];

  declare account: Account;
  /** The setup key, shown only after re-authentication. */
  declare revealed: string;
  /** The account's otpauth:// QR code is shown (after re-authentication) for a second device. */
  declare qrShown: boolean;

  constructor() {
    super();
    this.revealed = '';
    this.qrShown = false;
    new LocaleController(this);
  }

  private async reveal(): Promise<void> {
    if (await ensureRecentAuth()) this.revealed = this.account.secretB32;
  }

  private async showQr(): Promise<void> {
    if (await ensureRecentAuth()) this.qrShown = true;
  }

  override render() {
    const qrButton = html`<button type="button" data-testid=${this.qrShown ? 'hide-account-qr' : 'show-account-qr'}
      @click=${() => (this.qrShown ? (this.qrShown = false) : void this.showQr())}>${this.qrShown ? t('form.hideQr') : t('form.showQr')}</button>`;
    return html`${this.revealed
        ? html`<label for="revealed">${t('form.secret')}</label>
            <input id="revealed" class="mono" readonly data-testid="revealed-secret" .value=${this.revealed.replace(/(.{4})(?=.)/g, '$1 ')} />
            <p class="hint">${t('form.revealHint')}</p>
            <div class="actions">${qrButton}</div>`
        : html`<div class="actions"><button type="button" data-testid="reveal-secret" @click=${this.reveal}>${t('form.reveal')}</button>${qrButton}</div>`}
      ${this.qrShown
        ? html`<omamori-qr data-testid="account-qr" .text=${accountLink(this.account)} label=${t('form.qrLabel', { title: accountTitle(this.account) || t('card.noName') })}></omamori-qr>
            <p class="hint" data-testid="account-qr-hint">${t('form.qrHint')}</p>`
        : nothing}`;
  }
}

customElements.define('omamori-account-secret', OmamoriAccountSecret);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-account-secret': OmamoriAccountSecret;
  }
}
