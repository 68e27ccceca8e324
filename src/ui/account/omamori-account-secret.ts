/**
 * @file The setup key and the account's QR code on the details screen, for copying the account
 * to a second device. The vault hands them out only after a recent proof (withProof asks).
 */
import { LitElement, html, nothing } from 'lit';
import { accountTitle, type Account } from '../../core/account';
import { formStyles } from './account-form-styles';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { CANCELLED, withProof } from '../shared/reauth';
import { getVault } from '../../services/browser/vault';
import { showToast } from '../shared/toast-bus';
import { baseStyles } from '../shared/styles';
import '../shared/omamori-qr';

export class OmamoriAccountSecret extends LitElement {
  static override properties = {
    account: { attribute: false },
    revealed: { state: true },
    qrLink: { state: true },
  };
  static override styles = [baseStyles, formStyles];

  declare account: Account;
  /** The setup key, shown only after re-authentication. */
  declare revealed: string;
  /** The otpauth:// link shown as a QR code for a second device ('' = hidden). */
  declare qrLink: string;

  constructor() {
    super();
    this.revealed = '';
    this.qrLink = '';
    new LocaleController(this);
  }

  /** The setup key and link from the vault, after the proof it asks for; null when cancelled or failed. */
  private async revealSecret(): Promise<{ secretB32: string; link: string } | null> {
    try {
      const secret = await withProof(() => getVault().revealSecret(this.account.id));
      return secret === CANCELLED ? null : secret;
    } catch (err) {
      showToast({ message: presentError(err) });
      return null;
    }
  }

  private async reveal(): Promise<void> {
    const secret = await this.revealSecret();
    if (secret !== null) this.revealed = secret.secretB32;
  }

  private async showQr(): Promise<void> {
    const secret = await this.revealSecret();
    if (secret !== null) this.qrLink = secret.link;
  }

  override render() {
    const qrButton = html`<button type="button" data-testid=${this.qrLink ? 'hide-account-qr' : 'show-account-qr'}
      @click=${() => (this.qrLink ? (this.qrLink = '') : void this.showQr())}>${this.qrLink ? t('form.hideQr') : t('form.showQr')}</button>`;
    return html`${
      this.revealed
        ? html`<label for="revealed">${t('form.secret')}</label>
            <input id="revealed" class="mono" readonly data-testid="revealed-secret" .value=${this.revealed.replace(/(.{4})(?=.)/g, '$1 ')} />
            <p class="hint">${t('form.revealHint')}</p>
            <div class="actions">${qrButton}</div>`
        : html`<div class="actions"><button type="button" data-testid="reveal-secret" @click=${this.reveal}>${t('form.reveal')}</button>${qrButton}</div>`
    }
      ${
        this.qrLink
          ? html`<omamori-qr data-testid="account-qr" .text=${this.qrLink} label=${t('form.qrLabel', { title: accountTitle(this.account) || t('card.noName') })}></omamori-qr>
            <p class="hint" data-testid="account-qr-hint">${t('form.qrHint')}</p>`
          : nothing
      }`;
  }
}

customElements.define('omamori-account-secret', OmamoriAccountSecret);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-account-secret': OmamoriAccountSecret;
  }
}
