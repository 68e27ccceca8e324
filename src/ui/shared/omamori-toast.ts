import { LitElement, css, html, unsafeCSS } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from './locale-controller';
import { baseStyles } from './styles';
import { dismissToast, planToasts, subscribeToasts, type Toast } from './toast-bus';

/** A phone: one passing toast at a time, the width of the screen less its margins. */
const PHONE = '(max-width: 480px)';
/** Screens change under a toast (a form closes, a QR code appears): its place is checked this often. */
const RECHECK_MS = 300;

type Layout = typeof import('./toast-layout');
/** The placement code, loaded with the first toast (until then, and if it cannot load: bottom centre). */
let layout: Layout | undefined;

/** The focused control, through open shadow roots; none when it is the body or inside a toast. */
function deepActiveElement(): Element | undefined {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement && el.localName !== 'omamori-toast') el = el.shadowRoot.activeElement;
  return el && el !== document.body && el !== document.documentElement && el.localName !== 'omamori-toast' ? el : undefined;
}

/**
 * Shows the toast queue in a polite live region. Where: toast-place.ts (never over a QR code or
 * the controls the toast follows); which and for how long: planToasts in toast-bus.ts. While a
 * toast is shown the page is padded by its height at the end (`--om-toast-space`, global.css), so
 * the end of every screen can be scrolled clear of it.
 */
export class OmamoriToast extends LitElement {
  static override properties = { toasts: { state: true } };
  static override styles = [
    baseStyles,
    css`
      :host {
        position: fixed;
        inset: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);
        pointer-events: none;
        z-index: 10;
      }
      .stack {
        position: absolute;
        /* Until toast-layout.ts has placed it: bottom centre. */
        bottom: 0.5rem;
        left: 50%;
        transform: translateX(-50%);
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        width: max-content;
        max-width: min(32rem, calc(100% - 2rem));
      }
      .stack.placed {
        bottom: auto;
        transform: none;
      }
      .toast {
        pointer-events: auto;
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.25rem 0.25rem 0.25rem 1rem;
        border-radius: 12px;
        background: var(--om-text);
        color: var(--om-bg);
        box-shadow: var(--om-shadow);
        line-height: 1.35;
      }
      @media ${unsafeCSS(PHONE)} {
        .stack {
          width: calc(100% - 1rem);
          max-width: none;
        }
      }
      .toast span {
        flex: 1;
        /* A long unbroken account name wraps instead of running off the toast. */
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .toast button {
        min-height: 40px;
        background: transparent;
        color: var(--om-bg);
        border-color: transparent;
        font-weight: 600;
      }
    `,
  ];

  declare toasts: readonly Toast[];
  private unsubscribe: (() => void) | undefined;
  readonly #shownAt = new Map<number, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #recheck: ReturnType<typeof setInterval> | undefined;
  #frame = 0;
  readonly #phone = matchMedia(PHONE);
  readonly #resize = new ResizeObserver(() => this.#schedulePlace());
  readonly #onViewport = (): void => this.#schedulePlace();
  readonly #onPhoneChange = (): void => this.requestUpdate();

  constructor() {
    super();
    this.toasts = [];
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = subscribeToasts((toasts) => (this.toasts = toasts));
    addEventListener('scroll', this.#onViewport, { capture: true, passive: true });
    addEventListener('resize', this.#onViewport);
    this.#phone.addEventListener('change', this.#onPhoneChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    removeEventListener('scroll', this.#onViewport, { capture: true });
    removeEventListener('resize', this.#onViewport);
    this.#phone.removeEventListener('change', this.#onPhoneChange);
    this.#resize.disconnect();
    clearTimeout(this.#timer);
    clearInterval(this.#recheck);
    this.#recheck = undefined;
    cancelAnimationFrame(this.#frame);
    document.documentElement.style.removeProperty('--om-toast-space');
  }

  #plan() {
    return planToasts(this.toasts, this.#shownAt, Date.now(), this.#phone.matches ? 1 : 3);
  }

  /** One timer, for the next toast due; a toast holding the keyboard focus (Undo, Reload) waits for it to leave. */
  #arm(due: ReadonlyMap<number, number>): void {
    clearTimeout(this.#timer);
    const focused = this.#focused();
    const times = [...due].filter(([id]) => !focused.has(id)).map(([, at]) => at);
    if (times.length === 0) return;
    this.#timer = setTimeout(
      () => {
        const held = this.#focused();
        for (const [id, at] of this.#plan().due) if (at <= Date.now() && !held.has(id)) this.dismiss(id);
        // If nothing went (the focus moved into the toast meanwhile), this re-arms for the rest.
        this.requestUpdate();
      },
      Math.max(0, Math.min(...times) - Date.now()),
    );
  }

  #focused(): Set<number> {
    return new Set([...this.renderRoot.querySelectorAll<HTMLElement>('.toast:focus-within')].map((el) => Number(el.dataset.id)));
  }

  private dismiss(id: number): void {
    this.#shownAt.delete(id);
    dismissToast(id);
  }

  #schedulePlace(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#place());
  }

  /** Moves the stack clear of what it must not cover, and reserves its height at the page's end. */
  #place(): void {
    const stack = this.renderRoot.querySelector<HTMLElement>('.stack');
    const root = document.documentElement.style;
    if (!stack || stack.childElementCount === 0) {
      root.removeProperty('--om-toast-space');
      return;
    }
    if (!layout) {
      import('./toast-layout').then(
        (mod) => {
          layout = mod;
          this.#place();
        },
        () => undefined,
      );
      root.setProperty('--om-toast-space', `${stack.offsetHeight + 16}px`);
      return;
    }
    stack.classList.add('placed');
    layout.setIfChanged(root, '--om-toast-space', `${layout.layOutToasts(this, stack, deepActiveElement())}px`);
  }

  override updated(): void {
    const { shown, due } = this.#plan();
    const now = Date.now();
    for (const toast of shown) if (!this.#shownAt.has(toast.id)) this.#shownAt.set(toast.id, now);
    for (const id of this.#shownAt.keys()) if (!this.toasts.some((t) => t.id === id)) this.#shownAt.delete(id);
    this.#arm(due);
    const stack = this.renderRoot.querySelector<HTMLElement>('.stack');
    if (stack) this.#resize.observe(stack);
    this.#place();
    if (shown.length > 0 && this.#recheck === undefined) this.#recheck = setInterval(() => this.#place(), RECHECK_MS);
    if (shown.length === 0) {
      clearInterval(this.#recheck);
      this.#recheck = undefined;
    }
  }

  override render() {
    const { shown } = this.#plan();
    return html`<div class="stack" role="status" aria-live="polite" @focusout=${() => this.requestUpdate()}>
      ${shown.map(
        (toast) => html`<div class="toast" data-testid="toast" data-id=${toast.id}>
          <span>${toast.message}</span>
          ${
            toast.actionLabel
              ? html`<button
                @click=${() => {
                  this.dismiss(toast.id);
                  toast.onAction?.();
                }}
              >
                ${toast.actionLabel}
              </button>`
              : html`<button aria-label=${t('dismiss')} @click=${() => this.dismiss(toast.id)}>✕</button>`
          }
        </div>`,
      )}
    </div>`;
  }
}

customElements.define('omamori-toast', OmamoriToast);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-toast': OmamoriToast;
  }
}
