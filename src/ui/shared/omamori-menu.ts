/**
 * @file `<omamori-menu>`: the one small action menu (a row's ⋮ menu, the list's Add and options
 * menus). Loaded on first open, so the start-up bundle carries only the buttons that open it.
 *
 * It is a `popover="auto"` host, so it sits in the top layer: no row of the windowed list can
 * paint over it, and the browser closes it on Escape or a click outside. Keyboard: focus goes to
 * the first item, ArrowUp/ArrowDown/Home/End move, Tab closes; on close, focus returns to the
 * opener (unless the chosen action moved it elsewhere). Positioned through the CSSOM (the CSP
 * allows no style attributes).
 */
import { LitElement, css, html, nothing } from 'lit';
import { baseStyles } from './styles';
import { fire, type OmamoriEvent } from './events';
import { placeMenu } from './menu-place';

export interface MenuItem {
  id: string;
  label: string;
  testid: string;
  /** menuitemradio / menuitemcheckbox when set. */
  kind?: 'radio' | 'checkbox';
  checked?: boolean;
  danger?: boolean;
  disabled?: boolean;
  /** Draws a line above the item (a new group of actions). */
  separated?: boolean;
}

/** Where the menu opens: under (or above) an element, or at a point (context menu). */
export type MenuAnchor = HTMLElement | { x: number; y: number };

export class OmamoriMenu extends LitElement {
  static override properties = {
    items: { attribute: false },
    label: { type: String },
    anchor: { attribute: false },
  };
  static override styles = [
    baseStyles,
    css`
      :host {
        position: fixed;
        inset: auto;
        margin: 0;
        padding: 0.25rem;
        min-width: 12rem;
        max-width: min(20rem, calc(100vw - 16px));
        border: 1px solid var(--om-border);
        border-radius: 12px;
        background: var(--om-surface);
        color: var(--om-text);
        box-shadow: var(--om-shadow);
      }
      [role='menu'] {
        display: flex;
        flex-direction: column;
      }
      button {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        width: 100%;
        min-height: 44px;
        padding: 0.5rem 0.75rem;
        border: none;
        border-radius: 8px;
        background: none;
        text-align: start;
        font-weight: 400;
      }
      button:hover,
      button:focus-visible {
        background: var(--om-surface-2);
      }
      button.sep {
        border-top: 1px solid var(--om-border);
        border-radius: 0 0 8px 8px;
      }
      .mark {
        flex: none;
        width: 1rem;
        font-weight: 700;
        color: var(--om-accent);
      }
    `,
  ];

  declare items: readonly MenuItem[];
  declare label: string;
  declare anchor: MenuAnchor | undefined;
  private chosen = false;

  constructor() {
    super();
    this.items = [];
    this.label = '';
    this.anchor = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('popover', 'auto');
    this.addEventListener('toggle', this.onToggle as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('toggle', this.onToggle as EventListener);
  }

  protected override async firstUpdated(): Promise<void> {
    this.showPopover();
    this.place();
    await this.updateComplete;
    this.buttons()[0]?.focus();
  }

  private buttons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
  }

  private place(): void {
    const a = this.anchor;
    const box = a instanceof HTMLElement ? a.getBoundingClientRect() : a ? { left: a.x, right: a.x, top: a.y, bottom: a.y } : undefined;
    if (!box) return;
    const { left, top } = placeMenu(box, this.offsetWidth, this.offsetHeight, innerWidth, innerHeight);
    this.style.setProperty('left', `${left}px`);
    this.style.setProperty('top', `${top}px`);
  }

  private readonly onToggle = (e: ToggleEvent): void => {
    if (e.newState !== 'closed') return;
    // Focus back on the opener, unless an action took the user somewhere else.
    if (!this.chosen && this.anchor instanceof HTMLElement) this.anchor.focus();
    fire(this, 'menu-closed');
  };

  private choose(item: MenuItem): void {
    this.chosen = true;
    if (this.anchor instanceof HTMLElement) this.anchor.focus();
    this.hidePopover();
    fire(this, 'menu-select', item.id);
  }

  private onKey(e: KeyboardEvent): void {
    const list = this.buttons();
    const at = list.indexOf(this.renderRoot.querySelector<HTMLButtonElement>('button:focus') ?? list[0]!);
    const go = (i: number): void => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Tab') this.hidePopover();
    // Keys handled here are the menu's own: the list's shortcuts must not see them.
    if (e.key.startsWith('Arrow') || e.key === 'Escape') e.stopPropagation();
  }

  override render() {
    // Items line up: with any checkable item, every item keeps the space of the check mark.
    const marks = this.items.some((i) => i.kind);
    return html`<div role="menu" aria-label=${this.label} @keydown=${this.onKey}>
      ${this.items.map((item) => {
        const role = item.kind === 'radio' ? 'menuitemradio' : item.kind === 'checkbox' ? 'menuitemcheckbox' : 'menuitem';
        return html`<button role=${role} data-testid=${item.testid} class="${item.danger ? 'danger' : ''} ${item.separated ? 'sep' : ''}"
          aria-checked=${item.kind ? (item.checked ? 'true' : 'false') : nothing} ?disabled=${item.disabled === true} @click=${() => this.choose(item)}>
          ${marks ? html`<span class="mark" aria-hidden="true">${item.checked ? '✓' : ''}</span>` : nothing}${item.label}
        </button>`;
      })}
    </div>`;
  }
}

customElements.define('omamori-menu', OmamoriMenu);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-menu': OmamoriMenu;
  }
  interface HTMLElementEventMap {
    'menu-select': OmamoriEvent<string>;
    'menu-closed': OmamoriEvent;
  }
}
