import { LitElement, html, nothing } from 'lit';
import { accountTitle, type Account } from '../../core/account';
import { applyOrder, filterByGroup, groupNames, sortAccounts, splitFavourites, type SortMode } from '../../core/account-order';
import { filterAccounts, prepareSearch } from '../../core/account-search';
import { getVault } from '../../services/browser/vault';
import type { ListKeysHost } from './list-keys-controller';
import { gearIcon, lockIcon, plusIcon } from '../shared/icons';
import { getLocale, loadAllMessages, t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { listStyles } from './list-styles';
import { BACKUP_BAR_SNOOZE_MS, PreferencesController, setPreference } from '../shared/preferences';
import { baseStyles, noticeBarStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { countLabel, memo, readGroup, saveGroup } from './list-state';
import { WINDOW_FROM, type MoveDetail, type OmamoriAccountGrid } from './omamori-account-grid';
import { loadMenus } from './omamori-code-card';
import type { ListMode } from './omamori-list-toolbar';
import { fire, type OmamoriEvent } from '../shared/events';

/** With no account to paint, the list's lazy extras load this long after it connects. */
const EXTRAS_WHEN_EMPTY_MS = 1000;

/**
 * The home screen: a short header (title, Add menu, settings, lock; search with the list's options
 * menu; group chips in one scrolling line), a one-line backup reminder, and the rows (favourites
 * first). (A little over 300 lines: the header, search, modes and the rows' arrangement share the
 * list's state.)
 */
export class OmamoriCodeList extends LitElement implements ListKeysHost {
  static override properties = {
    accounts: { attribute: false },
    partialOf: { attribute: false },
    damaged: { type: Number },
    notBackedUp: { type: Number },
    query: { state: true },
    group: { state: true },
    mode: { state: true },
    selected: { state: true },
    managing: { state: true },
    announcement: { state: true },
    addOpen: { state: true },
  };
  static override styles = [baseStyles, noticeBarStyles, listStyles];

  declare accounts: readonly Account[];
  /**
   * Set when `accounts` is only the first screen remembered from the last time (right after an
   * unlock): how many the whole list, which follows, holds.
   */
  declare partialOf: number | undefined;
  declare query: string;
  /** Records that failed to decrypt: hidden, never deleted, but the user is told. */
  declare damaged: number;
  /** Accounts added or changed since the last export: a banner suggests making a backup. */
  declare notBackedUp: number;
  /** The group chip chosen (kept for this tab's session); null = all. */
  declare group: string | null;
  declare mode: ListMode;
  declare selected: ReadonlySet<string>;
  declare managing: boolean;
  declare announcement: string;
  declare addOpen: boolean;
  private readonly prefs = new PreferencesController(this);
  private extras: Promise<unknown> | undefined;
  private menus: Awaited<ReturnType<typeof loadMenus>> | undefined;
  private readonly sorted = memo<Account[]>();
  private readonly groupList = memo<string[]>();
  private readonly inGroup = memo<readonly Account[]>();
  private readonly found = memo<readonly Account[]>();
  private readonly split = memo<{ favourites: Account[]; others: Account[] }>();

  constructor() {
    super();
    this.accounts = [];
    this.partialOf = undefined;
    this.query = '';
    this.damaged = 0;
    this.notBackedUp = 0;
    this.group = readGroup();
    this.mode = '';
    this.selected = new Set();
    this.managing = false;
    this.announcement = '';
    this.addOpen = false;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An empty vault paints no code to wait for.
    this.#emptyTimer = window.setTimeout(() => this.#loadExtras(), EXTRAS_WHEN_EMPTY_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#emptyTimer);
  }

  #emptyTimer: number | undefined;

  /**
   * The toolbar, the keyboard shortcuts and the "Ready to recover?" line are not needed for the
   * first code: loaded once it is painted (requested as the list connected, they were sometimes
   * fetched and run before it), to keep them out of the start-up's way.
   */
  #loadExtras(): void {
    clearTimeout(this.#emptyTimer);
    this.extras ??= Promise.all([
      import('./list-keys-controller').then(({ ListKeysController }) => new ListKeysController(this)),
      import('./omamori-list-toolbar'),
      // "Ready to recover?" line (#16): its words are in the full table, loaded first.
      loadAllMessages().then(() => import('../recovery/omamori-ready-bar')),
    ]).catch((err: unknown) => showToast({ message: presentError(err) }));
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('accounts')) {
      const accounts = this.accounts;
      // Fold names for search while idle, so the first keystroke is as quick as the others.
      const warm = (): void => prepareSearch(accounts);
      if ('requestIdleCallback' in window) requestIdleCallback(warm);
      else setTimeout(warm, 50);
    }
  }

  protected override updated(): void {
    // After the frame that paints the first codes.
    if (this.extras === undefined && this.accounts.length > 0) requestAnimationFrame(() => setTimeout(() => this.#loadExtras()));
    // What the whole list will show first after the next unlock, for its first screen (the vault
    // writes it only when it changed): in the sort mode, without the group chosen or the search,
    // which locking forgets.
    if (this.partialOf === undefined) void getVault().rememberFirstScreen(this.arrange().sorted);
  }

  private get grid(): OmamoriAccountGrid | null {
    return this.renderRoot.querySelector('omamori-account-grid');
  }

  private get sortMode(): SortMode {
    return this.prefs.value.sortMode;
  }

  /** Groups in use, the chosen one (if it still exists) and the accounts shown, in order. */
  private arrange() {
    const locale = getLocale();
    const groups = this.groupList([this.accounts, locale], () => groupNames(this.accounts, locale));
    const group = this.group !== null && groups.includes(this.group) ? this.group : null;
    const sorted = this.sorted([this.accounts, this.sortMode, locale], () => sortAccounts(this.accounts, this.sortMode, locale));
    const inGroup = this.inGroup([sorted, group], () => filterByGroup(sorted, group));
    const shown = this.found([inGroup, this.query], () => filterAccounts(inGroup, this.query));
    return { groups, group, sorted, shown, ...this.split([shown], () => splitFavourites(shown)) };
  }

  private emit(name: 'add-account' | 'lock-vault' | 'open-settings' | 'open-scanner' | 'open-guide'): void {
    fire(this, name);
  }

  // --- keyboard shortcuts (ListKeysHost)
  focusSearch(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }

  clearSearch(): boolean {
    if (this.query === '') return false;
    this.query = '';
    this.focusSearch();
    return true;
  }

  focusCard(delta: 1 | -1, fromSearch: boolean): void {
    const grid = this.grid;
    if (grid && !grid.focusCard(delta, fromSearch) && delta === -1 && grid.focusedId()) this.focusSearch();
  }

  moveFocusedCard(delta: 1 | -1): boolean {
    const grid = this.grid;
    const id = grid?.focusedId() ?? '';
    if (this.activeMode() !== 'reorder' || !grid || !id) return false;
    grid.move(id, grid.indexOf(id) + delta);
    return true;
  }

  // --- toolbar, selection, reorder
  private setGroup(group: string | null): void {
    this.group = group;
    saveGroup(group);
  }

  private setMode(mode: ListMode): void {
    this.mode = mode;
    this.selected = new Set();
    this.announcement = mode === 'reorder' ? t('list.reorderHint') : '';
    if (mode === 'select') void import('./omamori-select-bar');
  }

  /** Reordering only makes sense in custom order (the sort may change in another tab). */
  private activeMode(): ListMode {
    return this.mode === 'reorder' && this.sortMode !== 'custom' ? '' : this.mode;
  }

  private setSort(mode: SortMode): void {
    setPreference('sortMode', mode);
    if (mode !== 'custom' && this.mode === 'reorder') this.setMode('');
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private openManager(): void {
    void import('./omamori-group-manager').then(() => (this.managing = true));
  }

  private async onMove(detail: MoveDetail): Promise<void> {
    const grid = this.grid;
    const active = grid?.shadowRoot?.activeElement;
    const keep = active?.classList.contains('move-up') ? '.move-up' : active?.classList.contains('move-down') ? '.move-down' : '';
    const account = this.accounts.find((a) => a.id === detail.id);
    // Shown at once; the vault's own list follows and carries the same order.
    this.accounts = applyOrder(this.accounts, detail.ids);
    this.announcement = t('list.moved', { title: (account && accountTitle(account)) || t('card.noName'), position: detail.position, count: detail.count });
    void grid?.refocus(detail.id, keep);
    // `saving` on the host while order writes are pending (tests wait for it before a reload).
    this.#pendingSaves++;
    this.toggleAttribute('saving', true);
    try {
      await getVault().setOrder(detail.ids);
    } catch (err) {
      showToast({ message: presentError(err) });
    } finally {
      this.toggleAttribute('saving', --this.#pendingSaves > 0);
    }
  }

  #pendingSaves = 0;

  private backupText(): string {
    return t(this.notBackedUp === 1 ? 'list.notBackedUpOne' : 'list.notBackedUp', { count: this.notBackedUp });
  }

  // --- the Add menu: scan, setup key, another app (the menu element loads on first use)
  private readonly openAdd = async (): Promise<void> => {
    this.menus = await loadMenus();
    this.addOpen = true;
  };

  private onAdd(id: string): void {
    if (id === 'open-scanner' || id === 'add-account') this.emit(id);
    else if (id === 'open-import') fire(this, 'open-import');
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

  private renderCards(a: ReturnType<OmamoriCodeList['arrange']>) {
    if (a.shown.length === 0) {
      const message = this.query.trim() ? t('list.noMatches', { query: this.query }) : t('list.groupEmpty', { group: a.group ?? '' });
      return html`<p class="empty muted" data-testid="no-matches">${message}</p>`;
    }
    // Right after an unlock the first screen is named by the whole list's count, which follows it.
    const count = this.partialOf !== undefined && a.group === null && this.query === '' ? this.partialOf : a.shown.length;
    return html`<section aria-label=${countLabel(count)} data-testid="account-list">
      <omamori-account-grid .favourites=${a.favourites} .others=${a.others} ?large=${(this.partialOf ?? this.accounts.length) > WINDOW_FROM} .mode=${this.activeMode()} .selected=${this.selected}
        @toggle-select=${(e: HTMLElementEventMap['toggle-select']) => this.toggle(e.detail.id, e.detail.on)}
        @move-account=${(e: HTMLElementEventMap['move-account']) => void this.onMove(e.detail)}></omamori-account-grid>
    </section>`;
  }

  override render() {
    const has = this.accounts.length > 0;
    const a = this.arrange();
    const filtered = this.query.trim() !== '' || a.group !== null;
    const status = this.announcement || (filtered ? countLabel(a.shown.length) : '');
    return html`<header>
        <div class="bar">
          <h1>${t('app.name')}</h1>
          <button class="primary add" data-testid="add-account" aria-haspopup="menu" aria-expanded=${this.addOpen ? 'true' : 'false'} @click=${this.openAdd}>
            <span class="icon">${plusIcon}</span><span>${t('list.addMenu')}</span>
          </button>
          <button class="tool" data-testid="settings" aria-label=${t('list.settings')} title=${t('list.settings')} @click=${() => this.emit('open-settings')}>
            <span class="icon">${gearIcon}</span>
          </button>
          <button class="tool" data-testid="lock" aria-label=${t('list.lock')} title=${t('list.lock')} @click=${() => this.emit('lock-vault')}>
            <span class="icon">${lockIcon}</span>
          </button>
          ${
            this.addOpen && this.menus
              ? html`<omamori-menu .items=${this.menus.addMenuItems()} .anchor=${this.renderRoot.querySelector<HTMLElement>('[data-testid="add-account"]') ?? undefined} label=${t('list.addMenu')}
                @menu-select=${(e: HTMLElementEventMap['menu-select']) => this.onAdd(e.detail)} @menu-closed=${() => (this.addOpen = false)}></omamori-menu>`
              : nothing
          }
        </div>
        ${
          has
            ? html`<div class="search">
                <label class="visually-hidden" for="search">${t('list.search')}</label>
                <input id="search" type="search" data-testid="search" placeholder=${t('list.searchPlaceholder')} autocomplete="off" .value=${this.query}
                  @input=${(e: Event) => ((this.query = (e.target as HTMLInputElement).value), (this.announcement = ''))} />
                <omamori-list-toolbar .groups=${a.groups} .group=${a.group} .sortMode=${this.sortMode} .mode=${this.activeMode()}
                  @group-change=${(e: HTMLElementEventMap['group-change']) => this.setGroup(e.detail)} @sort-change=${(e: HTMLElementEventMap['sort-change']) => this.setSort(e.detail)}
                  @mode-change=${(e: HTMLElementEventMap['mode-change']) => this.setMode(e.detail)} @manage-groups=${() => this.openManager()}></omamori-list-toolbar>
              </div>`
            : nothing
        }
      </header>
      <main>
        <div class="visually-hidden" role="status" data-testid="list-status">${status}</div>
        ${this.damaged > 0 ? html`<p class="page error-box" role="alert">${t('list.damaged', { count: this.damaged })}</p>` : ''}
        ${
          this.notBackedUp > 0 && has && Date.now() >= this.prefs.value.backupBarHiddenUntil
            ? html`<div class="notice-bar" role="status" data-testid="backup-banner">
              <span class="text" title=${this.backupText()}>${this.backupText()}</span>
              <button class="link" data-testid="backup-now" @click=${() => this.emit('open-settings')}>${t('list.backupNow')}</button>
              <button class="close" data-testid="backup-later" aria-label=${t('list.backupLater')} title=${t('list.backupLater')}
                @click=${() => setPreference('backupBarHiddenUntil', Date.now() + BACKUP_BAR_SNOOZE_MS)}>×</button>
            </div>`
            : has
              ? html`<omamori-ready-bar></omamori-ready-bar>`
              : ''
        }
        ${
          this.mode === 'select' && has
            ? html`<omamori-select-bar .selected=${this.accounts.filter((x) => this.selected.has(x.id)).map((x) => x.id)} .groups=${a.groups} .group=${a.group}
              @select-all=${() => (this.selected = new Set(a.shown.map((x) => x.id)))} @select-done=${() => this.setMode('')}></omamori-select-bar>`
            : nothing
        }
        ${has ? this.renderCards(a) : this.renderEmpty()}
        ${
          this.managing
            ? html`<omamori-group-manager .accounts=${this.accounts} @group-manager-closed=${() => (this.managing = false)}
              @group-renamed=${(e: HTMLElementEventMap['group-renamed']) => this.group === e.detail.from && this.setGroup(e.detail.to)}></omamori-group-manager>`
            : nothing
        }
      </main>`;
  }
}

customElements.define('omamori-code-list', OmamoriCodeList);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-code-list': OmamoriCodeList;
  }
  interface HTMLElementEventMap {
    'add-account': OmamoriEvent;
    'lock-vault': OmamoriEvent;
    'open-settings': OmamoriEvent;
  }
}
