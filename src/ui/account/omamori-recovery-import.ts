/**
 * @file Paste → read → confirm for a list of recovery codes. Nothing is saved here: on "Save" it
 * dispatches `recovery-import` with the parsed codes; "Cancel" dispatches `recovery-import-cancel`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { parseRecoveryCodes, RECOVERY_TEXT_LIMIT } from '../../core/recovery-codes';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';

export type RecoveryImportEvent = OmamoriEvent<{ codes: string[] }>;

export class OmamoriRecoveryImport extends LitElement {
  static override properties = {
    existing: { type: Number },
    text: { state: true },
    parsed: { state: true },
    error: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      textarea {
        font-family: var(--om-mono);
        resize: vertical;
      }
      ol {
        font-family: var(--om-mono);
        margin: 0.5rem 0 0;
        padding-left: 2.5rem;
        max-height: 18rem;
        overflow: auto;
        border: 1px solid var(--om-border);
        border-radius: 10px;
        padding-top: 0.5rem;
        padding-bottom: 0.5rem;
      }
      li {
        padding: 0.125rem 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** How many codes are saved now (0 = none): a confirmation then says they are replaced. */
  declare existing: number;
  declare text: string;
  /** The codes read from the text; null while the text is being edited. */
  declare parsed: string[] | null;
  declare error: string;

  constructor() {
    super();
    this.existing = 0;
    this.text = '';
    this.parsed = null;
    this.error = '';
    new LocaleController(this);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  private read(): void {
    if (this.text.length > RECOVERY_TEXT_LIMIT) {
      this.error = t('recovery.tooLong');
      return;
    }
    const codes = parseRecoveryCodes(this.text);
    if (codes.length === 0) {
      this.error = t('recovery.nothingFound');
      return;
    }
    this.error = '';
    this.parsed = codes;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#found')?.focus());
  }

  private editText(): void {
    this.parsed = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector('textarea')?.focus());
  }

  private save(): void {
    if (this.parsed === null) return;
    fire(this, 'recovery-import', { codes: this.parsed });
  }

  private cancel(): void {
    fire(this, 'recovery-import-cancel');
  }

  private renderPreview(codes: readonly string[]) {
    return html`<p id="found" tabindex="-1" data-testid="recovery-found">${t('recovery.found', { count: codes.length })}</p>
      <ol data-testid="recovery-preview" aria-labelledby="found">
        ${codes.map((c) => html`<li>${c}</li>`)}
      </ol>
      <p class="hint">${t('recovery.splitHint')}</p>
      ${this.existing > 0 ? html`<p class="error-box" data-testid="recovery-replace-warning">${t('recovery.replaceWarning', { count: this.existing })}</p>` : nothing}
      <div class="actions">
        <button type="button" class="primary" data-testid="recovery-save" @click=${this.save}>${t('recovery.save', { count: codes.length })}</button>
        <button type="button" data-testid="recovery-edit-text" @click=${this.editText}>${t('recovery.editText')}</button>
        <button type="button" @click=${this.cancel}>${t('form.cancel')}</button>
      </div>`;
  }

  override render() {
    if (this.parsed !== null) return this.renderPreview(this.parsed);
    return html`<label for="recovery-text">${t('recovery.pasteLabel')}</label>
      <textarea id="recovery-text" rows="8" data-testid="recovery-text" spellcheck="false" autocapitalize="off" autocomplete="off"
        aria-describedby="recovery-text-hint recovery-text-error" aria-invalid=${this.error ? 'true' : 'false'} .value=${this.text}
        @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
      <p class="hint" id="recovery-text-hint">${t('recovery.pasteHint')}</p>
      ${this.error ? html`<p class="field-error" id="recovery-text-error" role="alert" data-testid="recovery-text-error">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="button" class="primary" data-testid="recovery-read" @click=${this.read}>${t('recovery.read')}</button>
        <button type="button" @click=${this.cancel}>${t('form.cancel')}</button>
      </div>`;
  }
}

customElements.define('omamori-recovery-import', OmamoriRecoveryImport);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-recovery-import': OmamoriRecoveryImport;
  }
  interface HTMLElementEventMap {
    'recovery-import-cancel': OmamoriEvent;
    'recovery-import': RecoveryImportEvent;
  }
}
