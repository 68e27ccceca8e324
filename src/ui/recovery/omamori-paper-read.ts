import { LitElement, html, nothing } from 'lit';
import { AppError } from '../../core/errors';
import { presentError } from '../../messages/present-error';
import { t } from '../../messages/translate';
import { createPaperReader, type PaperPartDecoder } from '../../services/backup/paper';
import type { QrCodesEvent } from '../scan/omamori-scanner';
import { fire, type OmamoriEvent } from '../shared/events';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import '../scan/omamori-scanner';

/**
 * "Restore from a backup" → "From a paper backup" (docs/export-format.md, "Paper backup"): the
 * codes read by the camera or from photos of the pages (every code in a photo), in any order,
 * with a progress line; a code of another paper backup is refused by name. When the file is
 * whole it goes to the parent as `paper-read`, which asks for the kit's sheets and previews the
 * import as for a file (ui/backup/omamori-backup-open.ts). Loaded lazily, with the scanner.
 */
export class OmamoriPaperRead extends LitElement {
  static override properties = { progress: { state: true }, error: { state: true } };
  static override styles = [baseStyles];

  declare progress: string;
  declare error: string;
  #reader: Promise<PaperPartDecoder> | undefined;

  constructor() {
    super();
    this.progress = '';
    this.error = '';
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#reader = createPaperReader();
  }

  private async onCodes(event: QrCodesEvent): Promise<void> {
    const reader = await (this.#reader ??= createPaperReader());
    const results = event.detail.texts.map((text) => reader.receive(text));
    if (results.includes('other-backup')) this.error = presentError(new AppError('paper/other-backup'));
    else if (results.every((r) => r === 'not-paper')) this.error = t('paper.notPaper');
    else this.error = '';
    let bytes: Uint8Array | null;
    try {
      bytes = reader.result();
    } catch (err) {
      this.#reader = createPaperReader();
      this.progress = '';
      this.error = presentError(err);
      return;
    }
    if (bytes !== null) {
      this.progress = t('paper.complete');
      fire(this, 'paper-read', { bytes });
    } else if (reader.received > 0) this.progress = t('paper.progress', { read: reader.received, needed: reader.needed });
  }

  override render() {
    return html`<p class="hint">${t('paper.readLead')}</p>
      <omamori-scanner accept="any" every-code @qr-codes=${(e: QrCodesEvent) => void this.onCodes(e)}></omamori-scanner>
      <p class="hint" role="status" data-testid="paper-progress">${this.progress}</p>
      ${this.error ? html`<p class="field-error" role="alert" data-testid="paper-read-error">${this.error}</p>` : nothing}`;
  }
}

customElements.define('omamori-paper-read', OmamoriPaperRead);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-paper-read': OmamoriPaperRead;
  }
  interface HTMLElementEventMap {
    'paper-read': OmamoriEvent<{ bytes: Uint8Array }>;
  }
}
