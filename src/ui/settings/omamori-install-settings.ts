import { LitElement, html, nothing } from 'lit';
import { vaultCheck } from '../../services/backup/backup';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { InstallController } from '../shared/install-controller';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import '../onboarding/omamori-install-button';
import '../onboarding/omamori-install-guide';

/**
 * Settings → Install on this device: whether this copy runs installed, the Install button where
 * the browser offers one, the steps on iPhone and iPad, otherwise where the browser's own menu
 * item is. It also shows this vault's count and check (services/backup vaultCheck), which the move
 * from a Safari tab asks to compare in the home-screen app.
 */
export class OmamoriInstallSettings extends LitElement {
  static override properties = { guideOpen: { state: true }, check: { state: true } };
  static override styles = [baseStyles];
  declare guideOpen: boolean;
  declare check: { count: number; check: string } | undefined;
  private readonly install = new InstallController(this);

  constructor() {
    super();
    this.guideOpen = false;
    this.check = undefined;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void getVault()
      .listAccounts()
      .then((accounts) => (this.check = vaultCheck(accounts)))
      // Locked meanwhile: there is nothing to compare, and the line stays away.
      .catch(() => undefined);
  }

  private renderIos() {
    return html`<p data-testid="install-state">${t('install.ios')}</p>
      <button data-testid="install-show-guide" aria-expanded=${this.guideOpen ? 'true' : 'false'} @click=${() => (this.guideOpen = !this.guideOpen)}>
        ${t('install.showGuide')}
      </button>
      ${this.guideOpen ? html`<omamori-install-guide></omamori-install-guide>` : nothing}`;
  }

  private renderState() {
    const s = this.install.value;
    if (s.standalone) return html`<p data-testid="install-state">${t('install.running')}</p>`;
    if (s.installed) return html`<p data-testid="install-state">${t('install.done')}</p>`;
    if (s.canPrompt) return html`<omamori-install-button></omamori-install-button>`;
    if (s.ios) return this.renderIos();
    return html`<p data-testid="install-state">${t('install.menu')}</p>`;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="install-h" data-testid="install-settings">
      <h3 id="install-h">${t('install.title')}</h3>
      ${this.renderState()}
      ${
        this.check
          ? html`<p class="hint">${t('install.checkLead')}</p>
            <p data-testid="install-check"><strong>${t('vaultCheck.line', { count: this.check.count, check: this.check.check })}</strong></p>`
          : nothing
      }
    </section>`;
  }
}

customElements.define('omamori-install-settings', OmamoriInstallSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-install-settings': OmamoriInstallSettings;
  }
}
