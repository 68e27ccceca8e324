import { LitElement, css, html, nothing } from 'lit';
import { accountTitle, type Account } from '../../core/account';
import { groupCode, totpState } from '../../core/codes';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles, dialogStyles } from '../shared/styles';
import '../account-icon/omamori-account-icon';
import { fire, type OmamoriEvent } from '../shared/events';

/**
 * The large-code view: one code, very large and spaced in groups, for reading it aloud or typing
 * it on another device. A modal <dialog> (focus trapped, Escape closes); the card restores focus.
 */
export class OmamoriLargeCode extends LitElement {
  static override properties = {
    account: { attribute: false },
    code: {},
    now: { type: Number },
  };
  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      dialog {
        width: min(40rem, calc(100vw - 1.5rem));
        max-height: calc(100dvh - 1.5rem);
        text-align: center;
      }
      dialog::backdrop {
        /* Darker than other dialogs: the code is what matters here. */
        background: rgb(0 0 0 / 0.55);
      }
      .who {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 0.75rem;
        --om-icon-size: 48px;
      }
      h2 {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .name {
        margin: 0.25rem 0 0;
        color: var(--om-text-muted);
        overflow-wrap: anywhere;
      }
      .code {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: 0 0.6em;
        margin: 1.25rem 0 0.5rem;
        font-family: var(--om-mono);
        font-size: clamp(2.75rem, 15vw, 5.5rem);
        font-weight: 700;
        line-height: 1.15;
        letter-spacing: 0.12em;
        color: var(--om-accent);
        font-variant-numeric: tabular-nums;
      }
      .left {
        margin: 0 0 1rem;
        color: var(--om-text-muted);
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  declare account: Account;
  declare code: string;
  declare now: number;

  constructor() {
    super();
    this.code = '';
    this.now = Date.now();
    new LocaleController(this);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private onClose(): void {
    fire(this, 'large-code-closed');
  }

  override render() {
    const a = this.account;
    const title = accountTitle(a) || t('card.noName');
    const seconds = a.type === 'hotp' ? 0 : Math.ceil(totpState(a, this.now).remainingMs / 1000);
    return html`<dialog data-testid="large-code" aria-labelledby="large-title" @close=${this.onClose}>
      <div class="who">
        <omamori-account-icon .issuer=${a.issuer} .name=${a.name} .icon=${a.icon}></omamori-account-icon>
        <h2 id="large-title">${a.issuer || a.name || title}</h2>
      </div>
      ${a.issuer && a.name ? html`<p class="name">${a.name}</p>` : nothing}
      <p class="code" data-testid="large-digits">
        <span class="visually-hidden">${t('large.code', { digits: [...this.code].join(' ') })}</span>
        ${groupCode(this.code, a.type)
          .split(' ')
          .map((group) => html`<span aria-hidden="true">${group}</span>`)}
      </p>
      ${seconds > 0 ? html`<p class="left" data-testid="large-left">${t('large.secondsLeft', { seconds })}</p>` : nothing}
      <button class="primary" data-testid="large-close" @click=${this.close}>${t('large.close')}</button>
    </dialog>`;
  }
}

customElements.define('omamori-large-code', OmamoriLargeCode);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-large-code': OmamoriLargeCode;
  }
  interface HTMLElementEventMap {
    'large-code-closed': OmamoriEvent;
  }
}
