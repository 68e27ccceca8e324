/**
 * @file `<omamori-scanner>`: camera preview, "Choose an image", drag-and-drop and paste. Emits
 * `qr-codes` with the authenticator codes it reads; names any other QR code for the user. Loaded
 * lazily (`import('./omamori-scanner')`) so that the decoders stay out of the start-up bundle.
 * The camera starts only from a user gesture (the Start button, or `autostart` set by an opener
 * that was clicked) and every track stops on disconnect, when the page is hidden and on lock.
 */
import { LitElement, html, nothing } from 'lit';
import { isAppError, type ErrorCode } from '../../core/errors';
import { classifyQrText, isAuthenticatorQr, type QrContent } from '../../core/qr-content';
import { getVault } from '../../services/browser/vault';
import { ImageInputController } from './image-input-controller';
import { t, type MessageKey } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { decodeImage, startCameraScan, warmDecoder, type CameraScan } from './qr-decoder';
import { scannerStyles } from './scanner-styles';
import { fire, type OmamoriEvent } from '../shared/events';

export type QrCodesEvent = OmamoriEvent<{ texts: string[] }>;
type CameraState = 'idle' | 'starting' | 'live';

const CONTENT_MESSAGES: Record<Exclude<QrContent['kind'], 'otpauth' | 'migration'>, MessageKey> = {
  'transfer-code': 'scanner.transferCode',
  'web-address': 'scanner.webAddress',
  wifi: 'scanner.wifi',
  other: 'scanner.other',
};

/** The message for a typed error; anything else (never shown raw) becomes `fallback`. */
function errorKey(err: unknown, fallback: ErrorCode): MessageKey {
  return `error.${isAppError(err) && err.code !== 'unknown' ? err.code : fallback}` as MessageKey;
}

export class OmamoriScanner extends LitElement {
  static override properties = {
    autostart: { type: Boolean },
    hint: {},
    accept: {},
    everyCode: { type: Boolean, attribute: 'every-code' },
    camera: { state: true },
    message: { state: true },
    decoding: { state: true },
    controls: { state: true },
  };
  static override styles = scannerStyles;

  declare autostart: boolean;
  /** Progress the opener shows under the preview, e.g. "2 of 3 codes scanned". */
  declare hint: string;
  /**
   * What to hand on: account codes (default), a backup's transfer code, or every text read
   * (`any`: a move between phones, whose codes its own screen reads).
   */
  declare accept: 'accounts' | 'transfer-code' | 'any';
  /** Images hold many codes (a printed page of a paper backup): read each one thoroughly, in full. */
  declare everyCode: boolean;
  declare camera: CameraState;
  /** Kept as a key so that a language change re-renders it. */
  declare message: MessageKey | null;
  declare decoding: boolean;
  /** What the live camera offers: a switch when there are several, a light when it has one. */
  declare controls: { cameras: number; torch: boolean; torchOn: boolean };
  // One element for the whole life of the scanner (rendered into the shadow root).
  private readonly video = document.createElement('video');
  private scan: CameraScan | null = null;
  private starting: AbortController | null = null;
  /** Counts the images chosen, dropped or pasted, so a late camera failure can tell it came after one. */
  private imagesChosen = 0;
  private unsubscribeVault: (() => void) | undefined;
  private readonly images = new ImageInputController(this, (files) => void this.decodeFiles(files));

  constructor() {
    super();
    this.autostart = false;
    this.hint = '';
    this.accept = 'accounts';
    this.everyCode = false;
    this.camera = 'idle';
    this.message = null;
    this.decoding = false;
    this.controls = { cameras: 0, torch: false, torchOn: false };
    new LocaleController(this);
    Object.assign(this.video, { muted: true, playsInline: true, disablePictureInPicture: true });
    this.video.dataset.testid = 'scanner-video';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.unsubscribeVault = getVault().subscribeState((state) => state !== 'unlocked' && this.stopCamera());
    // The decoder's WASM compiles now, not at the first pasted screenshot (which would wait for it).
    warmDecoder();
    if (this.autostart && this.camera === 'idle') void this.startCamera();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.unsubscribeVault?.();
    this.stopCamera();
  }

  /** Stops every camera track now; the element stays usable (Start camera, images). */
  stopCamera(): void {
    this.starting?.abort();
    this.starting = null;
    this.scan?.stop();
    this.scan = null;
    this.camera = 'idle';
  }

  private async startCamera(): Promise<void> {
    if (this.camera !== 'idle' || !this.isConnected || document.hidden) return;
    const controller = new AbortController();
    this.starting = controller;
    this.camera = 'starting';
    this.message = null;
    const imagesBefore = this.imagesChosen;
    try {
      const scan = await startCameraScan(this.video, (text) => this.onTexts([text], 'camera'), { signal: controller.signal });
      if (controller.signal.aborted) return scan.stop();
      this.scan = scan;
      this.starting = null;
      this.camera = 'live';
      await this.refreshCameraControls();
    } catch (err) {
      if (controller.signal.aborted) return;
      this.starting = null;
      this.camera = 'idle';
      // A camera that fails after an image was chosen (it can take seconds to give up) leaves
      // that image's message on screen: the person is no longer waiting for the camera.
      if (this.imagesChosen === imagesBefore) this.message = errorKey(err, 'scan/camera-failed');
    }
  }

