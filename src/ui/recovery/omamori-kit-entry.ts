import { LitElement, css, html } from 'lit';
import { AppError } from '../../core/errors';
import { presentError } from '../../messages/present-error';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/** How many boxes to start with: the usual kit is "any 2 of 3"; a whole-key sheet fills one. */
const START_BOXES = 2;
const MAX_BOXES = 5;

/**
 * Entering recovery sheets to open a backup: one box per sheet, typed words or the text of its QR
 * code, or an image of the sheet (a photo or a scan) read by the QR decoder into the box. The
 * parent reads `texts` and turns them into the key (services/backup/recovery-secret.ts).
 */
export class OmamoriKitEntry extends LitElement {
  static override properties = { boxes: { state: true }, error: { state: true }, disabled: { type: Boolean } };
  static override styles = [
    baseStyles,
    css`
      textarea {
        width: 100%;
        min-height: 4.5rem;
      }
    `,
  ];

  declare boxes: number;
  declare error: string;
  declare disabled: boolean;

  constructor() {
    super();
    this.boxes = START_BOXES;
    this.error = '';
    this.disabled = false;
    new LocaleController(this);
  }

  /** The non-empty boxes' texts. */
  get texts(): string[] {
    return [...this.renderRoot.querySelectorAll('textarea')].map((el) => el.value.trim()).filter((v) => v !== '');
  }

  private async readImage(index: number, file: File | undefined): Promise<void> {
    if (file === undefined) return;
    this.error = '';
    try {
      const { decodeImage } = await import('../scan/qr-decoder');
      const text = (await decodeImage(file)).find((s) => /^OMAMORI-R[KS]1:/iu.test(s));
      if (text === undefined) throw new AppError('scan/no-code');
      const box = this.renderRoot.querySelector<HTMLTextAreaElement>(`#kit-sheet-${index}`);
      if (box) box.value = text;
    } catch (err) {
      this.error = presentError(err);
    }
  }

  override render() {
    return html`<p class="hint">${t('kit.restoreLead')}</p>
      ${Array.from(
        { length: this.boxes },
        (_, i) => html`<label for=${`kit-sheet-${i}`}>${t('kit.checkSheet', { index: i + 1 })}</label>
          <textarea id=${`kit-sheet-${i}`} data-testid="kit-sheet-input" autocomplete="off" spellcheck="false" ?disabled=${this.disabled}></textarea>
          <label class="hint" for=${`kit-image-${i}`}>${t('kit.sheetImage', { index: i + 1 })}</label>
          <input id=${`kit-image-${i}`} type="file" accept="image/*" data-testid="kit-sheet-image" ?disabled=${this.disabled}
            @change=${(e: Event) => void this.readImage(i, (e.target as HTMLInputElement).files?.[0])} />`,
      )}
      ${
        this.boxes < MAX_BOXES
          ? html`<div class="actions"><button type="button" data-testid="kit-add-sheet" ?disabled=${this.disabled} @click=${() => (this.boxes += 1)}>${t('kit.addSheet')}</button></div>`
          : ''
      }
      ${this.error ? html`<p class="field-error" role="alert" data-testid="kit-entry-error">${this.error}</p>` : ''}`;
  }
}

customElements.define('omamori-kit-entry', OmamoriKitEntry);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-kit-entry': OmamoriKitEntry;
  }
}
