import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { accountTitle, type Account } from '../../core/account';
import { chunkRows, moveItem } from '../../core/account-order';
import { ColumnsController } from './columns-controller';
import { PreferencesController } from '../shared/preferences';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { gridStyles } from './list-styles';
import { baseStyles } from '../shared/styles';
import type { virtualize as VirtualizeFn } from '@lit-labs/virtualizer/virtualize.js';
import './omamori-code-card';
import { fire, type OmamoriEvent } from '../shared/events';

/** From this many cards on, only the visible rows are in the DOM (the virtualizer loads lazily). */
export const WINDOW_FROM = 200;
/** What is shown over the virtualizer while it loads and draws its first rows (a few screens). */
const FIRST_CARDS = 60;
/**
 * Cards in the page's first paint of the list, in whole rows: a phone's screen (a 390 × 844 phone
 * shows 10). The rest follow in steps of NEXT_CARDS, one a frame. Rendering, styling and laying
 * out each card is ~2 ms on this project's 2-core machine: 24 cards in the first paint made it a
 * task of 60-90 ms, and the rest of a 200-card list at once a task of ~300 ms right after (#13).
 */
const FIRST_PAINT_CARDS = 12;
const NEXT_CARDS = 24;
/** Whether the page has painted a list yet: only its first list is painted in steps. */
let firstListPainted = false;

type Section = 'favourites' | 'others';
type Row = { key: string; heading: string } | { key: string; section: Section; start: number; cards: Account[] };
type Virtualize = typeof VirtualizeFn;

let virtualizeFn: Virtualize | undefined;
let loading: Promise<Virtualize> | undefined;
function loadVirtualizer(): Promise<Virtualize> {
  loading ??= import('@lit-labs/virtualizer/virtualize.js').then((m) => (virtualizeFn = m.virtualize));
  return loading;
}

export interface MoveDetail {
  /** The section's ids in their new order (for vault.setOrder). */
  ids: string[];
  id: string;
  /** 1-based place in the section, and the section's length. */
  position: number;
  count: number;
}

/** The account rows, favourites first, in columns on wide screens; windowed for large vaults; selection and reorder modes. */
export class OmamoriAccountGrid extends LitElement {
  static override properties = {
    favourites: { attribute: false },
    others: { attribute: false },
    mode: { type: String },
    large: { type: Boolean },
    selected: { attribute: false },
    ready: { state: true },
    shownCards: { state: true },
    windowStarted: { state: true },
    windowShown: { state: true },
  };
  static override styles = [baseStyles, gridStyles];

  declare favourites: readonly Account[];
  declare others: readonly Account[];
  declare mode: '' | 'select' | 'reorder';
  /** A large vault (over WINDOW_FROM accounts): windowed even while a search shows few, so
   *  typing never switches between the two ways of rendering. */
  declare large: boolean;
  declare selected: ReadonlySet<string>;
  declare ready: boolean;
  /** How many cards are rendered, in whole rows (Infinity: all): the page's first list fills in over a few frames. */
  declare shownCards: number;
  /**
   * Windowed: whether the virtualizer is there yet (not in this grid's first paint), and whether it
   * has drawn its first rows. Until then the first rows are drawn plainly, over it: its first
   * layout (measuring rows through ResizeObserver) made the frame of the first code ~75-100 ms
   * longer at 1,000-10,000 accounts, and a grid that waited for it showed blank frames.
   */
  declare windowStarted: boolean;
  declare windowShown: boolean;
  private readonly cols = new ColumnsController(this);
  private readonly prefs = new PreferencesController(this);
  private rowsMemo: { favourites: readonly Account[]; others: readonly Account[]; cols: number; headings: string; rows: Row[] } | undefined;
  private dragId = '';
  private overId = '';

  constructor() {
    super();
    this.favourites = [];
    this.others = [];
    this.mode = '';
    this.large = false;
    this.selected = new Set();
    this.ready = virtualizeFn !== undefined;
    this.windowStarted = false;
    this.windowShown = false;
    this.shownCards = firstListPainted ? Infinity : FIRST_PAINT_CARDS;
    firstListPainted = true;
    new LocaleController(this);
  }

  get total(): number {
    return this.favourites.length + this.others.length;
  }

  private get windowed(): boolean {
    return this.large || this.total > WINDOW_FROM;
  }

  protected override willUpdate(): void {
    if (this.windowed && !this.ready) void loadVirtualizer().then(() => (this.ready = true));
  }

