import { LitElement, css, html } from 'lit';
import type { QrMatrix } from '../../core/qr-path';
import { formatDate } from '../../messages/format';
import { getLocale, t, type MessageKey, type MessageParams } from '../../messages/translate';
import type { PaperBackup } from '../../services/backup/paper';
import { createQrMatrix, renderQrSvg } from '../shared/omamori-qr';
import { codeSheetStyles } from './code-sheet-styles';

type Tr = (key: MessageKey, params?: MessageParams) => string;

/** Codes per printed page: two columns of three, each about 6 cm wide, fit A4 and Letter. */
export const CODES_PER_PAGE = 6;

/**
 * The paper backup's print view (docs/export-format.md, "Paper backup"): the codes of an export
 * file sealed to the recovery kit, six a page, each captioned "Code 3 of 24", with the date, the
 * kit's fingerprint and the number of accounts, in the UI's language with the other language's
 * sentences beneath (as the kit's sheets, omamori-kit-print.ts). Nothing about the accounts in
 * clear. The codes are drawn before the view is added, so that printing never catches a page half
 * drawn; appended to <body> only while printing (global.css hides the rest in print) and removed
 * after.
 */
export class OmamoriPaperPrint extends LitElement {
  static override properties = { paper: { attribute: false }, codes: { attribute: false }, other: { attribute: false } };
  static override styles = [
    codeSheetStyles,
    css`
      :host {
        --code-side: 6.2cm;
        --code-gap: 0.3cm 1.2cm;
      }
    `,
  ];

  declare paper: PaperBackup | null;
  declare codes: QrMatrix[];
  declare other: Tr | null;

  constructor() {
    super();
    this.paper = null;
    this.codes = [];
    this.other = null;
  }

  /** Every code's matrix (error correction M: paper gets dirty), drawn before the view is shown. */
  static prepare(paper: PaperBackup): Promise<QrMatrix[]> {
    return Promise.all(paper.parts.map((part) => createQrMatrix(part, 'M')));
  }

  private sentences(tr: Tr, paper: PaperBackup, page: number, pages: number): string[] {
    return [
      tr('paper.printTitle'),
      tr('paper.pageOf', { page, pages }),
      tr('paper.printWhat', { count: paper.count }),
      tr('paper.printHow'),
      tr('paper.printKeep'),
      tr('paper.printMeta', { date: formatDate(paper.at), fingerprint: paper.fingerprint, count: paper.count }),
    ];
  }

  override render() {
    const paper = this.paper;
    if (paper === null) return html``;
    const pages = Math.ceil(this.codes.length / CODES_PER_PAGE);
    const otherLang = getLocale() === 'ja' ? 'en' : 'ja';
    return html`${Array.from({ length: pages }, (_, p) => {
      const mine = this.sentences(t, paper, p + 1, pages);
      const theirs = this.other === null ? null : this.sentences(this.other, paper, p + 1, pages);
      const first = p * CODES_PER_PAGE;
      return html`<section class="page" data-testid="paper-print-page">
        <h1>${mine[0]} — ${mine[1]}</h1>
        ${theirs ? html`<p class="other" lang=${otherLang}>${theirs[0]} — ${theirs[1]}</p>` : ''}
        <p>${mine[2]} ${mine[3]} ${mine[4]}</p>
        ${theirs ? html`<p class="other" lang=${otherLang}>${theirs[2]} ${theirs[3]} ${theirs[4]}</p>` : ''}
        <p class="meta" data-testid="paper-print-meta">${mine[5]}</p>
        <div class="codes">
          ${this.codes.slice(first, first + CODES_PER_PAGE).map((matrix, i) => {
            const caption = t('paper.codeOf', { index: first + i + 1, total: this.codes.length });
            return html`<figure data-testid="paper-print-code">${renderQrSvg(matrix, caption)}<figcaption>${caption}</figcaption></figure>`;
          })}
        </div>
      </section>`;
    })}`;
  }
}

customElements.define('omamori-paper-print', OmamoriPaperPrint);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-paper-print': OmamoriPaperPrint;
  }
}
