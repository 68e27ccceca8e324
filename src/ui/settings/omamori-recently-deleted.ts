import { LitElement, css, html, nothing } from 'lit';
import { accountTitle } from '../../core/account';
import { getVault } from '../../services/browser/vault';
import type { DeletedAccount } from '../../services/vault/vault';
import { formatDate } from '../../messages/format';
import { presentError } from '../../messages/present-error';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';

/**
 * Settings → Recently deleted: accounts deleted in the last 30 days (still encrypted, in no list
 * and no export; services/vault/recently-deleted.ts), each with Restore and Delete for good.
 * Deleting for good asks once more in place, as it cannot be undone.
 */
export class OmamoriRecentlyDeleted extends LitElement {
  static override properties = { items: { state: true }, confirming: { state: true }, busy: { state: true } };
  static override styles = [
    baseStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        border-top: 1px solid var(--om-border);
        padding: 0.75rem 0;
      }
      .title {
        font-weight: 600;
        overflow-wrap: anywhere;
        margin: 0;
      }
      .actions {
        margin-top: 0.5rem;
      }
    `,
  ];

  declare items: DeletedAccount[] | undefined;
  /** The id whose "Delete for good" waits for its confirmation. */
  declare confirming: string | null;
  declare busy: boolean;

  constructor() {
    super();
    this.items = undefined;
    this.confirming = null;
    this.busy = false;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    try {
      this.items = await getVault().listDeleted();
    } catch {
      // Locked meanwhile: the settings screen is about to go away.
      this.items = [];
    }
  }

  private async act(item: DeletedAccount, action: 'restore' | 'remove'): Promise<void> {
    const title = accountTitle(item.account) || t('card.noName');
    this.busy = true;
    try {
      if (action === 'restore') await getVault().restoreDeleted(item.account.id);
      else await getVault().removeDeleted(item.account.id);
      showToast({ message: t(action === 'restore' ? 'deleted.restoredToast' : 'deleted.removedToast', { title }) });
    } catch (err) {
      showToast({ message: presentError(err) });
    } finally {
      this.confirming = null;
      this.busy = false;
      await this.refresh();
    }
  }

  private renderItem(item: DeletedAccount) {
    const title = accountTitle(item.account) || t('card.noName');
    const confirming = this.confirming === item.account.id;
    return html`<li data-testid="deleted-item">
      <p class="title">${title}</p>
      <p class="hint">${t('deleted.when', { deleted: formatDate(item.deletedAt), removed: formatDate(item.removeAt) })}</p>
      ${
        confirming
          ? html`<p role="alert">${t('deleted.confirmRemove', { title })}</p>
            <div class="actions">
              <button class="danger" data-testid="deleted-remove-confirm" ?disabled=${this.busy} @click=${() => this.act(item, 'remove')}>
                ${t('deleted.remove')}
              </button>
              <button data-testid="deleted-remove-cancel" @click=${() => (this.confirming = null)}>${t('form.cancel')}</button>
            </div>`
          : html`<div class="actions">
            <button class="primary" data-testid="deleted-restore" aria-label=${t('deleted.restoreLabel', { title })} ?disabled=${this.busy} @click=${() => this.act(item, 'restore')}>
              ${t('deleted.restore')}
            </button>
            <button class="danger" data-testid="deleted-remove" aria-label=${t('deleted.removeLabel', { title })} ?disabled=${this.busy} @click=${() => (this.confirming = item.account.id)}>
              ${t('deleted.remove')}
            </button>
          </div>`
      }
    </li>`;
  }

  override render() {
    const items = this.items;
    return html`<section class="panel" aria-labelledby="deleted-h" data-testid="recently-deleted">
      <h3 id="deleted-h">${t('deleted.title')}</h3>
      <p class="hint">${t('deleted.lead')}</p>
      ${
        items === undefined
          ? nothing
          : items.length === 0
            ? html`<p class="muted" data-testid="deleted-empty">${t('deleted.empty')}</p>`
            : html`<ul>
              ${items.map((item) => this.renderItem(item))}
            </ul>`
      }
    </section>`;
  }
}

customElements.define('omamori-recently-deleted', OmamoriRecentlyDeleted);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-recently-deleted': OmamoriRecentlyDeleted;
  }
}