  protected override firstUpdated(): void {
    // After the frame that paints the first cards, a task starts the virtualizer (windowed), or
    // renders the next cards, and so on after each frame until every card is there.
    const next = (): void => {
      requestAnimationFrame(() =>
        setTimeout(() => {
          this.windowStarted = true;
          this.shownCards = this.windowed || this.shownCards + NEXT_CARDS >= this.total ? Infinity : this.shownCards + NEXT_CARDS;
          if (this.shownCards !== Infinity) next();
        }),
      );
    };
    next();
  }

  /** Rows of whole card lines (and section headings), rebuilt only when the input changes. */
  private rows(): Row[] {
    const { favourites, others } = this;
    const cols = this.cols.columns;
    const headings = `${t('list.favourites')}|${t('list.others')}`;
    const m = this.rowsMemo;
    if (m && m.favourites === favourites && m.others === others && m.cols === cols && m.headings === headings) return m.rows;
    const rows: Row[] = [];
    const both = favourites.length > 0 && others.length > 0;
    const add = (section: Section, list: readonly Account[]): void => {
      if (both) rows.push({ key: `h-${section}`, heading: t(section === 'favourites' ? 'list.favourites' : 'list.others') });
      chunkRows(list, cols).forEach((cards, i) => rows.push({ key: `${section}-${i}`, section, start: i * cols, cards }));
    };
    if (favourites.length > 0) add('favourites', favourites);
    add('others', others);
    this.rowsMemo = { favourites, others, cols, headings, rows };
    return rows;
  }

  private list(section: Section): readonly Account[] {
    return section === 'favourites' ? this.favourites : this.others;
  }

  /** Moves a card within its section and reports the new order. */
  move(id: string, to: number): void {
    const section: Section = this.favourites.some((a) => a.id === id) ? 'favourites' : 'others';
    const ids = this.list(section).map((a) => a.id);
    const from = ids.indexOf(id);
    const target = Math.max(0, Math.min(ids.length - 1, to));
    if (from < 0 || target === from) return;
    const next = moveItem(ids, from, target);
    const detail: MoveDetail = { ids: next, id, position: target + 1, count: ids.length };
    fire(this, 'move-account', detail);
  }

  /** The focused card's id (focus on its code, its checkbox or its move buttons). */
  focusedId(): string {
    const active = this.shadowRoot?.activeElement;
    return active?.closest<HTMLElement>('.cell')?.dataset.id ?? '';
  }

  indexOf(id: string): number {
    const fav = this.favourites.findIndex((a) => a.id === id);
    return fav >= 0 ? fav : this.others.findIndex((a) => a.id === id);
  }

  focusCard(delta: 1 | -1, fromStart: boolean): boolean {
    const cells = [...(this.shadowRoot?.querySelectorAll<HTMLElement>('.cell') ?? [])];
    const current = fromStart ? -1 : cells.findIndex((c) => c.dataset.id === this.focusedId());
    const next = current < 0 ? (delta === 1 ? cells[0] : undefined) : cells[current + delta];
    if (next === undefined) return false;
    this.focusCode(next);
    return true;
  }

  /** Puts focus on a card's code button (Enter then copies it). */
  focusCode(cell: Element | null | undefined): void {
    const card = cell?.querySelector('omamori-code-card');
    const button = card?.shadowRoot?.querySelector<HTMLElement>('[data-testid="copy"]');
    (button ?? card)?.focus();
    cell?.scrollIntoView({ block: 'nearest' });
  }

  /** After a move re-rendered the rows: focus goes back to the moved card. */
  async refocus(id: string, selector = ''): Promise<void> {
    await this.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    const cell = this.shadowRoot?.querySelector(`.cell[data-id="${CSS.escape(id)}"]`);
    const target = selector ? cell?.querySelector<HTMLElement>(selector) : null;
    if (target && !target.hasAttribute('disabled')) target.focus();
    else this.focusCode(cell);
  }

  private toggle(id: string, on: boolean): void {
    fire(this, 'toggle-select', { id, on });
  }

  private onDragStart(e: DragEvent, id: string): void {
    this.dragId = id;
    if (e.dataTransfer) {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('application/x-omamori-account', id);
    }
  }

