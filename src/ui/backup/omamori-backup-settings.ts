import { LitElement, html, nothing } from 'lit';
import { MIN_PASSPHRASE_LENGTH, passphraseLength } from '../../core/passphrase-strength';
import { TRANSFER_CODE_QR_PREFIX } from '../../core/qr-content';
import { generateTransferCode } from '../../core/transfer-code';
import '../shared/omamori-qr';

const transferCodeQrText = (code: string): string => `${TRANSFER_CODE_QR_PREFIX}${code}`;
import type { Account } from '../../core/account';
import type { ExportSecret } from '../../services/backup/backup';
// Imported here, not via app-services: the backup code stays in the settings chunk.
import { getBackup } from '../../services/browser/backup';
import { getVault } from '../../services/browser/vault';
import { formatDate } from '../../messages/format';
import { fire } from '../shared/events';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { CANCELLED, proveIfNeeded, withProof } from '../shared/reauth';
import { type PickerChange } from './omamori-account-picker';
import './omamori-account-picker';
import { baseStyles } from '../shared/styles';
import { KdfRun } from '../shared/kdf-run';
import '../shared/omamori-kdf-progress';
import { backupSettingsStyles } from './backup-settings-styles';
import './omamori-backup-open';

type ExportPhase = 'none' | 'form' | 'working' | 'ready';
type Panel = 'none' | 'restore' | 'test';

/**
 * Settings → Backup: export an encrypted backup (after re-authentication; a backup passphrase or
 * a generated transfer code), restore from one, test one. The file is checked by reading it
 * back before it is offered (BackupService.exportBackup).
 */
export class OmamoriBackupSettings extends LitElement {
  static override properties = {
    phase: { state: true },
    panel: { state: true },
    code: { state: true },
    error: { state: true },
    note: { state: true },
    download: { state: true },
    lastExport: { state: true },
    accounts: { state: true },
    pickedIds: { state: true },
  };
  static override styles = [baseStyles, backupSettingsStyles];

  declare phase: ExportPhase;
  declare panel: Panel;
  /** A generated transfer code while the user chose one; '' = passphrase. */
  declare code: string;
  declare error: string;
  /** "Cancelled", after Cancel while the file was being made. */
  declare note: string;
  declare download: { url: string; fileName: string; count: number; file: File } | undefined;
  declare lastExport: number | null;
  /** The vault's accounts while the export form is open (for the picker); dropped when it closes. */
  declare accounts: readonly Account[];
  /** null = every account; otherwise the chosen ids. */
  declare pickedIds: readonly string[] | null;
  private readonly kdf = new KdfRun(this);

  constructor() {
    super();
    this.phase = 'none';
    this.panel = 'none';
    this.code = '';
    this.error = '';
    this.note = '';
    this.download = undefined;
    this.lastExport = null;
    this.accounts = [];
    this.pickedIds = null;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.lastExport = getBackup().lastExportAt();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.revoke();
  }

  private revoke(): void {
    if (this.download !== undefined) URL.revokeObjectURL(this.download.url);
    this.download = undefined;
  }

  private async startExport(): Promise<void> {
    if (!(await proveIfNeeded())) return;
    this.revoke();
    this.code = '';
    this.error = '';
    this.note = '';
    this.pickedIds = null;
    this.accounts = await getVault().listAccounts();
    this.phase = 'form';
  }

