import { LitElement, css, html } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from './locale-controller';
import { baseStyles } from './styles';
import { dismissToast, subscribeToasts, type Toast } from './toast-bus';

/** Shows the toast queue in a polite live region at the bottom of the screen. */
export class OmamoriToast extends LitElement {
  static override properties = { toasts: { state: true } };
  static override styles = [
    baseStyles,
    css`
      :host {
        position: fixed;
        inset: auto 0 max(1rem, env(safe-area-inset-bottom)) 0;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.5rem;
        pointer-events: none;
        z-index: 10;
      }
      .toast {
        pointer-events: auto;
        display: flex;
        align-items: center;
        gap: 0.75rem;
        max-width: min(32rem, calc(100vw - 2rem));
        padding: 0.5rem 0.5rem 0.5rem 1rem;
        border-radius: 12px;
        background: var(--om-text);
        color: var(--om-bg);
        box-shadow: var(--om-shadow);
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
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor() {
    super();
    this.toasts = [];
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = subscribeToasts((toasts) => {
      this.toasts = toasts;
      for (const toast of toasts) {
        if (toast.timeoutMs > 0 && !this.timers.has(toast.id)) {
          this.timers.set(
            toast.id,
            setTimeout(() => this.dismiss(toast.id), toast.timeoutMs),
          );
        }
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    dismissToast(id);
  }

  override render() {
    return html`<div role="status" aria-live="polite">
      ${this.toasts.map(
        (toast) => html`<div class="toast" data-testid="toast">
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
