import { LitElement, css, html, svg, nothing } from 'lit';
import { accountTitle, type Account } from '../core/account';
import { generateCode, groupCode, hotpCode, nextCode, totpState } from '../core/codes';
import { getVault } from './app-services';
import { LocaleController, t } from './i18n/i18n';
import { presentError } from './i18n/present-error';
import { baseStyles } from './shared-styles';
import { showToast } from './toast-bus';

const NEXT_CODE_THRESHOLD_MS = 5000;
const RING = 2 * Math.PI * 16;

/** One account: its live code, countdown, copy on tap; HOTP draws its next code on request. */
export class OmamoriCodeCard extends LitElement {
  static override properties = {
    account: { attribute: false },
    now: { type: Number },
    copied: { state: true },
    hotpShown: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      article {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.25rem 0.75rem;
        align-items: center;
        padding: 0.75rem 1rem;
        background: var(--om-surface);
        border: 1px solid var(--om-border);
        border-radius: var(--om-radius);
      }
      .names {
        min-width: 0;
      }
      .issuer {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .name {
        color: var(--om-text-muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      .code {
        display: flex;
        min-width: 0;
        align-items: baseline;
        gap: 1rem;
        flex-wrap: wrap;
        border: none;
        background: none;
        padding: 0;
        border-radius: 8px;
        min-height: 48px;
        text-align: start;
      }
      .digits {
        font-family: var(--om-mono);
        font-size: clamp(1.75rem, 8vw, 2.25rem);
        font-weight: 600;
        letter-spacing: 0.04em;
        color: var(--om-accent);
        font-variant-numeric: tabular-nums;
      }
      .next,
      .copied {
        font-size: 0.9rem;
        color: var(--om-text-muted);
      }
      .copied {
        color: var(--om-ok);
        font-weight: 600;
      }
      .ring {
        justify-self: end;
        width: 40px;
        height: 40px;
        position: relative;
        display: grid;
        place-items: center;
        font-size: 0.8rem;
        font-variant-numeric: tabular-nums;
      }
      .ring svg {
        position: absolute;
        inset: 0;
        transform: rotate(-90deg);
      }
      .ring circle {
        fill: none;
        stroke-width: 4;
      }
      .ring .track {
        stroke: var(--om-surface-2);
      }
      .ring .bar {
        stroke: var(--om-accent);
      }
      .ring.low .bar {
        stroke: var(--om-danger);
      }
      .tools {
        display: flex;
        gap: 0.25rem;
        justify-content: flex-end;
        align-self: end;
      }
      .menu-button {
        min-height: 40px;
        min-width: 40px;
        padding: 0 0.6rem;
        font-size: 0.875rem;
      }
    `,
  ];

  declare account: Account;
  declare now: number;
  declare copied: boolean;
  declare hotpShown: string;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.now = Date.now();
    this.copied = false;
    this.hotpShown = '';
    new LocaleController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.copiedTimer);
  }

  private currentCode(): string {
    return this.account.type === 'hotp' ? this.hotpShown : generateCode(this.account, this.now);
  }

  private async copy(): Promise<void> {
    const code = this.currentCode();
    if (!code) return;
    try {
      await navigator.clipboard.writeText(code);
      this.copied = true;
      clearTimeout(this.copiedTimer);
      this.copiedTimer = setTimeout(() => (this.copied = false), 1500);
    } catch (err) {
      showToast({ message: presentError(err) });
    }
  }

  private async drawHotp(): Promise<void> {
    try {
      // The service commits counter+1 before we show the code for the counter it consumed.
      const updated = await getVault().advanceHotp(this.account.id);
      this.hotpShown = hotpCode(updated, updated.counter - 1);
    } catch (err) {
      showToast({ message: presentError(err) });
    }
  }

  private emit(name: 'edit-account' | 'delete-account'): void {
    this.dispatchEvent(new CustomEvent(name, { detail: { id: this.account.id }, bubbles: true, composed: true }));
  }

  private renderCountdown() {
    const state = totpState(this.account, this.now);
    const seconds = Math.ceil(state.remainingMs / 1000);
    const low = state.remainingMs < NEXT_CODE_THRESHOLD_MS;
    const offset = RING * (1 - state.remainingMs / state.periodMs);
    return html`<div class="ring ${low ? 'low' : ''}" role="timer" aria-label=${t('card.secondsLeft', { seconds })}>
      ${svg`<svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">
        <circle class="track" cx="20" cy="20" r="16"></circle>
        <circle class="bar" cx="20" cy="20" r="16" stroke-dasharray=${RING} stroke-dashoffset=${offset}></circle>
      </svg>`}
      <span aria-hidden="true">${seconds}</span>
    </div>`;
  }

  override render() {
    const a = this.account;
    const title = accountTitle(a) || t('card.noName');
    const isHotp = a.type === 'hotp';
    const code = this.currentCode();
    const showNext = !isHotp && totpState(a, this.now).remainingMs < NEXT_CODE_THRESHOLD_MS;
    return html`<article data-testid="code-card">
      <div class="names">
        <div class="issuer" data-testid="issuer">${a.issuer || a.name || t('card.noName')}</div>
        ${a.issuer && a.name ? html`<div class="name" data-testid="name">${a.name}</div>` : nothing}
      </div>
      ${isHotp
        ? html`<button class="menu-button" data-testid="hotp-next" @click=${this.drawHotp}>${t('card.hotpNext')}</button>`
        : this.renderCountdown()}
      <button class="code" data-testid="copy" aria-label=${t('card.copy', { title })} @click=${this.copy} ?disabled=${!code}>
        <span class="digits" data-testid="code">${code ? groupCode(code) : '––– –––'}</span>
        ${isHotp && !code ? html`<span class="next">${t('card.hotpHidden')}</span>` : nothing}
        ${showNext ? html`<span class="next" data-testid="next-code">${t('card.next', { code: groupCode(nextCode(a, this.now)) })}</span>` : nothing}
        ${this.copied ? html`<span class="copied" role="status">${t('card.copied')}</span>` : nothing}
      </button>
      <div class="tools">
        <button class="menu-button" data-testid="edit" aria-label=${`${t('card.edit')}: ${title}`} @click=${() => this.emit('edit-account')}>
          ${t('card.edit')}
        </button>
        <button class="menu-button danger" data-testid="delete" aria-label=${`${t('card.delete')}: ${title}`} @click=${() => this.emit('delete-account')}>
          ${t('card.delete')}
        </button>
      </div>
    </article>`;
  }
}

customElements.define('omamori-code-card', OmamoriCodeCard);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-code-card': OmamoriCodeCard;
  }
}
