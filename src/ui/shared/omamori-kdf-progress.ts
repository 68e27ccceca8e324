import { LitElement, css, html, nothing } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from './locale-controller';
import { baseStyles } from './styles';
import { fire, type OmamoriEvent } from './events';

/**
 * What a screen shows while it derives a key: a spinner, its sentence, the step when there are
 * several, and Cancel (`kdf-cancel`). Pair it with a KdfRun (kdf-run.ts). Cancel takes the focus
 * when it appears: the button that started the work is disabled meanwhile.
 */
export class OmamoriKdfProgress extends LitElement {
  static override properties = { label: { type: String }, step: { type: Number }, steps: { type: Number } };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin-top: 1rem;
      }
      .busy {
        display: flex;
        gap: 0.75rem;
        align-items: center;
      }
      .spinner {
        flex: none;
        width: 1.25rem;
        height: 1.25rem;
        border: 3px solid var(--om-border);
        border-top-color: var(--om-accent);
        border-radius: 50%;
        animation: spin 0.9s linear infinite;
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation-duration: 3s;
        }
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
    `,
  ];

  declare label: string;
  declare step: number;
  declare steps: number;

  constructor() {
    super();
    this.label = '';
    this.step = 0;
    this.steps = 1;
    new LocaleController(this);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('button')?.focus();
  }

  override render() {
    const stepText = this.steps > 1 && this.step > 0 ? t('kdf.step', { step: this.step, steps: this.steps }) : '';
    return html`<div class="busy" role="status" data-testid="kdf-progress" data-step=${this.step}>
        <span class="spinner" aria-hidden="true"></span>
        <span>${this.label}${stepText ? html` <span class="muted">(${stepText})</span>` : nothing}</span>
      </div>
      <div class="actions">
        <button type="button" data-testid="kdf-cancel" @click=${() => fire(this, 'kdf-cancel')}>${t('kdf.cancel')}</button>
      </div>`;
  }
}

customElements.define('omamori-kdf-progress', OmamoriKdfProgress);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-kdf-progress': OmamoriKdfProgress;
  }
  interface HTMLElementEventMap {
    'kdf-cancel': OmamoriEvent;
  }
}
