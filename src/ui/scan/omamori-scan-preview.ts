import { LitElement, css, html, nothing } from 'lit';
import type { AccountData } from '../../core/account';
import { generateCode, groupCode } from '../../core/codes';
import { TickerController } from '../shared/ticker-controller';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';

/**
 * A scanned account before it is added: issuer, name, type and its live code, so the user can
 * check it against the site. `duplicate` marks one already in the vault (same secret and
 * parameters): it is shown, not added twice.
 */
export class OmamoriScanPreview extends LitElement {
  static override properties = { account: { attribute: false }, duplicate: { type: Boolean }, added: { type: Boolean } };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      article {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.25rem 1rem;
        align-items: center;
      }
      .issuer {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .name,
      .type {
        color: var(--om-text-muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      .code {
        font-family: var(--om-mono);
        font-size: 1.6rem;
        color: var(--om-accent);
      }
      .flag {
        grid-column: 1 / -1;
        margin: 0;
        color: var(--om-text-muted);
      }
    `,
  ];

  declare account: AccountData;
  declare duplicate: boolean;
  declare added: boolean;
  private readonly ticker = new TickerController(this);

  constructor() {
    super();
    this.duplicate = false;
    this.added = false;
    new LocaleController(this);
  }

  private code(): string {
    try {
      return groupCode(generateCode(this.account, this.ticker.now), this.account.type);
    } catch {
      // mOTP/Yandex without a PIN yet: no code to show.
      return '';
    }
  }

  override render() {
    const a = this.account;
    const code = this.code();
    return html`<article class="panel" data-testid="scan-preview">
      <div>
        <div class="issuer" data-testid="preview-issuer">${a.issuer || a.name || t('card.noName')}</div>
        ${a.issuer && a.name ? html`<div class="name" data-testid="preview-name">${a.name}</div>` : nothing}
        <div class="type">${t(`form.type.${a.type}`)}${a.type === 'totp' || a.type === 'hotp' ? ` · ${a.algorithm} · ${a.digits}` : ''}</div>
      </div>
      ${a.type === 'hotp' ? nothing : html`<div class="code" data-testid="preview-code">${code}</div>`}
      ${
        this.duplicate
          ? html`<p class="flag" data-testid="preview-duplicate">${t('enroll.duplicate')}</p>`
          : this.added
            ? html`<p class="flag" role="status">${t('enroll.added')}</p>`
            : html`<div class="actions">
              <button class="primary" data-testid="preview-add" @click=${() => fire(this, 'add-scanned', { account: a })}>
                ${t('form.add')}
              </button>
            </div>`
      }
    </article>`;
  }
}

customElements.define('omamori-scan-preview', OmamoriScanPreview);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-scan-preview': OmamoriScanPreview;
  }
  interface HTMLElementEventMap {
    'add-scanned': OmamoriEvent<{ account: AccountData }>;
  }
}
