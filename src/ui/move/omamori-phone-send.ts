/**
 * @file `<omamori-phone-send>`: the old phone's side of a move between phones
 * (docs/transfer-protocol.md). Asks for the passphrase or a passkey (the services require it),
 * scans the new phone's pairing code, shows the hello code and asks whether the new phone shows
 * the same check code; only *Yes, send* seals the accounts and plays the animated code (Pause,
 * Slower/Faster). Afterwards the accounts stay here unless the person chooses to remove them.
 */
import { LitElement, html, nothing } from 'lit';
import type { QrMatrix } from '../../core/qr-path';
import { presentError } from '../../messages/present-error';
import { t } from '../../messages/translate';
import { getMove, type MoveFrames, type SendingMove } from '../../services/browser/move';
import { getVault } from '../../services/browser/vault';
import type { QrCodesEvent } from '../scan/omamori-scanner';
import { fire, type OmamoriEvent } from '../shared/events';
import { LocaleController } from '../shared/locale-controller';
import { createQrMatrix, renderQrSvg } from '../shared/omamori-qr';
import '../shared/omamori-qr';
import { CANCELLED, proveIfNeeded, withProof } from '../shared/reauth';
import { saveFile } from '../shared/download';
import { baseStyles, pageTopStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { phoneMoveStyles } from './phone-move-styles';

type Phase = 'intro' | 'scan' | 'check' | 'sending' | 'file' | 'after' | 'confirm-remove' | 'mismatch';

/** The move file's name (a text file: the hello and the frames, one per line). */
const MOVE_FILE = 'omamori-move.txt';

/** Frames a second the person can choose; a mid-range phone reads 5 comfortably. */
const SPEEDS = [2, 3, 4, 5, 6, 8, 10] as const;
const DEFAULT_SPEED = 3;

export class OmamoriPhoneSend extends LitElement {
  static override properties = {
    phase: { state: true },
    sending: { state: true },
    frame: { state: true },
    speed: { state: true },
    paused: { state: true },
    count: { state: true },
    error: { state: true },
    checkSent: { state: true },
  };
  static override styles = [baseStyles, pageTopStyles, phoneMoveStyles];

  declare phase: Phase;
  declare sending: SendingMove | undefined;
  declare frame: QrMatrix | undefined;
  /** Index into SPEEDS. */
  declare speed: number;
  declare paused: boolean;
  declare count: number;
  declare error: string;
  /** The check code a move file was made for, shown beside "open it on the new phone". */
  declare checkSent: string;
  private frames: MoveFrames | undefined;
  private ids: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pairing = false;

  constructor() {
    super();
    this.phase = 'intro';
    this.sending = undefined;
    this.frame = undefined;
    this.speed = DEFAULT_SPEED;
    this.paused = false;
    this.count = 0;
    this.error = '';
    this.checkSent = '';
    new LocaleController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFrames();
  }

  private async start(): Promise<void> {
    this.error = '';
    if (!(await proveIfNeeded())) return;
    await import('../scan/omamori-scanner');
    this.phase = 'scan';
  }

  private async onCodes(event: QrCodesEvent): Promise<void> {
    const text = event.detail.texts.find((s) => s.startsWith('OMAMORI-MOVE:'));
    if (this.phase !== 'scan' || this.pairing) return;
    if (text === undefined) {
      this.error = t('error.move/not-a-move-code');
      return;
    }
    this.pairing = true;
    try {
      const sending = await withProof(() => getMove().pair(text));
      if (sending === CANCELLED) return void (this.phase = 'intro');
      this.sending = sending;
      this.error = '';
      this.phase = 'check';
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.pairing = false;
    }
  }

  private async send(asFile = false): Promise<void> {
    const sending = this.sending;
    if (sending === undefined) return;
    try {
      const sent = await withProof(() => sending.send());
      if (sent === CANCELLED) return;
      if (asFile) {
        // The new phone cannot read the animated code: the same sealed move, carried as a file.
        saveFile(sent.file(), MOVE_FILE, 'text/plain');
        Object.assign(this, { ids: sent.ids, count: sent.count, checkSent: sending.check, sending: undefined, phase: 'file' });
        return;
      }
      this.frames = sent.frames;
      this.ids = sent.ids;
      this.count = sent.count;
      this.sending = undefined;
      this.phase = 'sending';
      this.paused = false;
      void this.showNext();
    } catch (err) {
      this.error = presentError(err);
    }
  }

  /** Draws the next frame, then waits one period; Pause stops the chain, Resume restarts it. */
  private async showNext(): Promise<void> {
    this.timer = undefined;
    const frames = this.frames;
    if (frames === undefined || this.paused || this.phase !== 'sending') return;
    const started = performance.now();
    this.frame = await createQrMatrix(frames.next(), 'L');
    const period = 1000 / (SPEEDS[this.speed] ?? 4);
    this.timer = setTimeout(() => void this.showNext(), Math.max(0, period - (performance.now() - started)));
  }

  private stopFrames(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private togglePause(): void {
    this.paused = !this.paused;
    if (this.paused) this.stopFrames();
    else void this.showNext();
  }

  private finishSending(): void {
    this.stopFrames();
    this.frames = undefined;
    this.frame = undefined;
    this.phase = 'after';
  }

  private async removeSent(): Promise<void> {
    try {
      const removed = await getVault().deleteAccounts(this.ids);
      showToast({ message: t('phoneMove.removed', { count: removed }) });
      fire(this, 'phone-move-closed');
    } catch (err) {
      this.error = presentError(err);
    }
  }

  private renderStep() {
    switch (this.phase) {
      case 'intro':
        return html`<p>${t('phoneMove.sendLead')}</p>
          <div class="actions"><button class="primary" data-testid="phone-send-start" @click=${() => void this.start()}>${t('phoneMove.start')}</button></div>`;
      case 'scan':
        return html`<p>${t('phoneMove.scanPairing')}</p>
          <omamori-scanner autostart accept="any" @qr-codes=${(e: QrCodesEvent) => void this.onCodes(e)}></omamori-scanner>`;
      case 'check': {
        const check = this.sending?.check ?? '';
        return html`<p>${t('phoneMove.helloLead')}</p>
          <div class="qr-box"><omamori-qr data-testid="phone-hello-qr" .text=${this.sending?.hello ?? ''} .label=${t('phoneMove.helloLabel')}></omamori-qr></div>
          <p>${t('phoneMove.askCheck')}</p>
          <p class="check" data-testid="phone-send-check">${check.slice(0, 3)} ${check.slice(3)}</p>
          <div class="actions">
            <button class="primary" data-testid="phone-send-yes" @click=${() => void this.send()}>${t('phoneMove.yes')}</button>
            <button data-testid="phone-send-no" @click=${() => ((this.sending = undefined), (this.phase = 'mismatch'))}>${t('phoneMove.no')}</button>
          </div>
          <p class="hint">${t('phoneMove.fileLead')}</p>
          <div class="actions"><button data-testid="phone-send-file" @click=${() => void this.send(true)}>${t('phoneMove.fileSend')}</button></div>`;
      }
      case 'file':
        return html`<p role="status" data-testid="phone-send-file-saved">${t('phoneMove.fileSaved', { file: MOVE_FILE })}</p>
          <p class="check">${this.checkSent.slice(0, 3)} ${this.checkSent.slice(3)}</p>
          <div class="actions"><button class="primary" data-testid="phone-send-done" @click=${() => (this.phase = 'after')}>${t('phoneMove.sentDone')}</button></div>`;
      case 'mismatch':
        return html`<p role="status" data-testid="phone-send-mismatch">${t('phoneMove.mismatch')}</p>
          <div class="actions"><button @click=${() => void this.start()}>${t('phoneMove.again')}</button></div>`;
      case 'sending':
        return html`<p>${t('phoneMove.sending')}</p>
          <div class="qr-box" data-testid="phone-send-frames">${this.frame ? renderQrSvg(this.frame, t('phoneMove.framesLabel')) : nothing}</div>
          <p class="hint" role="status">${t('phoneMove.speed', { fps: SPEEDS[this.speed] ?? 4 })}</p>
          <div class="actions">
            <button data-testid="phone-send-pause" aria-pressed=${this.paused ? 'true' : 'false'} @click=${() => this.togglePause()}>${t('phoneMove.pause')}</button>
            <button ?disabled=${this.speed === 0} @click=${() => (this.speed = Math.max(0, this.speed - 1))}>${t('phoneMove.slower')}</button>
            <button ?disabled=${this.speed === SPEEDS.length - 1} @click=${() => (this.speed = Math.min(SPEEDS.length - 1, this.speed + 1))}>${t('phoneMove.faster')}</button>
          </div>
          <div class="actions"><button class="primary" data-testid="phone-send-done" @click=${() => this.finishSending()}>${t('phoneMove.sentDone')}</button></div>`;
      case 'after':
        return html`<p role="status">${t('phoneMove.afterLead', { count: this.count })}</p>
          <div class="actions">
            <button class="primary" data-testid="phone-send-keep" @click=${() => fire(this, 'phone-move-closed')}>${t('phoneMove.keep')}</button>
            <button data-testid="phone-send-remove" @click=${() => (this.phase = 'confirm-remove')}>${t('phoneMove.remove')}</button>
          </div>`;
      case 'confirm-remove':
        return html`<p role="alert">${t('phoneMove.removeConfirm', { count: this.count })}</p>
          <div class="actions">
            <button class="danger" data-testid="phone-send-remove-confirm" @click=${() => void this.removeSent()}>${t('phoneMove.removeNow', { count: this.count })}</button>
            <button @click=${() => (this.phase = 'after')}>${t('dialog.cancel')}</button>
          </div>`;
    }
  }

  override render() {
    return html`<main class="page" data-testid="phone-send">
      <div class="top">
        <button data-testid="phone-send-back" @click=${() => fire(this, 'phone-move-closed')}>← ${t('settings.back')}</button>
        <h1>${t('phoneMove.sendTitle')}</h1>
      </div>
      <section class="panel">
        ${this.renderStep()}
        ${this.error ? html`<p class="field-error" role="alert" data-testid="phone-send-error">${this.error}</p>` : nothing}
      </section>
    </main>`;
  }
}

customElements.define('omamori-phone-send', OmamoriPhoneSend);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-phone-send': OmamoriPhoneSend;
  }
  interface HTMLElementEventMap {
    'open-phone-move': OmamoriEvent<{ role: 'send' | 'receive' }>;
  }
}
