import { LitElement, css, html, nothing } from 'lit';
import type { BackupCheck, ExportSecret, ImportPreview } from '../../services/backup/backup';
// Imported here, not via app-services: the backup code stays in the settings chunk.
import { getBackup } from '../../services/browser/backup';
import { classifyQrText } from '../../core/qr-content';
import { getVault } from '../../services/browser/vault';
import type { QrCodesEvent } from '../scan/omamori-scanner';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { fileDropStyles } from '../shared/file-drop-styles';
import { accountList, importCount, previewLists } from './import-preview';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { fire, type OmamoriEvent } from '../shared/events';
import { KdfRun } from '../shared/kdf-run';
import '../shared/omamori-kdf-progress';

type SlotType = 'passphrase' | 'transfer-code' | 'recovery-key';
/** `deriving`: the key derivation runs and can be cancelled; `working`: the import transaction. */
type Phase = 'pick' | 'secret' | 'deriving' | 'working' | 'preview' | 'result';

/**
 * Opens a backup file: pick or drop → inspect (envelope and KDF limits, no KDF) → ask for the
 * passphrase or the transfer code its slots name → restore preview and one-transaction import
 * (`mode="restore"`), or a comparison with the vault (`mode="test"`). The derivation shows its
 * progress and can be cancelled, back to the filled-in form. The vault is untouched on any error.
 * A file with a recovery-kit slot also offers its sheets instead (ui/recovery/omamori-kit-entry.ts);
 * a paper backup's codes (ui/recovery/omamori-paper-read.ts) give a file that only the sheets open.
 * Over 300 lines because the five ways into a file (a file, its passphrase, its transfer code, the
 * kit's sheets, a paper backup's codes) share one form and one derivation flow.
 */
export class OmamoriBackupOpen extends LitElement {
  static override properties = {
    mode: { type: String },
    phase: { state: true },
    slot: { state: true },
    error: { state: true },
    note: { state: true },
    preview: { state: true },
    check: { state: true },
    updateChanged: { state: true },
    dragging: { state: true },
    scanning: { state: true },
    hasKit: { state: true },
    paper: { state: true },
  };
  static override styles = [
    baseStyles,
    fileDropStyles,
    css`
      h5 {
        margin: 0.75rem 0 0;
      }
      .warning {
        border-left: 4px solid var(--om-danger);
        padding: 0.5rem 0.75rem;
        background: var(--om-accent-soft);
      }
    `,
  ];

  declare mode: 'restore' | 'test';
  declare phase: Phase;
  declare slot: SlotType;
  declare error: string;
  /** "Cancelled", after Cancel during the derivation. */
  declare note: string;
  declare preview: ImportPreview | undefined;
  declare check: BackupCheck | undefined;
  declare updateChanged: boolean;
  declare dragging: boolean;
  /** The scanner is open to read the transfer code's QR from the old device. */
  declare scanning: boolean;
  /** The file has a recovery-kit slot: offer "I forgot the passphrase" (ui/recovery/omamori-kit-entry.ts). */
  declare hasKit: boolean;
  /** Reading a paper backup's codes instead of a file (ui/recovery/omamori-paper-read.ts). */
  declare paper: boolean;
  private bytes: Uint8Array | undefined;
  private readonly kdf = new KdfRun(this);

  constructor() {
    super();
    this.scanning = false;
    this.hasKit = false;
    this.paper = false;
    this.mode = 'restore';
    this.phase = 'pick';
    this.slot = 'passphrase';
    this.error = '';
    this.note = '';
    this.preview = undefined;
    this.check = undefined;
    this.updateChanged = false;
    this.dragging = false;
    new LocaleController(this);
  }

  private tid(name: string): string {
    return `${this.mode}-${name}`;
  }

  private reset(): void {
    this.bytes = undefined;
    this.preview = undefined;
    this.check = undefined;
    this.phase = 'pick';
    this.error = '';
    this.note = '';
    this.updateChanged = false;
  }

