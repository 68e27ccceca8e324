import { LitElement, css, html } from 'lit';
import type { QrMatrix } from '../../core/qr-path';
import { getLocale, t, type MessageKey, type MessageParams } from '../../messages/translate';
import type { PlainSheetEntry } from '../../services/backup/paper';
import { createQrMatrix, renderQrSvg } from '../shared/omamori-qr';
import { codeSheetStyles } from './code-sheet-styles';
import { CODES_PER_PAGE } from './omamori-paper-print';

type Tr = (key: MessageKey, params?: MessageParams) => string;

/**
 * The unencrypted sheet (for those who insist, after a warning and a confirmation): one
 * otpauth:// QR code per account with its issuer and name beneath, six a page, and on each page
 * the warning that whoever sees it can sign in as you, in both languages. Like the paper backup's
 * view (omamori-paper-print.ts, whose page styles it shares: code-sheet-styles.ts), it is on the
 * page only while printing.
 */
export class OmamoriPlainPrint extends LitElement {
  static override properties = { entries: { attribute: false }, codes: { attribute: false }, other: { attribute: false } };
  static override styles = [
    codeSheetStyles,
    css`
      :host {
        --code-side: 5.5cm;
        --code-gap: 0.4cm 1.5cm;
      }
      .warning {
        font-weight: bold;
      }
    `,
  ];

  declare entries: PlainSheetEntry[];
  declare codes: QrMatrix[];
  declare other: Tr | null;

  constructor() {
    super();
    this.entries = [];
    this.codes = [];
    this.other = null;
  }

  static prepare(entries: readonly PlainSheetEntry[]): Promise<QrMatrix[]> {
    return Promise.all(entries.map((e) => createQrMatrix(e.uri, 'M')));
  }

  override render() {
    const pages = Math.ceil(this.codes.length / CODES_PER_PAGE);
    const other = this.other;
    const otherLang = getLocale() === 'ja' ? 'en' : 'ja';
    return html`${Array.from({ length: pages }, (_, p) => {
      const first = p * CODES_PER_PAGE;
      return html`<section class="page" data-testid="plain-print-page">
        <h1>${t('paper.plainTitle')} — ${t('paper.pageOf', { page: p + 1, pages })}</h1>
        <p class="warning">${t('paper.plainWarning')}</p>
        ${other ? html`<p class="other" lang=${otherLang}>${other('paper.plainTitle')} — ${other('paper.plainWarning')}</p>` : ''}
        <div class="codes">
          ${this.codes.slice(first, first + CODES_PER_PAGE).map((matrix, i) => {
            const entry = this.entries[first + i]!;
            const caption = entry.issuer === '' ? entry.name : `${entry.issuer} — ${entry.name}`;
            return html`<figure data-testid="plain-print-code">${renderQrSvg(matrix, caption)}<figcaption>${caption}</figcaption></figure>`;
          })}
        </div>
      </section>`;
    })}`;
  }
}

customElements.define('omamori-plain-print', OmamoriPlainPrint);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-plain-print': OmamoriPlainPrint;
  }
}