  private async refreshCameraControls(): Promise<void> {
    const scan = this.scan;
    if (!scan) return;
    const [cameras, torch] = await Promise.all([scan.listCameras().catch(() => []), scan.hasFlash().catch(() => false)]);
    if (scan === this.scan) this.controls = { cameras: cameras.length, torch, torchOn: false };
  }

  private async switchCamera(): Promise<void> {
    const scan = this.scan;
    if (!scan) return;
    const cameras = await scan.listCameras();
    const index = cameras.findIndex((c) => c.id === scan.currentCamera());
    const next = cameras[(index + 1) % cameras.length];
    if (!next) return;
    try {
      await scan.setCamera(next.id);
      await this.refreshCameraControls();
    } catch (err) {
      this.stopCamera(); // setCamera already stopped every track
      this.message = errorKey(err, 'scan/camera-failed');
    }
  }

  private async toggleTorch(): Promise<void> {
    const torchOn = await this.scan?.toggleFlash().catch(() => this.controls.torchOn);
    this.controls = { ...this.controls, torchOn: torchOn ?? false };
  }

  private readonly onVisibility = (): void => {
    if (!document.hidden || this.camera === 'idle') return;
    this.stopCamera();
    this.message = 'scanner.stoppedHidden';
  };

  private onTexts(texts: readonly string[], source: 'camera' | 'image'): void {
    if (this.accept === 'any') {
      if (texts.length > 0) fire(this, 'qr-codes', { texts: [...texts] });
      else if (source === 'image') this.message = 'error.scan/no-code';
      return;
    }
    const contents = texts.map(classifyQrText);
    if (this.accept === 'transfer-code') {
      const found = contents.find((c) => c.kind === 'transfer-code');
      if (found) {
        this.message = null;
        fire(this, 'qr-codes', { texts: [found.text] });
      } else this.message = contents.length > 0 ? 'scanner.notTransferCode' : source === 'image' ? 'error.scan/no-code' : this.message;
      return;
    }
    const codes = contents.filter(isAuthenticatorQr).map((c) => c.text);
    if (codes.length > 0) {
      this.message = null;
      fire(this, 'qr-codes', { texts: codes });
    } else {
      const other = contents.find((c) => !isAuthenticatorQr(c));
      if (other && !isAuthenticatorQr(other)) this.message = CONTENT_MESSAGES[other.kind];
      else if (source === 'image') this.message = 'error.scan/no-code';
    }
  }

  private async decodeFiles(files: readonly File[]): Promise<void> {
    this.imagesChosen++;
    const images = files.filter((f) => f.type === '' || f.type.startsWith('image/'));
    if (images.length === 0) {
      if (files.length > 0) this.message = 'error.scan/not-image';
      return;
    }
    this.decoding = true;
    this.message = null;
    const texts: string[] = [];
    let failure: unknown = null;
    for (const file of images) {
      try {
        texts.push(...(await decodeImage(file, { everyCode: this.everyCode })));
      } catch (err) {
        failure = err;
      }
    }
    this.decoding = false;
    if (texts.length > 0 || failure === null) this.onTexts(texts, 'image');
    else this.message = errorKey(failure, 'scan/no-code');
  }

  private onFileChosen(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // choosing the same file again must fire change again
    void this.decodeFiles(files);
  }

  protected override willUpdate(): void {
    this.video.setAttribute('aria-label', t('scanner.video')); // follows language changes
  }

  private renderMessage() {
    if (!this.message) return nothing;
    return html`<p class="message" role="alert" data-testid="scanner-message">${t(this.message)}</p>`;
  }

  override render() {
    const live = this.camera === 'live';
    return html`<section class=${this.images.dragging ? 'scanner dragging' : 'scanner'} data-testid="scanner" aria-label=${t('scanner.label')}>
      <div class="preview" ?hidden=${this.camera === 'idle'}>
        ${this.video}
        <div class="frame" aria-hidden="true"></div>
        ${this.camera === 'starting' ? html`<p class="overlay" role="status">${t('scanner.starting')}</p>` : nothing}
      </div>
      ${live ? html`<p class="hint center">${t('scanner.aim')}</p>` : nothing}
      <p class="progress" role="status" data-testid="scanner-hint" ?hidden=${!this.hint}>${this.hint}</p>
      ${this.renderMessage()}
      ${this.decoding ? html`<p role="status">${t('scanner.decoding')}</p>` : nothing}
      <div class="actions">
        ${this.camera === 'idle' ? html`<button class="primary" data-testid="scanner-start" @click=${this.startCamera}>${t('scanner.start')}</button>` : nothing}
        ${live && this.controls.cameras > 1 ? html`<button data-testid="scanner-switch" @click=${this.switchCamera}>${t('scanner.switch')}</button>` : nothing}
        ${
          live && this.controls.torch
            ? html`<button data-testid="scanner-torch" aria-pressed=${this.controls.torchOn ? 'true' : 'false'} @click=${this.toggleTorch}>${t('scanner.torch')}</button>`
            : nothing
        }
        <button @click=${() => this.renderRoot.querySelector('input')?.click()}>${t('scanner.file')}</button>
        <input class="visually-hidden" type="file" accept="image/*" multiple tabindex="-1" aria-hidden="true" data-testid="scanner-file" @change=${this.onFileChosen} />
      </div>
      <p class="hint">${this.images.dragging ? t('scanner.dropHere') : t('scanner.dropHint')}</p>
    </section>`;
  }
}

customElements.define('omamori-scanner', OmamoriScanner);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-scanner': OmamoriScanner;
  }
  interface HTMLElementEventMap {
    'qr-codes': QrCodesEvent;
  }
}
