import { LitElement, html, nothing } from 'lit';
import { presentError } from '../../messages/present-error';
import { t, type MessageKey, type MessageParams } from '../../messages/translate';
import { getBackup } from '../../services/browser/backup';
import { getVault } from '../../services/browser/vault';
import { LocaleController } from '../shared/locale-controller';
import { CANCELLED, withProof } from '../shared/reauth';
import { baseStyles } from '../shared/styles';

type Tr = (key: MessageKey, params?: MessageParams) => string;
type PrintView = HTMLElement & { updateComplete: Promise<boolean> };

/**
 * Settings → Backup and moving → Recovery kit → "Print a paper backup of your accounts", for
 * people without a second device (docs/export-format.md, "Paper backup"). Offered once the kit is
 * made and checked (`ready`); before that it says the kit comes first. Re-authentication as for
 * any export; the codes live only in the print view, which goes after printing or when this
 * section closes. The paper code (bc-ur, the QR encoder, the print view) loads on the click.
 */
export class OmamoriPaperBackup extends LitElement {
  static override properties = { ready: { type: Boolean }, busy: { state: true }, error: { state: true } };
  static override styles = [baseStyles];

  declare ready: boolean;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.ready = false;
    this.busy = false;
    this.error = '';
    new LocaleController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.querySelector('omamori-paper-print, omamori-plain-print')?.remove();
  }

  /** The paper backup: the vault sealed to the kit, as codes. */
  private print(): Promise<void> {
    return this.printWith(
      async () => (await import('../../services/backup/paper')).makePaperBackup(getBackup(), getVault()),
      async (paper, other) => {
        const { OmamoriPaperPrint } = await import('./omamori-paper-print');
        return Object.assign(document.createElement('omamori-paper-print'), { paper, codes: await OmamoriPaperPrint.prepare(paper), other });
      },
    );
  }

  /** Every secret in clear: only after the warning is confirmed, and a recent proof. */
  private printPlain(): Promise<void> {
    if (this.busy || !confirm(t('paper.plainConfirm'))) return Promise.resolve();
    return this.printWith(
      async () => (await import('../../services/backup/paper')).plainSheet(getVault()),
      async (entries, other) => {
        const { OmamoriPlainPrint } = await import('./omamori-plain-print');
        return Object.assign(document.createElement('omamori-plain-print'), { entries, codes: await OmamoriPlainPrint.prepare(entries), other });
      },
    );
  }

  /**
   * Makes what is printed (behind a recent proof: both hold every account), draws its print view
   * with the other language's sentences, and prints it; one run at a time, a failure said here.
   */
  private async printWith<T>(make: () => Promise<T>, view: (data: T, other: Tr) => Promise<PrintView>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const data = await withProof(make);
      if (data === CANCELLED) return;
      const { OmamoriKitPrint } = await import('./omamori-kit-print');
      this.show(await view(data, await OmamoriKitPrint.otherLanguage()));
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  /** One print view at a time, on <body> only for the print dialog. */
  private show(view: PrintView): void {
    document.querySelector('omamori-paper-print, omamori-plain-print')?.remove();
    document.body.append(view);
    void view.updateComplete.then(() => {
      addEventListener('afterprint', () => view.remove(), { once: true });
      window.print();
    });
  }

  override render() {
    return html`<h4 id="paper-h">${t('paper.title')}</h4>
      <p class="muted">${t('paper.lead')}</p>
      ${
        this.ready
          ? html`<div class="actions">
              <button data-testid="paper-print" ?disabled=${this.busy} @click=${() => void this.print()}>${t('paper.print')}</button>
            </div>`
          : html`<p class="hint" data-testid="paper-need-kit">${t('paper.needKit')}</p>`
      }
      <p class="hint">${t('paper.plainLead')}</p>
      <div class="actions">
        <button class="danger" data-testid="plain-print" ?disabled=${this.busy} @click=${() => void this.printPlain()}>${t('paper.plainPrint')}</button>
      </div>
      ${this.busy ? html`<p class="hint" role="status">${t('paper.working')}</p>` : nothing}
      ${this.error ? html`<p class="field-error" role="alert" data-testid="paper-error">${this.error}</p>` : nothing}`;
  }
}

customElements.define('omamori-paper-backup', OmamoriPaperBackup);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-paper-backup': OmamoriPaperBackup;
  }
}
