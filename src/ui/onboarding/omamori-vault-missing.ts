import { LitElement, html } from 'lit';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { fire } from '../shared/events';

/**
 * Shown when this browser had a vault but its database is gone (eviction, cleared data). It never
 * starts an empty vault by itself: that is an explicit, confirmed choice.
 */
export class OmamoriVaultMissing extends LitElement {
  static override properties = { confirming: { state: true } };
  static override styles = [baseStyles];

  declare confirming: boolean;

  constructor() {
    super();
    this.confirming = false;
    new LocaleController(this);
  }

  /** Restore = a new vault (new passphrase) filled from the backup file: the app's restore flow. */
  private restore(): void {
    fire(this, 'start-restore');
    getVault().forgetMissingVault();
  }

  override render() {
    return html`<main class="page">
      <section class="panel" role="alert" data-testid="vault-missing">
        <h1>${t('missing.title')}</h1>
        <p>${t('missing.body')}</p>
        <p>${t('missing.restore')}</p>
        <p class="muted">${t('missing.why')}</p>
        <div class="actions">
          ${
            this.confirming
              ? html`<p>${t('missing.confirm')}</p>
                <button class="danger" data-testid="missing-start-new-confirm" @click=${() => getVault().forgetMissingVault()}>
                  ${t('missing.startNewConfirm')}
                </button>
                <button @click=${() => (this.confirming = false)}>${t('dialog.cancel')}</button>`
              : html`<button class="primary" data-testid="missing-restore" @click=${this.restore}>${t('firstRun.restore')}</button>
                <button data-testid="missing-start-new" @click=${() => (this.confirming = true)}>${t('missing.startNew')}</button>`
          }
        </div>
      </section>
    </main>`;
  }
}

customElements.define('omamori-vault-missing', OmamoriVaultMissing);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-vault-missing': OmamoriVaultMissing;
  }
}
