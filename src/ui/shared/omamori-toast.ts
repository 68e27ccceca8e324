import { LitElement, css, html } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from './locale-controller';
import { baseStyles } from './styles';
import { dismissToast, subscribeToasts, type Toast } from './toast-bus';
import type { ToastLayout } from './toast-layout';

/**
 * Shows the toast queue in a polite live region, there from the start so the first toast is
 * announced. Which toasts show, for how long and where (never over a QR code or the controls the
 * toast follows; one passing toast at a time on a phone, ≤ 480 px) is decided by ToastLayout
 * (toast-layout.ts), loaded with the first toast to keep start-up as small as it was; until it is
 * here (and if it cannot load) the queue shows as it is, at bottom centre.
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
      @media (max-width: 480px) {
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
  #layout: ToastLayout | undefined;
  #loading = false;

  constructor() {
    super();
    this.toasts = [];
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = subscribeToasts((toasts) => {
      this.toasts = toasts;
      if (toasts.length > 0 && !this.#loading) {
        this.#loading = true;
        import('./toast-layout').then(
          ({ ToastLayout }) => (this.#layout = new ToastLayout(this)),
          () => undefined,
        );
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  dismiss(id: number): void {
    this.#layout?.forget(id);
    dismissToast(id);
  }

  override render() {
    const shown = this.#layout?.shown() ?? this.toasts;
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
