/**
 * @file `<omamori-phone-receive>`: the new phone's side of a move between phones
 * (docs/transfer-protocol.md). Shows the pairing code; reads the old phone's hello (then shows the
 * check code) and its animated code with a progress bar; then the restore's preview and its one
 * all-or-nothing import. Nothing is written before Import; leaving the screen forgets the keys.
 */
import { LitElement, css, html, nothing } from 'lit';
import { AppError } from '../../core/errors';
import { MAX_MOVE_MESSAGE_BYTES } from '../../core/move-protocol';
import { presentError } from '../../messages/present-error';
import { t } from '../../messages/translate';
import type { ImportPreview } from '../../services/backup/backup';
import { getBackup } from '../../services/browser/backup';
import { getMove, type ReceivingMove } from '../../services/browser/move';
import { getVault } from '../../services/browser/vault';
import { importCount, previewLists } from '../backup/import-preview';
import type { QrCodesEvent } from '../scan/omamori-scanner';
import { fire, type OmamoriEvent } from '../shared/events';
import { LocaleController } from '../shared/locale-controller';
import '../shared/omamori-qr';
import { baseStyles, pageTopStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { phoneMoveStyles } from './phone-move-styles';

type Phase = 'pair' | 'scan' | 'opening' | 'preview' | 'working';

/** A move file holds at most the sealed message's limit as bytewords (2 letters a byte), plus frame headers. */
const MAX_MOVE_FILE_BYTES = 3 * MAX_MOVE_MESSAGE_BYTES;

/** Below this share of frames read, the person is asked to slow the old phone down. */
const MISSING_BELOW = 0.5;

export class OmamoriPhoneReceive extends LitElement {
  static override properties = {
    phase: { state: true },
    pairing: { state: true },
    check: { state: true },
    percent: { state: true },
    missing: { state: true },
    error: { state: true },
    preview: { state: true },
    updateChanged: { state: true },
  };
  static override styles = [
    baseStyles,
    pageTopStyles,
    phoneMoveStyles,
    css`
      progress {
        width: 100%;
        height: 1.25rem;
      }
    `,
  ];

  declare phase: Phase;
  declare pairing: string;
  declare check: string | null;
  declare percent: number;
  /** Many of the old phone's frames go unread: suggest Slower there (it cannot hear back). */
  declare missing: boolean;
  declare error: string;
  declare preview: ImportPreview | undefined;
  declare updateChanged: boolean;
  private move: ReceivingMove | undefined;
  /** Frames are handled one at a time, in the order read. */
  private queue: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.phase = 'pair';
    this.pairing = '';
    this.check = null;
    this.percent = 0;
    this.missing = false;
    this.error = '';
    this.preview = undefined;
    this.updateChanged = false;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.move?.cancel();
    this.move = undefined;
  }

  /** A new session: new keys, new pairing code; what the last one read is dropped. */
  private async restart(): Promise<void> {
    this.move?.cancel();
    Object.assign(this, { phase: 'pair', pairing: '', check: null, percent: 0, missing: false, error: '', preview: undefined, updateChanged: false });
    try {
      const move = await getMove().receive();
      if (!this.isConnected) return move.cancel();
      this.move = move;
      this.pairing = move.pairing;
    } catch (err) {
      this.error = presentError(err);
    }
  }

  private async openScanner(): Promise<void> {
    await import('../scan/omamori-scanner');
    this.phase = 'scan';
  }

  private onCodes(event: QrCodesEvent): void {
    for (const text of event.detail.texts) this.queue = this.queue.then(() => this.take(text));
  }

  private async take(text: string): Promise<void> {
    const move = this.move;
    if (move === undefined || this.phase !== 'scan') return;
    try {
      const kind = await move.receive(text);
      if (kind === 'hello') {
        this.check = move.check;
        this.error = '';
      }
      this.percent = Math.floor(move.progress * 100);
      const share = move.catchShare;
      if (share !== null) this.missing = share < MISSING_BELOW;
      if (move.complete) await this.open(move);
    } catch (err) {
      this.error = presentError(err);
    }
  }

  /** A move file from the old phone (no camera here): read as if its lines were scanned. */
  private async openFile(file: File | undefined): Promise<void> {
    const move = this.move;
    if (move === undefined || file === undefined) return;
    this.error = '';
    try {
      if (file.size > MAX_MOVE_FILE_BYTES) throw new AppError('file/too-large');
      await move.readFile(await file.text());
      this.check = move.check;
      await this.open(move);
    } catch (err) {
      // Another move's file, or one cut short: this session may have read its hello, so start afresh.
      await this.restart();
      this.error = presentError(err);
    }
  }

  private async open(move: ReceivingMove): Promise<void> {
    this.phase = 'opening';
    try {
      this.preview = await move.preview();
      this.phase = 'preview';
    } catch (err) {
      // Damaged: nothing was written; this session is spent, so start a new one.
      await this.restart();
      this.error = presentError(err);
    }
  }

  private async commit(): Promise<void> {
    const preview = this.preview;
    if (preview === undefined) return;
    this.phase = 'working';
    try {
      const count = await getBackup().commitImport(getVault(), preview, { updateChanged: this.updateChanged });
      showToast({ message: t('backup.imported', { count }) });
      fire(this, 'phone-move-closed');
    } catch (err) {
      this.error = presentError(err);
      this.phase = 'preview';
    }
  }

  private renderPreview(p: ImportPreview) {
    const count = importCount(p, this.updateChanged);
    return html`<div data-testid="phone-receive-preview">
      <p role="status">${t('phoneMove.received')}</p>
      ${
        this.check === null
          ? nothing
          : html`<p>${t('phoneMove.fileCheck')}</p>
              <p class="check" data-testid="phone-preview-check">${this.check.slice(0, 3)} ${this.check.slice(3)}</p>`
      }
      ${previewLists(p, { prefix: 'phone-receive', large: true, updateChanged: this.updateChanged, onUpdateChanged: (on) => (this.updateChanged = on) })}
      <div class="actions">
        <button class="primary" data-testid="phone-receive-import" ?disabled=${count === 0 || this.phase === 'working'} @click=${() => void this.commit()}>
          ${t('backup.import', { count })}
        </button>
        <button @click=${() => void this.restart()}>${t('dialog.cancel')}</button>
      </div>
    </div>`;
  }

  private renderStep() {
    switch (this.phase) {
      case 'pair':
        return html`<p>${t('phoneMove.pairingLead')}</p>
          <div class="qr-box">${this.pairing ? html`<omamori-qr data-testid="phone-pairing-qr" .text=${this.pairing} .label=${t('phoneMove.pairingLabel')}></omamori-qr>` : nothing}</div>
          <div class="actions">
            <button class="primary" data-testid="phone-receive-scan" ?disabled=${!this.pairing} @click=${() => void this.openScanner()}>${t('phoneMove.scanOld')}</button>
          </div>
          <label for="phone-file">${t('phoneMove.fileOpen')}</label>
          <input id="phone-file" type="file" accept=".txt,text/plain" data-testid="phone-receive-file" ?disabled=${!this.pairing}
            @change=${(e: Event) => void this.openFile((e.target as HTMLInputElement).files?.[0])} />`;
      case 'scan':
        return html`${
          this.check === null
            ? html`<p>${t('phoneMove.scanHello')}</p>`
            : html`<p>${t('phoneMove.checkShown')}</p>
                <p class="check" data-testid="phone-check-code">${this.check.slice(0, 3)} ${this.check.slice(3)}</p>
                <label class="progress-label" for="phone-progress">${t('phoneMove.progress', { percent: this.percent })}</label>
                <progress id="phone-progress" data-testid="phone-receive-progress" max="100" .value=${this.percent}></progress>
                ${this.missing ? html`<p class="hint" role="status" data-testid="phone-receive-missing">${t('phoneMove.missing')}</p>` : nothing}`
        }
          <omamori-scanner autostart accept="any" @qr-codes=${this.onCodes}></omamori-scanner>`;
      case 'opening':
        return html`<p role="status">${t('backup.opening')}</p>`;
      default:
        return this.preview ? this.renderPreview(this.preview) : nothing;
    }
  }

  override render() {
    return html`<main class="page" data-testid="phone-receive">
      <div class="top">
        <button data-testid="phone-receive-back" @click=${() => fire(this, 'phone-move-closed')}>← ${t('settings.back')}</button>
        <h1>${t('phoneMove.receiveTitle')}</h1>
      </div>
      <section class="panel">
        ${this.renderStep()}
        ${this.error ? html`<p class="field-error" role="alert" data-testid="phone-receive-error">${this.error}</p>` : nothing}
      </section>
    </main>`;
  }
}

customElements.define('omamori-phone-receive', OmamoriPhoneReceive);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-phone-receive': OmamoriPhoneReceive;
  }
  interface HTMLElementEventMap {
    'phone-move-closed': OmamoriEvent;
  }
}
