import { LitElement, css, html } from 'lit';
import { getVault } from './app-services';
import { LocaleController, t } from './i18n/i18n';
import { presentError } from './i18n/present-error';
import { baseStyles } from './shared-styles';

/** The lock screen: passphrase → codes. A wrong passphrase changes nothing and says so. */
export class OmamoriUnlock extends LitElement {
  static override properties = { passphrase: { state: true }, busy: { state: true }, error: { state: true } };
  static override styles = [
    baseStyles,
    css`
      .hero {
        text-align: center;
        padding: 2rem 0 1rem;
      }
      .hero img {
        width: 72px;
        height: 72px;
        border-radius: 18px;
      }
    `,
  ];

  declare passphrase: string;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.passphrase = '';
    this.busy = false;
    this.error = '';
    new LocaleController(this);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#pass')?.focus();
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.error = '';
    this.busy = true;
    const started = performance.now();
    try {
      await getVault().unlockWithPassphrase(this.passphrase);
      performance.measure('omamori:unlock', { start: started, end: performance.now() });
      this.passphrase = '';
      this.dispatchEvent(new CustomEvent('vault-unlocked', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = presentError(err);
      this.passphrase = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#pass')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<main class="page">
      <div class="hero">
        <img src="/icons/icon-192.png" alt="" width="72" height="72" />
      </div>
      <form class="panel" @submit=${this.onSubmit} novalidate>
        <h1>${t('unlock.title')}</h1>
        <p class="muted">${t('unlock.lead')}</p>
        <label for="pass">${t('create.passphrase')}</label>
        <input id="pass" type="password" autocomplete="current-password" data-testid="unlock-passphrase"
          .value=${this.passphrase} @input=${(e: Event) => (this.passphrase = (e.target as HTMLInputElement).value)}
          aria-describedby="unlock-error" ?disabled=${this.busy} />
        ${this.error ? html`<p class="field-error" id="unlock-error" role="alert" data-testid="unlock-error">${this.error}</p>` : ''}
        <div class="actions">
          <button class="primary" type="submit" data-testid="unlock-submit" ?disabled=${this.busy}>
            ${this.busy ? t('unlock.working') : t('unlock.submit')}
          </button>
        </div>
      </form>
    </main>`;
  }
}

customElements.define('omamori-unlock', OmamoriUnlock);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-unlock': OmamoriUnlock;
  }
}