  /**
   * Fills both fields with a generated passphrase (150 random bits, the transfer-code alphabet)
   * and shows it, so the user can copy it into a password manager before exporting.
   */
  private readonly suggestPassphrase = (): void => {
    const generated = generateTransferCode();
    for (const id of ['backup-pass', 'backup-pass-confirm']) {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
      if (input) {
        input.value = generated;
        input.type = 'text';
      }
    }
  };

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    let secret: ExportSecret;
    if (this.code !== '') {
      secret = { kind: 'transfer-code', code: this.code };
    } else {
      const passphrase = this.value('backup-pass');
      if (passphraseLength(passphrase) < MIN_PASSPHRASE_LENGTH) {
        this.error = t('create.tooShort', { min: MIN_PASSPHRASE_LENGTH });
        return;
      }
      if (passphrase !== this.value('backup-pass-confirm')) {
        this.error = t('error.vault/passphrase-mismatch');
        return;
      }
      secret = { kind: 'passphrase', passphrase };
    }
    this.error = '';
    this.note = '';
    this.phase = 'working';
    try {
      const ids = this.pickedIds ?? undefined;
      // Two derivations for a passphrase: the file's slot, then the read-back check.
      const outcome = await this.kdf.run(2, (opts) =>
        withProof(() => getBackup().exportBackup(getVault(), ids === undefined ? { secret, ...opts } : { secret, ids: [...ids], ...opts })),
      );
      if (outcome.cancelled || outcome.value === CANCELLED) {
        this.note = outcome.cancelled ? t('kdf.cancelled') : '';
        this.phase = 'form';
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[data-testid=backup-create]')?.focus();
        return;
      }
      const { bytes, fileName, count } = outcome.value;
      const file = new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: 'application/json' });
      this.download = { url: URL.createObjectURL(file), fileName, count, file };
      this.lastExport = getBackup().lastExportAt();
      this.phase = 'ready';
      fire(this, 'readiness-changed');
    } catch (err) {
      this.error = presentError(err);
      this.phase = 'form';
    }
  }

  private finish(): void {
    this.revoke();
    this.code = '';
    this.accounts = [];
    this.pickedIds = null;
    this.phase = 'none';
  }

  private async share(): Promise<void> {
    const file = this.download?.file;
    if (file === undefined) return;
    try {
      await navigator.share({ files: [file] });
    } catch {
      // Cancelled, or the target refused: the download link stays.
    }
  }

  private renderForm() {
    const busy = this.phase === 'working';
    return html`<form @submit=${this.submit} novalidate data-testid="backup-form">
      <omamori-account-picker test-prefix="backup" .accounts=${this.accounts}
        @accounts-picked=${(e: PickerChange) => (this.pickedIds = e.detail.ids)}></omamori-account-picker>
      ${
        this.code !== ''
          ? html`<p>${t('backup.codeLead')}</p>
            <p class="muted">${t('backup.codeLabel')}</p>
            <p class="code" data-testid="backup-code" aria-label=${this.code}>${this.code.split('-').map((g) => html`<span>${g}</span>`)}</p>
            <p class="hint">${t('backup.codeQrLead')}</p>
            <omamori-qr class="code-qr" data-testid="backup-code-qr" .text=${transferCodeQrText(this.code)} label=${t('backup.codeLabel')}></omamori-qr>
            <button type="button" class="link" data-testid="backup-use-passphrase" ?disabled=${busy} @click=${() => (this.code = '')}>
              ${t('backup.usePassphrase')}
            </button>`
          : html`<p class="hint">${t('backup.passphraseLead')}</p>
            <label for="backup-pass">${t('backup.passphrase')}</label>
            <input id="backup-pass" type="password" autocomplete="new-password" data-testid="backup-passphrase" ?disabled=${busy} />
            <label for="backup-pass-confirm">${t('create.confirm')}</label>
            <input id="backup-pass-confirm" type="password" autocomplete="new-password" data-testid="backup-passphrase-confirm" ?disabled=${busy} />
            <button type="button" class="link" data-testid="backup-generate" ?disabled=${busy} @click=${this.suggestPassphrase}>
              ${t('backup.generate')}
            </button>
            <button type="button" class="link" data-testid="backup-use-code" ?disabled=${busy} @click=${() => (this.code = generateTransferCode())}>
              ${t('backup.useCode')}
            </button>`
      }
      ${this.error ? html`<p class="field-error" role="alert" data-testid="backup-error">${this.error}</p>` : nothing}
      ${
        // While the file is made, its progress and one Cancel (which stops the work) replace the buttons.
        busy
          ? html`<omamori-kdf-progress data-testid="backup-working" .label=${t('backup.working')} .step=${this.kdf.step} .steps=${this.kdf.steps}
              @kdf-cancel=${() => this.kdf.cancel()}></omamori-kdf-progress>`
          : html`<div class="actions">
              <button class="primary" type="submit" data-testid="backup-create">${t('backup.create')}</button>
              <button type="button" @click=${() => this.finish()}>${t('dialog.cancel')}</button>
            </div>`
      }
      ${this.note ? html`<p role="status" class="hint" data-testid="backup-note">${this.note}</p>` : nothing}
    </form>`;
  }

  private renderReady(d: NonNullable<OmamoriBackupSettings['download']>) {
    const canShare = typeof navigator.canShare === 'function' && navigator.canShare({ files: [d.file] });
    return html`<p role="status" data-testid="backup-ready">${d.count === 1 ? t('backup.readyOne') : t('backup.ready', { count: d.count })}</p>
      ${this.code !== '' ? html`<p>${t('backup.codeLead')}</p><p class="code" data-testid="backup-code">${this.code.split('-').map((g) => html`<span>${g}</span>`)}</p>` : nothing}
      <div class="actions">
        <a class="button" data-testid="backup-download" href=${d.url} download=${d.fileName}>${t('backup.download', { name: d.fileName })}</a>
        ${canShare ? html`<button data-testid="backup-share" @click=${() => void this.share()}>${t('backup.share')}</button>` : nothing}
        <button data-testid="backup-done" @click=${() => this.finish()}>${t('backup.done')}</button>
      </div>`;
  }

  private togglePanel(panel: Panel): void {
    this.panel = this.panel === panel ? 'none' : panel;
  }

  override render() {
    const last = this.lastExport;
    return html`<section class="panel" aria-labelledby="backup-h">
      <h3 id="backup-h">${t('backup.title')}</h3>
      <p class="muted">${t('backup.lead')}</p>
      <p data-testid="backup-last-export">
        ${last === null ? t('backup.never') : t('backup.lastExport', { date: formatDate(last, { dateStyle: 'long', timeStyle: 'short' }) })}
      </p>
      ${
        this.phase === 'none'
          ? html`<button data-testid="backup-export" @click=${() => void this.startExport()}>${t('backup.export')}</button>`
          : this.phase === 'ready' && this.download
            ? this.renderReady(this.download)
            : this.renderForm()
      }
      <h4>${t('phoneMove.sendTitle')}</h4>
      <p class="hint">${t('phoneMove.settingsLead')}</p>
      <div class="actions">
        <button data-testid="phone-send-open" @click=${() => fire(this, 'open-phone-move', { role: 'send' })}>${t('phoneMove.sendTitle')}</button>
        <button data-testid="phone-receive-open" @click=${() => fire(this, 'open-phone-move', { role: 'receive' })}>${t('phoneMove.receiveTitle')}</button>
      </div>
      <h4>${t('backup.restore')}</h4>
      ${
        this.panel === 'restore'
          ? html`<omamori-backup-open mode="restore" @backup-restored=${() => (this.panel = 'none')}></omamori-backup-open>`
          : html`<button data-testid="restore-open" @click=${() => this.togglePanel('restore')}>${t('backup.restore')}</button>`
      }
      <h4>${t('backup.test')}</h4>
      <p class="hint">${t('backup.testLead')}</p>
      ${
        this.panel === 'test'
          ? html`<omamori-backup-open mode="test"></omamori-backup-open>`
          : html`<button data-testid="test-open" @click=${() => this.togglePanel('test')}>${t('backup.test')}</button>`
      }
    </section>`;
  }
}

customElements.define('omamori-backup-settings', OmamoriBackupSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-backup-settings': OmamoriBackupSettings;
  }
}