  private onDragOver(e: DragEvent, id: string, section: Section): void {
    if (!this.dragId || !this.list(section).some((a) => a.id === this.dragId)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
    if (this.overId !== id) {
      this.overId = id;
      this.requestUpdate();
    }
  }

  private onDrop(e: DragEvent, index: number): void {
    e.preventDefault();
    const id = this.dragId;
    this.onDragEnd();
    if (id) this.move(id, index);
  }

  private onDragEnd(): void {
    this.dragId = '';
    this.overId = '';
    this.requestUpdate();
  }

  private renderCell(a: Account, section: Section, index: number): TemplateResult {
    const title = accountTitle(a) || t('card.noName');
    const reorder = this.mode === 'reorder';
    const last = this.list(section).length - 1;
    return html`<div class="cell ${reorder ? 'reorder' : ''} ${this.overId === a.id ? 'over' : ''}" data-id=${a.id} data-testid="cell"
      draggable=${reorder ? 'true' : 'false'} @dragstart=${reorder ? (e: DragEvent) => this.onDragStart(e, a.id) : nothing}
      @dragover=${reorder ? (e: DragEvent) => this.onDragOver(e, a.id, section) : nothing}
      @drop=${reorder ? (e: DragEvent) => this.onDrop(e, index) : nothing} @dragend=${reorder ? () => this.onDragEnd() : nothing}>
      ${
        this.mode === 'select'
          ? html`<label class="pick"><input type="checkbox" data-testid="select-account" aria-label=${t('list.selectAccount', { title })}
            .checked=${this.selected.has(a.id)} @change=${(e: Event) => this.toggle(a.id, (e.target as HTMLInputElement).checked)} /></label>`
          : nothing
      }
      <omamori-code-card .account=${a}></omamori-code-card>
      ${
        reorder
          ? html`<div class="moves">
            <button class="move-up" data-testid="move-up" ?disabled=${index === 0} aria-label=${t('list.moveUp', { title })} @click=${() => this.move(a.id, index - 1)}>↑</button>
            <button class="move-down" data-testid="move-down" ?disabled=${index === last} aria-label=${t('list.moveDown', { title })} @click=${() => this.move(a.id, index + 1)}>↓</button>
          </div>`
          : nothing
      }
    </div>`;
  }

  private renderRow(row: Row): TemplateResult {
    if ('heading' in row) return html`<h2 data-testid="section-heading">${row.heading}</h2>`;
    return html`<div class="row">${repeat(
      row.cards,
      (a) => a.id,
      (a, i) => this.renderCell(a, row.section, row.start + i),
    )}</div>`;
  }

  /** Compact density also tightens the space between rows. */
  private get density(): string {
    return this.prefs.value.density === 'compact' ? 'compact' : '';
  }

  override render() {
    const rows = this.rows();
    const windowed = this.windowed;
    const plain = (shown: readonly Row[], cls = ''): TemplateResult =>
      html`<div class="rows ${cls} ${this.density}">${repeat(
        shown,
        (r) => r.key,
        (r) => this.renderRow(r),
      )}</div>`;
    const first = (cards: number): Row[] => rows.slice(0, Math.max(1, Math.ceil(cards / this.cols.columns)));
    if (!windowed) return plain(this.shownCards === Infinity ? rows : first(this.shownCards));
    // Only the rows in (and near) the viewport are rendered. The grid itself has no clock: each
    // row re-renders when its own code changes (TickerController with a key, #19). Until its first
    // rows are drawn, the plain first rows stay over it (a first paint's worth, then a few screens
    // while it loads), and it is hidden from assistive technology. One structure throughout, so
    // that neither is drawn twice.
    const over = this.windowShown ? nothing : plain(first(this.windowStarted ? FIRST_CARDS : FIRST_PAINT_CARDS), 'over');
    const virtual =
      virtualizeFn !== undefined && this.windowStarted
        ? html`<div class="rows ${this.density}" ?inert=${!this.windowShown} aria-hidden=${this.windowShown ? nothing : 'true'}
            @rangeChanged=${() => (this.windowShown = true)}>${virtualizeFn({ items: rows, keyFunction: (r: Row) => r.key, renderItem: (r: Row) => this.renderRow(r) })}</div>`
        : nothing;
    return html`<div class="stack">${over}${virtual}</div>`;
  }
}

customElements.define('omamori-account-grid', OmamoriAccountGrid);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-account-grid': OmamoriAccountGrid;
  }
  interface HTMLElementEventMap {
    'move-account': OmamoriEvent<MoveDetail>;
    'toggle-select': OmamoriEvent<{ id: string; on: boolean }>;
  }
}
