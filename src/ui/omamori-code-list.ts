import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Account } from '../core/account';
import { filterAccounts } from '../core/account-search';
import { TickerController } from './controllers/ticker-controller';
import { gearIcon, lockIcon } from './icons';
import { LocaleController, t } from './i18n/i18n';
import { baseStyles } from './shared-styles';
import './omamori-code-card';

/** The home screen: search, the code cards, and the way to add the first account. */
export class OmamoriCodeList extends LitElement {
  static override properties = { accounts: { attribute: false }, damaged: { type: Number }, notBackedUp: { type: Number }, query: { state: true } };
  static override styles = [
    baseStyles,
    css`
      header {
        position: sticky;
        top: 0;
        z-index: 2;
        background: var(--om-bg);
        padding: 0.75rem 1rem 0.5rem;
        border-bottom: 1px solid var(--om-border);
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        max-width: 64rem;
        margin: 0 auto;
      }
      .bar h1 {
        flex: 1;
        margin: 0;
        font-size: 1.25rem;
      }
      .search {
        max-width: 64rem;
        margin: 0.5rem auto 0;
      }
      ul {
        list-style: none;
        margin: 0 auto;
        padding: 1rem;
        max-width: 64rem;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
        gap: 0.75rem;
      }
      .center {
        justify-content: center;
      }
      .backup-banner {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin: 1rem max(1rem, calc((100% - 62rem) / 2)) 0;
        padding: 0.5rem 1rem;
        border-radius: var(--om-radius);
        background: var(--om-accent-soft);
      }
      .backup-banner span {
        flex: 1 1 14rem;
      }
      .empty {
        text-align: center;
        max-width: 32rem;
        margin: 3rem auto;
        padding: 0 1rem;
      }
      .bar button {
        white-space: nowrap;
      }
      .icon {
        display: inline-flex;
        vertical-align: middle;
      }
      /* Phones: title with icon-only Settings/Lock on the first row, the two add actions below. */
      @media (max-width: 480px) {
        .bar {
          flex-wrap: wrap;
        }
        .bar .tool {
          padding: 0.5rem 0.7rem;
        }
        .bar .tool .label {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
        .bar .enrol {
          order: 2;
          flex: 1 1 40%;
          padding: 0.5rem 0.75rem;
        }
      }
      @media (min-width: 481px) {
        .bar .icon {
          display: none;
        }
      }
    `,
  ];

  declare accounts: readonly Account[];
  declare query: string;
  /** Records that failed to decrypt: hidden, never deleted, but the user is told. */
  declare damaged: number;
  /** Accounts added or changed since the last export: a banner suggests making a backup. */
  declare notBackedUp: number;
  private readonly ticker = new TickerController(this);

  constructor() {
    super();
    this.accounts = [];
    this.query = '';
    this.damaged = 0;
    this.notBackedUp = 0;
    new LocaleController(this);
  }

  private emit(name: 'add-account' | 'lock-vault' | 'open-settings' | 'open-scanner' | 'open-guide'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  private renderEmpty() {
    return html`<section class="empty" data-testid="empty-list">
      <h2>${t('list.empty.title')}</h2>
      <p class="muted">${t('list.empty.body')}</p>
      <div class="actions center">
        <button class="primary" @click=${() => this.emit('open-scanner')}>${t('enroll.scan')}</button>
        <button @click=${() => this.emit('add-account')}>${t('list.add')}</button>
      </div>
      <button class="link" @click=${() => this.emit('open-guide')}>${t('guide.link')}</button>
    </section>`;
  }

  override render() {
    const visible = filterAccounts(this.accounts, this.query);
    const now = this.ticker.now;
    return html`<header>
        <div class="bar">
          <h1>${t('app.name')}</h1>
          <button class="primary enrol" data-testid="scan-qr" @click=${() => this.emit('open-scanner')}>${t('enroll.scan')}</button>
          <button class="enrol" data-testid="add-account" @click=${() => this.emit('add-account')}>${t('list.add')}</button>
          <button class="tool" data-testid="settings" @click=${() => this.emit('open-settings')}>
            <span class="icon">${gearIcon}</span><span class="label">${t('list.settings')}</span>
          </button>
          <button class="tool" data-testid="lock" @click=${() => this.emit('lock-vault')}>
            <span class="icon">${lockIcon}</span><span class="label">${t('list.lock')}</span>
          </button>
        </div>
        ${this.accounts.length > 0
          ? html`<div class="search">
              <label class="visually-hidden" for="search">${t('list.search')}</label>
              <input id="search" type="search" data-testid="search" placeholder=${t('list.searchPlaceholder')}
                autocomplete="off" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
            </div>`
          : ''}
      </header>
      <main>
        ${this.damaged > 0 ? html`<p class="page error-box" role="alert">${t('list.damaged', { count: this.damaged })}</p>` : ''}
        ${this.notBackedUp > 0 && this.accounts.length > 0
          ? html`<div class="backup-banner" role="status" data-testid="backup-banner">
              <span>${t(this.notBackedUp === 1 ? 'list.notBackedUpOne' : 'list.notBackedUp', { count: this.notBackedUp })}</span>
              <button data-testid="backup-now" @click=${() => this.emit('open-settings')}>${t('list.backupNow')}</button>
            </div>`
          : ''}
        ${this.accounts.length === 0
          ? this.renderEmpty()
          : visible.length === 0
            ? html`<p class="empty muted" role="status">${t('list.noMatches', { query: this.query })}</p>`
            : html`<ul aria-label=${t('list.count', { count: visible.length })}>
                ${repeat(visible, (a) => a.id, (a) => html`<li><omamori-code-card .account=${a} .now=${now}></omamori-code-card></li>`)}
              </ul>`}
      </main>`;
  }
}

customElements.define('omamori-code-list', OmamoriCodeList);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-code-list': OmamoriCodeList;
  }
}
