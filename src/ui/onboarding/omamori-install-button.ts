import { LitElement, html, nothing } from 'lit';
import { getInstallState } from '../../services/browser/install';
import { t } from '../../messages/translate';
import { InstallController } from '../shared/install-controller';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/**
 * "Install Omamori", only while the browser offers installation (Chromium's
 * beforeinstallprompt) and Omamori is not installed; renders nothing otherwise. Used by the
 * first-run screen and Settings → Install on this device.
 */
export class OmamoriInstallButton extends LitElement {
  static override styles = [baseStyles];
  private readonly install = new InstallController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    if (!this.install.value.canPrompt) return nothing;
    return html`<button class="primary" data-testid="install-app" @click=${() => void getInstallState().promptInstall()}>${t('install.button')}</button>
      <p class="hint">${t('install.buttonHint')}</p>`;
  }
}

customElements.define('omamori-install-button', OmamoriInstallButton);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-install-button': OmamoriInstallButton;
  }
}
