import { LitElement, css, html, nothing, svg } from 'lit';
import type { SortMode } from '../../core/account-order';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';
import type { MenuItem } from '../shared/omamori-menu';

/** Sliders: the list's options (sort, select, reorder, groups). */
const optionsIcon = svg`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
  <path d="M4 7h10M18 7h2M4 17h4M12 17h8"/><circle cx="16" cy="7" r="2"/><circle cx="10" cy="17" r="2"/>
</svg>`;

export type ListMode = '' | 'select' | 'reorder';

/**
 * The list's options (one ⋮ menu: sort order, select, reorder, manage groups), the Done button of
 * reorder mode, and the group chips in one horizontally scrolling line. Loaded after the list.
 */
export class OmamoriListToolbar extends LitElement {
  static override properties = {
    groups: { attribute: false },
    group: { attribute: false },
    sortMode: { type: String },
    mode: { type: String },
    menuOpen: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      /* Its parts join the search line of the list's header (a wrapping flex row). */
      :host {
        display: contents;
      }
      .options {
        flex: none;
        display: inline-grid;
        place-items: center;
        min-width: 44px;
        padding: 0;
      }
      .done {
        flex: none;
        padding: 0.5rem 0.9rem;
        background: var(--om-accent-soft);
        border-color: var(--om-accent);
      }
      .chips {
        flex: 1 0 100%;
        display: flex;
        gap: 0.5rem;
        overflow-x: auto;
        padding: 0.125rem 0.125rem 0.25rem;
        scrollbar-width: thin;
      }
      .chips button {
        flex: none;
        min-height: 36px;
        padding: 0.25rem 0.9rem;
        white-space: nowrap;
      }
      .chips button[aria-pressed='true'] {
        background: var(--om-accent-soft);
        border-color: var(--om-accent);
        font-weight: 600;
      }
    `,
  ];

  declare groups: readonly string[];
  /** The chosen group; null = all accounts. */
  declare group: string | null;
  declare sortMode: SortMode;
  declare mode: ListMode;
  declare menuOpen: boolean;

  constructor() {
    super();
    this.groups = [];
    this.group = null;
    this.sortMode = 'custom';
    this.mode = '';
    this.menuOpen = false;
    new LocaleController(this);
  }

  private chip(label: string, value: string | null) {
    return html`<button data-testid="group-chip" aria-pressed=${this.group === value ? 'true' : 'false'} @click=${() => fire(this, 'group-change', value)}>${label}</button>`;
  }

  private items(): MenuItem[] {
    const sort = (mode: SortMode, label: string, first = false): MenuItem => ({
      id: `sort-${mode}`,
      label,
      testid: `sort-${mode}`,
      kind: 'radio',
      checked: this.sortMode === mode,
      separated: first,
    });
    const items: MenuItem[] = [
      sort('custom', t('list.sort.custom')),
      sort('issuer', t('list.sort.issuer')),
      sort('recent', t('list.sort.recent')),
      { id: 'select', label: t('list.select'), testid: 'mode-select', kind: 'checkbox', checked: this.mode === 'select', separated: true },
    ];
    if (this.sortMode === 'custom')
      items.push({ id: 'reorder', label: t('list.reorder'), testid: 'mode-reorder', kind: 'checkbox', checked: this.mode === 'reorder' });
    if (this.groups.length > 0) items.push({ id: 'groups', label: t('list.manageGroups'), testid: 'manage-groups' });
    return items;
  }

  private async open(): Promise<void> {
    await import('../shared/omamori-menu');
    this.menuOpen = true;
  }

  private onSelect(id: string): void {
    if (id.startsWith('sort-')) fire(this, 'sort-change', id.slice(5) as SortMode);
    else if (id === 'select' || id === 'reorder') fire(this, 'mode-change', this.mode === id ? '' : id);
    else if (id === 'groups') fire(this, 'manage-groups');
  }

  override render() {
    const opener = this.renderRoot.querySelector<HTMLElement>('[data-testid="list-options"]') ?? undefined;
    return html`<button class="options" data-testid="list-options" aria-haspopup="menu" aria-expanded=${this.menuOpen ? 'true' : 'false'}
        aria-label=${t('list.options')} title=${t('list.options')} @click=${() => void this.open()}>${optionsIcon}</button>
      ${
        this.mode === 'reorder'
          ? html`<button class="done" data-testid="reorder-done" @click=${() => fire(this, 'mode-change', '')}>${t('list.reorderDone')}</button>`
          : nothing
      }
      ${
        this.menuOpen
          ? html`<omamori-menu .items=${this.items()} .anchor=${opener} label=${t('list.options')}
            @menu-select=${(e: HTMLElementEventMap['menu-select']) => this.onSelect(e.detail)} @menu-closed=${() => (this.menuOpen = false)}></omamori-menu>`
          : nothing
      }
      ${
        this.groups.length > 0
          ? html`<div class="chips" role="group" aria-label=${t('list.groups')} data-testid="group-chips">
            ${this.chip(t('list.allGroups'), null)} ${this.groups.map((g) => this.chip(g, g))}
          </div>`
          : nothing
      }`;
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
