import { LitElement, css, html, nothing } from 'lit';
import { generateTransferCode } from '../../core/transfer-code';
import { vaultCheck } from '../../services/backup/backup';
import { getBackup } from '../../services/browser/backup';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { presentError } from '../../messages/present-error';
import { fire, type OmamoriEvent } from '../shared/events';
import { KdfRun } from '../shared/kdf-run';
import { LocaleController } from '../shared/locale-controller';
import { CANCELLED, proveIfNeeded, withProof } from '../shared/reauth';
import { baseStyles, pageTopStyles } from '../shared/styles';
import { backupSettingsStyles } from './backup-settings-styles';
import '../onboarding/omamori-install-guide';
import '../shared/omamori-kdf-progress';

type Step = 'export' | 'install' | 'restore' | 'done' | 'different';

/**
 * From a vault in an iOS Safari tab to the home-screen app, whose storage is separate: an
 * encrypted backup with a transfer code, the install steps, the restore there. This page cannot
 * see the other app's storage, so the last step is a comparison the person makes: both show the
 * number of accounts and vaultCheck's short check, equal only when the app holds exactly these
 * accounts.
 */
export class OmamoriMoveToApp extends LitElement {
  static override properties = { step: { state: true }, busy: { state: true }, error: { state: true }, file: { state: true } };
  static override styles = [
    baseStyles,
    pageTopStyles,
    backupSettingsStyles,
    css`
      .top h1 {
        font-size: 1.4rem;
      }
      .check {
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      ol.restore {
        padding-left: 1.25rem;
      }
      ol.restore li {
        margin-bottom: 0.5rem;
      }
    `,
  ];

  declare step: Step;
  declare busy: boolean;
  declare error: string;
  /** The checked backup, its transfer code, and what the home-screen app must show after restoring it. */
  declare file: { url: string; name: string; blob: File; code: string; count: number; check: string } | undefined;
  private readonly kdf = new KdfRun(this);

  constructor() {
    super();
    this.step = 'export';
    this.busy = false;
    this.error = '';
    this.file = undefined;
    new LocaleController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.file) URL.revokeObjectURL(this.file.url);
  }

  private async makeFile(): Promise<void> {
    if (!(await proveIfNeeded())) return;
    const code = generateTransferCode();
    this.error = '';
    this.busy = true;
    try {
      const outcome = await this.kdf.run(2, (opts) =>
        withProof(() => getBackup().exportBackup(getVault(), { secret: { kind: 'transfer-code', code }, ...opts })),
      );
      if (outcome.cancelled || outcome.value === CANCELLED) return;
      const { bytes, fileName, count } = outcome.value;
      const { check } = vaultCheck(await getVault().listAccounts());
      const blob = new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: 'application/json' });
      this.file = { url: URL.createObjectURL(blob), name: fileName, blob, code, count, check };
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  private async share(file: File): Promise<void> {
    try {
      await navigator.share({ files: [file] });
    } catch {
      // Cancelled, or the target refused: the download link stays.
    }
  }

  private go(step: Step): void {
    this.step = step;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  private heading(n: number, key: 'move.exportTitle' | 'move.installTitle' | 'move.restoreTitle') {
    return html`<p class="muted">${t('move.step', { n })}</p>
      <h2 tabindex="-1">${t(key)}</h2>`;
  }

  private renderCode(code: string) {
    return html`<p class="code" data-testid="move-code" aria-label=${code}>${code.split('-').map((g) => html`<span>${g}</span>`)}</p>`;
  }

  private renderCheck(f: { count: number; check: string }) {
    return html`<p class="check" data-testid="move-check">${t('vaultCheck.line', { count: f.count, check: f.check })}</p>`;
  }

  private renderExport() {
    const f = this.file;
    if (f === undefined) {
      return html`${this.heading(1, 'move.exportTitle')}
        <p>${t('move.exportLead')}</p>
        ${this.error ? html`<p class="field-error" role="alert" data-testid="move-error">${this.error}</p>` : nothing}
        ${
          this.busy
            ? html`<omamori-kdf-progress .label=${t('backup.working')} .step=${this.kdf.step} .steps=${this.kdf.steps} @kdf-cancel=${() => this.kdf.cancel()}></omamori-kdf-progress>`
            : html`<div class="actions"><button class="primary" data-testid="move-export" @click=${() => void this.makeFile()}>${t('move.exportButton')}</button></div>`
        }`;
    }
    const canShare = typeof navigator.canShare === 'function' && navigator.canShare({ files: [f.blob] });
    return html`${this.heading(1, 'move.exportTitle')}
      <p role="status" data-testid="move-ready">${f.count === 1 ? t('backup.readyOne') : t('backup.ready', { count: f.count })}</p>
      <p>${t('backup.codeLead')}</p>
      ${this.renderCode(f.code)}
      <p class="hint">${t('move.saveHint')}</p>
      <div class="actions">
        <a class="button" data-testid="move-download" href=${f.url} download=${f.name}>${t('backup.download', { name: f.name })}</a>
        ${canShare ? html`<button @click=${() => void this.share(f.blob)}>${t('backup.share')}</button>` : nothing}
        <button data-testid="move-next" @click=${() => this.go('install')}>${t('move.next')}</button>
      </div>`;
  }

  private renderRestore(f: NonNullable<OmamoriMoveToApp['file']>) {
    return html`${this.heading(3, 'move.restoreTitle')}
      <ol class="restore">
        <li>${t('move.restore1')}</li>
        <li>${t('move.restore2')} ${this.renderCode(f.code)}</li>
        <li>${t('move.restore3')} ${this.renderCheck(f)}</li>
      </ol>
      <div class="actions">
        <button class="primary" data-testid="move-same" @click=${() => this.go('done')}>${t('move.same')}</button>
        <button data-testid="move-different" @click=${() => this.go('different')}>${t('move.different')}</button>
      </div>`;
  }

  private renderStep() {
    const f = this.file;
    if (this.step === 'export' || f === undefined) return this.renderExport();
    switch (this.step) {
      case 'install':
        return html`${this.heading(2, 'move.installTitle')}
          <omamori-install-guide></omamori-install-guide>
          <p class="hint">${t('move.installAlready')}</p>
          <div class="actions"><button data-testid="move-next" @click=${() => this.go('restore')}>${t('move.next')}</button></div>`;
      case 'restore':
        return this.renderRestore(f);
      case 'done':
        return html`<h2 tabindex="-1" data-testid="move-done">${t('move.doneTitle')}</h2>
          <p>${t('move.done')}</p>
          <div class="actions"><button class="primary" @click=${() => fire(this, 'move-closed')}>${t('move.close')}</button></div>`;
      default:
        return html`<h2 tabindex="-1" data-testid="move-mismatch">${t('move.differentTitle')}</h2>
          <p>${t('move.differentText')}</p>
          <div class="actions"><button @click=${() => this.go('restore')}>${t('move.retry')}</button></div>`;
    }
  }

  override render() {
    return html`<main class="page" data-testid="move-to-app">
      <div class="top">
        <button data-testid="move-back" @click=${() => fire(this, 'move-closed')}>← ${t('move.back')}</button>
        <h1>${t('move.title')}</h1>
      </div>
      <section class="panel">${this.renderStep()}</section>
    </main>`;
  }
}

customElements.define('omamori-move-to-app', OmamoriMoveToApp);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-move-to-app': OmamoriMoveToApp;
  }
  interface HTMLElementEventMap {
    'move-closed': OmamoriEvent;
  }
}
