import { LitElement, html, nothing } from 'lit';
import { formatBytes } from '../../messages/format';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/** Whether the browser promised to keep our storage, how much is used, and why it matters. */
export class OmamoriStorageSettings extends LitElement {
  static override properties = { persisted: { state: true }, usage: { state: true }, quota: { state: true } };
  static override styles = [baseStyles];

  declare persisted: boolean | undefined;
  declare usage: number | undefined;
  declare quota: number | undefined;

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

  override render() {
    const ios = /iP(hone|ad|od)/.test(navigator.userAgent) || (navigator.userAgent.includes('Mac') && navigator.maxTouchPoints > 1);
    return html`<section class="panel" aria-labelledby="storage-h">
      <h3 id="storage-h">${t('storage.title')}</h3>
      <p data-testid="storage-state">
        ${this.persisted === undefined ? t('storage.unknown') : this.persisted ? t('storage.persistent') : t('storage.notPersistent')}
      </p>
      ${ios && !this.persisted ? html`<p class="hint">${t('storage.ios')}</p>` : nothing}
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
