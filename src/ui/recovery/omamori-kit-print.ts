import { LitElement, css, html } from 'lit';
import { formatDate } from '../../messages/format';
import { getLocale, t, type MessageKey, type MessageParams } from '../../messages/translate';
import type { NewRecoveryKit } from '../../services/vault/recovery-kits';
import '../shared/omamori-qr';

type Tr = (key: MessageKey, params?: MessageParams) => string;

/**
 * The recovery kit's print view: one page per sheet (A4 or Letter; "Save as PDF" works), in the
 * UI's language with the other language's key sentences beneath — what it is, where to keep it,
 * which share of how many, the words, the QR code, the date and the kit's fingerprint. Nothing
 * about the accounts. Appended to <body> only while printing (global.css hides the rest of the
 * page in print); it keeps no copy anywhere, and goes when the kit screen closes.
 */
export class OmamoriKitPrint extends LitElement {
  static override properties = { kit: { attribute: false }, texts: { attribute: false }, other: { state: true } };
  static override styles = css`
    :host {
      display: none;
      color: #000;
      background: #fff;
      font: 11pt/1.4 system-ui, sans-serif;
    }
    @media print {
      :host {
        display: block;
      }
    }
    :host([data-preview]) {
      display: block;
    }
    .page {
      break-after: page;
      padding: 0 1rem;
    }
    .page:last-child {
      break-after: auto;
    }
    h1 {
      font-size: 16pt;
      margin: 0 0 0.25rem;
    }
    .other {
      color: #333;
      font-size: 9.5pt;
      margin: 0 0 0.5rem;
    }
    ol {
      columns: 3;
      font: 12pt/1.6 ui-monospace, monospace;
      padding-inline-start: 2rem;
    }
    omamori-qr {
      width: 6.5cm;
      margin: 0.5rem 0;
    }
    .meta {
      font-size: 10pt;
    }
  `;

  declare kit: NewRecoveryKit | null;
  declare texts: { words: string[]; qr: string }[];
  declare other: Tr | null;

  constructor() {
    super();
    this.kit = null;
    this.texts = [];
    this.other = null;
  }

  /** The other language's `t()`, loaded before the view is shown (see ui/recovery/omamori-recovery-kit-settings.ts). */
  static async otherLanguage(): Promise<Tr> {
    // The other table is read here rather than through translate.ts, which is in the start-up bundle.
    const table: Record<MessageKey, string> = getLocale() === 'ja' ? (await import('../../messages/en')).en : (await import('../../messages/ja')).ja;
    return (key, params) => table[key].replace(/\{(\w+)\}/gu, (whole, name: string) => String(params?.[name] ?? whole));
  }

  private sentences(tr: Tr, index: number, kit: NewRecoveryKit): string[] {
    const which = kit.n === 1 ? tr('kit.wholeSheet') : tr('kit.shareOf', { index: index + 1, n: kit.n, k: kit.k });
    return [tr('kit.printTitle'), which, tr('kit.printWhat'), tr('kit.printKeep')];
  }

  override render() {
    const kit = this.kit;
    if (kit === null) return html``;
    return html`${this.texts.map((text, i) => {
      const mine = this.sentences(t, i, kit);
      const theirs = this.other === null ? [] : this.sentences(this.other, i, kit);
      return html`<section class="page" data-testid="kit-print-page">
        <h1>${mine[0]} — ${mine[1]}</h1>
        <p class="other" lang=${getLocale() === 'ja' ? 'en' : 'ja'}>${theirs[0] ?? ''} — ${theirs[1] ?? ''}</p>
        <p>${mine[2]} ${mine[3]}</p>
        <p class="other">${theirs[2] ?? ''} ${theirs[3] ?? ''}</p>
        <ol>
          ${text.words.map((w) => html`<li>${w}</li>`)}
        </ol>
        <omamori-qr .text=${text.qr} label=${t('kit.qrLabel', { index: i + 1 })} data-testid="kit-print-qr"></omamori-qr>
        <p class="meta">${t('kit.printMeta', { date: formatDate(kit.createdAt), fingerprint: kit.fingerprint })}</p>
      </section>`;
    })}`;
  }
}

customElements.define('omamori-kit-print', OmamoriKitPrint);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-kit-print': OmamoriKitPrint;
  }
}