  private async takeFile(file: File | undefined): Promise<void> {
    this.reset();
    if (file === undefined) return;
    try {
      await this.takeBytes(new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      this.error = presentError(err);
    }
  }

  /** A file's bytes, or a paper backup's (sealed to the kit only: straight to its sheets). */
  private async takeBytes(bytes: Uint8Array): Promise<void> {
    const { slots } = getBackup().inspect(bytes);
    this.bytes = bytes;
    this.hasKit = slots.includes('recovery-key');
    this.slot = slots.includes('passphrase') ? 'passphrase' : slots.includes('transfer-code') ? 'transfer-code' : 'recovery-key';
    if (this.slot === 'recovery-key') await import('../recovery/omamori-kit-entry');
    this.paper = false;
    this.phase = 'secret';
  }

  private async onPaper(bytes: Uint8Array): Promise<void> {
    this.reset();
    try {
      await this.takeBytes(bytes);
    } catch (err) {
      this.paper = false;
      this.error = presentError(err);
    }
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    void this.takeFile(event.dataTransfer?.files[0]);
  }

  private async openScanner(): Promise<void> {
    await import('../scan/omamori-scanner');
    this.scanning = true;
  }

  /** The old device shows the code as a QR too: reading it fills the field and opens the file. */
  private onCodeScanned(event: QrCodesEvent): void {
    const content = classifyQrText(event.detail.texts[0] ?? '');
    if (content.kind !== 'transfer-code') return;
    this.scanning = false;
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#${this.tid('secret')}`);
    if (input) input.value = content.code;
    void this.submitSecret();
  }

  private async submitSecret(event?: Event): Promise<void> {
    event?.preventDefault();
    const bytes = this.bytes;
    if (bytes === undefined) return;
    const value = this.renderRoot.querySelector<HTMLInputElement>(`#${this.tid('secret')}`)?.value ?? '';
    const sheets = this.renderRoot.querySelector('omamori-kit-entry')?.texts ?? [];
    this.phase = 'deriving';
    this.error = '';
    this.note = '';
    try {
      const secret: ExportSecret =
        this.slot === 'recovery-key'
          ? await (await import('../../services/backup/recovery-secret')).recoverySecret(sheets)
          : this.slot === 'passphrase'
            ? { kind: 'passphrase', passphrase: value }
            : { kind: 'transfer-code', code: value };
      const backup = getBackup();
      // One derivation for the usual one-slot file (a transfer code derives nothing).
      if (this.mode === 'restore') {
        const outcome = await this.kdf.run(1, (opts) => backup.previewImport(getVault(), bytes, secret, opts));
        if (outcome.cancelled) return await this.cancelled();
        this.preview = outcome.value;
        this.phase = 'preview';
      } else {
        const outcome = await this.kdf.run(1, (opts) => backup.checkBackup(getVault(), bytes, secret, opts));
        if (outcome.cancelled) return await this.cancelled();
        this.check = outcome.value;
        this.phase = 'result';
      }
    } catch (err) {
      this.error = this.slot === 'recovery-key' ? (await import('../recovery/sheet-input')).sheetError(err) : presentError(err);
      this.phase = 'secret';
    }
  }

  private async openPaper(): Promise<void> {
    await import('../recovery/omamori-paper-read');
    this.paper = true;
  }

  private async useKit(): Promise<void> {
    await import('../recovery/omamori-kit-entry');
    this.slot = 'recovery-key';
    this.error = '';
  }

  /** Back to the form as it was (the typed secret kept), with a short note and the focus in the field. */
  private async cancelled(): Promise<void> {
    this.note = t('kdf.cancelled');
    this.phase = 'secret';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${this.tid('secret')}`)?.focus();
  }

  private async commit(): Promise<void> {
    const preview = this.preview;
    if (preview === undefined) return;
    this.phase = 'working';
    try {
      const count = await getBackup().commitImport(getVault(), preview, { updateChanged: this.updateChanged });
      this.reset();
      showToast({ message: t('backup.imported', { count }) });
      fire(this, 'backup-restored', { count });
    } catch (err) {
      this.error = presentError(err);
      this.phase = 'preview';
    }
  }

  private weakWarning(weak: boolean) {
    return weak ? html`<p class="warning" data-testid=${this.tid('weak')}>${t('backup.weakSettings')}</p>` : nothing;
  }

  private renderPreview(p: ImportPreview) {
    const count = importCount(p, this.updateChanged);
    return html`<div data-testid="restore-preview">
      ${this.weakWarning(p.weakKdf)}
      ${previewLists(p, { prefix: 'restore', large: false, updateChanged: this.updateChanged, onUpdateChanged: (on) => (this.updateChanged = on) })}
      <div class="actions">
        <button class="primary" data-testid="restore-import" ?disabled=${count === 0} @click=${() => void this.commit()}>${t('backup.import', { count })}</button>
        <button data-testid="restore-cancel" @click=${() => this.reset()}>${t('dialog.cancel')}</button>
      </div>
    </div>`;
  }

  private renderCheck(c: BackupCheck) {
    if (c.ok)
      return html`<p role="status" data-testid="test-result" data-ok="true">${c.count === 1 ? t('backup.testOkOne') : t('backup.testOk', { count: c.count })}</p>
        ${this.weakWarning(c.weakKdf)}`;
    return html`${this.weakWarning(c.weakKdf)}<div role="status" data-testid="test-result" data-ok="false">
      ${c.missing.length ? html`<h5>${t('backup.testMissing', { count: c.missing.length })}</h5>${accountList(c.missing, 'test-missing')}` : nothing}
      ${c.extra.length ? html`<h5>${t('backup.testExtra', { count: c.extra.length })}</h5>${accountList(c.extra, 'test-extra')}` : nothing}
      ${
        c.different.length
          ? html`<h5>${t('backup.testDifferent', { count: c.different.length })}</h5>${accountList(
              c.different.map((d) => d.inBackup),
              'test-different',
            )}`
          : nothing
      }
    </div>`;
  }

  override render() {
    const deriving = this.phase === 'deriving';
    const busy = deriving || this.phase === 'working';
    return html`<div class="drop ${this.dragging ? 'over' : ''}" @dragover=${(e: DragEvent) => (e.preventDefault(), (this.dragging = true))}
        @dragleave=${() => (this.dragging = false)} @drop=${this.onDrop}>
        <p class="hint">${t('backup.restoreLead')}</p>
        <label for=${this.tid('file')}>${t('backup.chooseFile')}</label>
        <input id=${this.tid('file')} type="file" accept=".omamori,application/json" data-testid=${this.tid('file')} ?disabled=${busy}
          @change=${(e: Event) => void this.takeFile((e.target as HTMLInputElement).files?.[0])} />
        ${
          this.mode === 'restore' && this.phase === 'pick' && !this.paper
            ? html`<div class="actions"><button type="button" data-testid="restore-paper" @click=${() => void this.openPaper()}>${t('paper.fromPaper')}</button></div>`
            : nothing
        }
      </div>
      ${this.paper && this.phase === 'pick' ? html`<omamori-paper-read @paper-read=${(e: HTMLElementEventMap['paper-read']) => void this.onPaper(e.detail.bytes)}></omamori-paper-read>` : nothing}
      ${
        this.phase === 'secret' || busy
          ? html`<form @submit=${this.submitSecret} novalidate>
            ${
              this.slot === 'recovery-key'
                ? html`<omamori-kit-entry ?disabled=${busy}></omamori-kit-entry>`
                : html`<label for=${this.tid('secret')}>${this.slot === 'passphrase' ? t('backup.askPassphrase') : t('backup.askCode')}</label>
                    <input id=${this.tid('secret')} data-testid=${this.slot === 'passphrase' ? this.tid('passphrase') : this.tid('code')}
                      type=${this.slot === 'passphrase' ? 'password' : 'text'} autocomplete="off" spellcheck="false" ?disabled=${busy} />`
            }
            <div class="actions">
              <button class="primary" type="submit" data-testid=${this.tid('submit')} ?disabled=${busy}>
                ${this.mode === 'restore' ? t('backup.open') : t('backup.testRun')}
              </button>
              ${
                this.slot === 'transfer-code' && !this.scanning
                  ? html`<button type="button" data-testid=${this.tid('scan-code')} ?disabled=${busy} @click=${() => void this.openScanner()}>${t('backup.scanCode')}</button>`
                  : nothing
              }
              ${
                this.hasKit && this.slot !== 'recovery-key'
                  ? html`<button type="button" data-testid=${this.tid('use-kit')} ?disabled=${busy} @click=${() => void this.useKit()}>${t('kit.restoreWith')}</button>`
                  : nothing
              }
            </div>
          </form>`
          : nothing
      }
      ${
        this.scanning && this.phase === 'secret'
          ? html`<omamori-scanner autostart accept="transfer-code" @qr-codes=${this.onCodeScanned}></omamori-scanner>`
          : nothing
      }
      ${
        deriving
          ? html`<omamori-kdf-progress data-testid=${this.tid('working')} .label=${t('backup.opening')} .step=${this.kdf.step} .steps=${this.kdf.steps}
              @kdf-cancel=${() => this.kdf.cancel()}></omamori-kdf-progress>`
          : busy
            ? html`<p role="status" data-testid=${this.tid('working')}>${t('backup.opening')}</p>`
            : nothing
      }
      ${this.note ? html`<p role="status" class="hint" data-testid=${this.tid('note')}>${this.note}</p>` : nothing}
      ${this.error ? html`<p class="field-error" role="alert" data-testid=${this.tid('error')}>${this.error}</p>` : nothing}
      ${this.phase === 'preview' && this.preview ? this.renderPreview(this.preview) : nothing}
      ${this.phase === 'result' && this.check ? this.renderCheck(this.check) : nothing}`;
  }
}

customElements.define('omamori-backup-open', OmamoriBackupOpen);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-backup-open': OmamoriBackupOpen;
  }
  interface HTMLElementEventMap {
    'backup-restored': OmamoriEvent<{ count: number }>;
  }
}
