import { LitElement, css, html, nothing } from 'lit';
import type { SortMode } from '../../core/account-order';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';

export type ListMode = '' | 'select' | 'reorder';

/** Group chips, the sort order and the select/reorder/manage buttons above the cards. */
export class OmamoriListToolbar extends LitElement {
  static override properties = {
    groups: { attribute: false },
    group: { attribute: false },
    sortMode: { type: String },
    mode: { type: String },
  };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 64rem;
        margin: 0.5rem auto 0;
      }
      .chips {
        display: flex;
        gap: 0.5rem;
        overflow-x: auto;
        padding: 0.25rem 0.25rem 0.5rem;
        scrollbar-width: thin;
      }
      .chips button {
        flex: none;
        min-height: 40px;
        padding: 0.25rem 0.9rem;
        white-space: nowrap;
      }
      .chips button[aria-pressed='true'] {
        background: var(--om-accent-soft);
        border-color: var(--om-accent);
        font-weight: 600;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      .sort {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        margin: 0;
        font-weight: 400;
      }
      .sort select {
        width: auto;
        min-height: 40px;
        padding: 0.25rem 0.5rem;
      }
      .tools button {
        min-height: 40px;
        padding: 0.25rem 0.9rem;
      }
      .tools button[aria-pressed='true'] {
        background: var(--om-accent-soft);
        border-color: var(--om-accent);
      }
    `,
  ];

  declare groups: readonly string[];
  /** The chosen group; null = all accounts. */
  declare group: string | null;
  declare sortMode: SortMode;
  declare mode: ListMode;

  constructor() {
    super();
    this.groups = [];
    this.group = null;
    this.sortMode = 'custom';
    this.mode = '';
    new LocaleController(this);
  }

  private chip(label: string, value: string | null) {
    return html`<button data-testid="group-chip" aria-pressed=${this.group === value ? 'true' : 'false'} @click=${() => fire(this, 'group-change', value)}>${label}</button>`;
  }

  private modeButton(mode: 'select' | 'reorder', label: string) {
    const on = this.mode === mode;
    return html`<button data-testid=${`mode-${mode}`} aria-pressed=${on ? 'true' : 'false'} @click=${() => fire(this, 'mode-change', on ? '' : mode)}>
      ${on ? t('list.done') : label}
    </button>`;
  }

  override render() {
    return html`${
      this.groups.length > 0
        ? html`<div class="chips" role="group" aria-label=${t('list.groups')} data-testid="group-chips">
            ${this.chip(t('list.allGroups'), null)} ${this.groups.map((g) => this.chip(g, g))}
          </div>`
        : nothing
    }
      <div class="tools">
        <label class="sort">
          <span>${t('list.sort')}</span>
          <select data-testid="sort-mode" .value=${this.sortMode} @change=${(e: Event) => fire(this, 'sort-change', (e.target as HTMLSelectElement).value as SortMode)}>
            <option value="custom" ?selected=${this.sortMode === 'custom'}>${t('list.sort.custom')}</option>
            <option value="issuer" ?selected=${this.sortMode === 'issuer'}>${t('list.sort.issuer')}</option>
            <option value="recent" ?selected=${this.sortMode === 'recent'}>${t('list.sort.recent')}</option>
          </select>
        </label>
        ${this.modeButton('select', t('list.select'))} ${this.sortMode === 'custom' ? this.modeButton('reorder', t('list.reorder')) : nothing}
        ${this.groups.length > 0 ? html`<button data-testid="manage-groups" @click=${() => fire(this, 'manage-groups')}>${t('list.manageGroups')}</button>` : nothing}
      </div>`;
  }
}

customElements.define('omamori-list-toolbar', OmamoriListToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-list-toolbar': OmamoriListToolbar;
  }
  interface HTMLElementEventMap {
    'group-change': OmamoriEvent<string | null>;
    'sort-change': OmamoriEvent<SortMode>;
    'mode-change': OmamoriEvent<ListMode>;
    'manage-groups': OmamoriEvent;
  }
}
