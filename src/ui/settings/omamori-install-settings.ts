import { LitElement, html, nothing } from 'lit';
import { t } from '../../messages/translate';
import { InstallController } from '../shared/install-controller';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import '../onboarding/omamori-install-button';
import '../onboarding/omamori-install-guide';

/**
 * Settings → Install on this device: whether this copy runs installed, the Install button where
 * the browser offers one, the steps on iPhone and iPad, otherwise where the browser's own menu
 * item is.
 */
export class OmamoriInstallSettings extends LitElement {
  static override properties = { guideOpen: { state: true } };
  static override styles = [baseStyles];
  declare guideOpen: boolean;
  private readonly install = new InstallController(this);

  constructor() {
    super();
    this.guideOpen = false;
    new LocaleController(this);
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
    </section>`;
  }
}

customElements.define('omamori-install-settings', OmamoriInstallSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-install-settings': OmamoriInstallSettings;
  }
}
