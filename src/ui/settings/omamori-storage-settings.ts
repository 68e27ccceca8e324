import { LitElement, html, nothing } from 'lit';
import { formatBytes } from '../../messages/format';
import { t } from '../../messages/translate';
import { InstallController } from '../shared/install-controller';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/**
 * Whether this copy runs as the installed app or in a browser tab, whether the browser promised
 * to keep our storage, how much is used, and the advice that follows from those.
 */
export class OmamoriStorageSettings extends LitElement {
  static override properties = { persisted: { state: true }, usage: { state: true }, quota: { state: true } };
  static override styles = [baseStyles];

  declare persisted: boolean | undefined;
  declare usage: number | undefined;
  declare quota: number | undefined;
  private readonly install = new InstallController(this);

  constructor() {
    super();
    this.persisted = undefined;
    this.usage = undefined;
    this.quota = undefined;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    const storage = navigator.storage;
    this.persisted = storage?.persisted ? await storage.persisted().catch(() => undefined) : undefined;
    const estimate = storage?.estimate ? await storage.estimate().catch(() => undefined) : undefined;
    this.usage = estimate?.usage;
    this.quota = estimate?.quota;
  }

  private async ask(): Promise<void> {
    await navigator.storage?.persist?.().catch(() => false);
    await this.refresh();
  }

  /**
   * A tab's data goes first when space runs short (and, in iOS Safari, after weeks without a
   * visit, whatever persist() said); the installed app's lasts longer but is not a backup.
   */
  private advice() {
    const { standalone, ios } = this.install.value;
    if (standalone) return this.persisted === true ? nothing : html`<p class="hint" data-testid="storage-advice">${t('storage.appAdvice')}</p>`;
    if (ios) return html`<p class="hint" data-testid="storage-advice">${t('storage.ios')} ${t('storage.iosTabAdvice')}</p>`;
    return this.persisted === true ? nothing : html`<p class="hint" data-testid="storage-advice">${t('storage.tabAdvice')}</p>`;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="storage-h">
      <h3 id="storage-h">${t('storage.title')}</h3>
      <p><strong data-testid="storage-context">${this.install.value.standalone ? t('storage.contextApp') : t('storage.contextTab')}</strong></p>
      <p data-testid="storage-state">
        ${this.persisted === undefined ? t('storage.unknown') : this.persisted ? t('storage.persistent') : t('storage.notPersistent')}
      </p>
      ${this.advice()}
      ${
        this.usage !== undefined && this.quota !== undefined
          ? html`<p class="hint" data-testid="storage-usage">${t('storage.used', { used: formatBytes(this.usage), quota: formatBytes(this.quota) })}</p>`
          : nothing
      }
      ${this.persisted === false ? html`<button data-testid="storage-ask" @click=${this.ask}>${t('storage.ask')}</button>` : nothing}
    </section>`;
  }
}

customElements.define('omamori-storage-settings', OmamoriStorageSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-storage-settings': OmamoriStorageSettings;
  }
}
