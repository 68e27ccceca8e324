import { LitElement, css, html, nothing } from 'lit';
import { accountTitle, type AccountData } from '../../core/account';
import { AppError, isAppError } from '../../core/errors';
import { commitImport, importableApps, startImport, type AppImport, type AppImportPreview } from '../../services/browser/other-apps';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { fileDropStyles } from '../shared/file-drop-styles';
import { importStyles } from './import-styles';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { fire, type OmamoriEvent } from '../shared/events';
import '../account-icon/omamori-account-icon';
import { guideApps, stepsFor, type GuideApp } from './import-guide';
import './omamori-import-app-picker';

type Phase = 'pick' | 'password' | 'working' | 'preview';

/** The import worker reads files up to 32 MiB (formats/import/input.ts); a key file is held to the same. */
const MAX_KEY_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Import from another authenticator, as a guide: which app (a searchable grid,
 * <omamori-import-app-picker>) → that app's export steps (import-guide.ts) → choose or drop the
 * file; a file dropped or chosen at any step is recognised by its content alone. Then: the format is recognised →
 * password if it is encrypted → preview (new, already here, problems) → one transaction.
 * Recognising and reading run in a worker (services/browser/other-apps.ts): while they work,
 * Cancel stops them and returns to the step before. The vault is untouched until "Import", and
 * on any error or cancel.
 */
export class OmamoriOtherAppImport extends LitElement {
  static override properties = {
    phase: { state: true },
    error: { state: true },
    preview: { state: true },
    formatLabel: { state: true },
    encrypted: { state: true },
    keyFile: { state: true },
    dragging: { state: true },
    app: { state: true },
  };
  static override styles = [
    baseStyles,
    fileDropStyles,
    importStyles,
    css`
      h2 {
        margin: 0.75rem 0 0;
        font-size: 1rem;
      }
    `,
  ];

  declare phase: Phase;
  declare error: string;
  declare preview: AppImportPreview | undefined;
  declare formatLabel: string;
  declare encrypted: boolean;
  /** The file may be locked by a key file (KeePass): the password step offers to choose one. */
  declare keyFile: boolean;
  declare dragging: boolean;
  /** The app chosen in the guide (its export steps show), or undefined while asking. */
  declare app: GuideApp | undefined;
  private readonly apps = guideApps(importableApps());
  /** The picked file being recognised or read; undefined once it is read, cancelled or dropped. */
  private session: AppImport | undefined;

  constructor() {
    super();
    this.phase = 'pick';
    this.error = '';
    this.preview = undefined;
    this.formatLabel = '';
    this.encrypted = false;
    this.keyFile = false;
    this.dragging = false;
    this.app = undefined;
    new LocaleController(this);
    this.addEventListener('import-app-chosen', (e) => {
      this.app = this.apps.find((a) => a.name === e.detail.name);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Leaving the screen mid-way stops the worker too.
    this.reset();
  }

  private reset(): void {
    this.session?.cancel();
    this.session = undefined;
    this.preview = undefined;
    this.formatLabel = '';
    this.encrypted = false;
    this.keyFile = false;
    this.phase = 'pick';
    this.error = '';
  }

  private async takeFile(picked: File | undefined): Promise<void> {
    this.reset();
    if (picked === undefined) return;
    const session = startImport({ bytes: new Uint8Array(await picked.arrayBuffer()), fileName: picked.name });
    this.session = session;
    this.phase = 'working';
    try {
      const { app, encrypted, keyFile } = await session.recognise();
      if (this.session !== session) return;
      this.formatLabel = app;
      this.encrypted = encrypted;
      this.keyFile = keyFile;
      // Recognised without (or against) a choice: the guide follows the file.
      this.app = this.apps.find((a) => a.labels.includes(app)) ?? this.app;
      if (encrypted) this.phase = 'password';
      else await this.read();
    } catch (err) {
      if (this.session !== session) return;
      this.reset();
      // Cancelled: back to choosing a file, with nothing to report.
      if (!isAppError(err) || err.code !== 'aborted') this.error = presentError(err);
    }
  }

  private async read(password?: string, keyFile?: Uint8Array): Promise<void> {
    const session = this.session;
    if (session === undefined) return;
    const before: Phase = this.encrypted ? 'password' : 'pick';
    this.phase = 'working';
    this.error = '';
    try {
      const preview = await session.preview(password, keyFile);
      if (this.session !== session) return;
      this.preview = preview;
      this.session = undefined;
      this.phase = 'preview';
    } catch (err) {
      if (this.session !== session) return;
      if (isAppError(err) && err.code === 'import/password-required') {
        this.encrypted = true;
        this.phase = 'password';
        return;
      }
      // A plain file that failed or was cancelled has nothing left to retry.
      if (before === 'pick') this.reset();
      else this.phase = before;
      if (!isAppError(err) || err.code !== 'aborted') this.error = presentError(err);
    }
  }

  /** Cancel while recognising or reading: the session's promise rejects with `aborted` and the step before returns. */
  private stopWork(): void {
    this.session?.cancel();
  }

  private onPassword(event: Event): void {
    event.preventDefault();
    const value = this.renderRoot.querySelector<HTMLInputElement>('#import-password')?.value ?? '';
    const keyFile = this.keyFile ? this.renderRoot.querySelector<HTMLInputElement>('#import-key-file')?.files?.[0] : undefined;
    if (keyFile === undefined) {
      void this.read(value);
      return;
    }
    // Any file can be a KeePass key file, but not one larger than any export we read.
    if (keyFile.size > MAX_KEY_FILE_BYTES) {
      this.error = presentError(new AppError('import/too-large'));
      return;
    }
    void keyFile.arrayBuffer().then((bytes) => this.read(value, new Uint8Array(bytes)));
  }

  private async commit(): Promise<void> {
    const preview = this.preview;
    if (preview === undefined) return;
    this.phase = 'working';
    try {
      const count = await commitImport(preview);
      this.reset();
      showToast({ message: t('backup.imported', { count }) });
      fire(this, 'app-imported', { count });
    } catch (err) {
      this.error = presentError(err);
      this.phase = 'preview';
    }
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    void this.takeFile(event.dataTransfer?.files[0]);
  }

  private names(items: readonly Pick<AccountData, 'issuer' | 'name'>[], testid: string) {
    return html`<ul class="accounts" data-testid=${testid}>
      ${items.map(
        (a) => html`<li>
          <omamori-account-icon .issuer=${a.issuer} .name=${a.name}></omamori-account-icon>
          <span class="who">${accountTitle(a) || t('card.noName')}${a.issuer !== '' && a.name !== '' ? html` <span class="muted">(${a.name})</span>` : nothing}</span>
        </li>`,
      )}
    </ul>`;
  }

  private renderPreview(p: AppImportPreview) {
    return html`<div data-testid="import-preview">
      <p>${t('import.readAs', { app: this.formatLabel })}</p>
      <h2>${t('importGuide.previewNew', { count: p.added.length })}</h2>
      ${this.names(p.added, 'import-new')}
      ${p.notAccounts !== undefined ? html`<p class="hint" data-testid="import-not-accounts">${t('import.notAccounts', { count: p.notAccounts })}</p>` : nothing}
      ${p.present.length > 0 ? html`<h2>${t('import.present', { count: p.present.length })}</h2>${this.names(p.present, 'import-present')}` : nothing}
      ${
        p.problems.length > 0
          ? html`<h2>${t('import.problems', { count: p.problems.length })}</h2>
            <ul class="accounts" data-testid="import-problems">
              ${p.problems.map(
                (x) => html`<li>
                  <span class="who">${x.label}<span class="why">${presentError(new AppError(x.code))}</span></span>
                </li>`,
              )}
            </ul>`
          : nothing
      }
      <div class="actions">
        <button class="primary" data-testid="import-commit" ?disabled=${p.added.length === 0} @click=${() => void this.commit()}>
          ${t('backup.import', { count: p.added.length })}
        </button>
        <button data-testid="import-cancel" @click=${() => this.reset()}>${t('dialog.cancel')}</button>
      </div>
    </div>`;
  }

  /** Which app, then its steps; the file control is under either, so a file is never refused for skipping a step. */
  private renderGuide(busy: boolean) {
    const app = this.app;
    if (app === undefined) {
      return html`<omamori-import-app-picker .apps=${this.apps}></omamori-import-app-picker>
        ${this.renderFile(busy, true)}`;
    }
    const { keys } = stepsFor(app);
    return html`<section aria-labelledby="steps-h" data-testid="import-steps">
      <h2 id="steps-h">${t('importGuide.stepsTitle', { app: app.name })}</h2>
      <ol class="steps">
        ${keys.map((key) => html`<li>${t(key, { app: app.name })}</li>`)}
      </ol>
      <button class="link" data-testid="import-other-app" @click=${() => (this.app = undefined)}>${t('importGuide.otherApp')}</button>
    </section>
    ${this.renderFile(busy, false)}`;
  }

  /** The drop zone with a real button; `quiet` under the app grid, where it is the way round the guide. */
  private renderFile(busy: boolean, quiet: boolean) {
    return html`<div class="drop file ${this.dragging ? 'over' : ''}" data-testid="import-drop">
      <input id="import-file" class="visually-hidden" type="file" data-testid="import-file" ?disabled=${busy}
        @change=${(e: Event) => void this.takeFile((e.target as HTMLInputElement).files?.[0])} />
      <label class="button" for="import-file">${t('importGuide.chooseFile')}</label>
      <p class="hint">${quiet ? t('importGuide.dropAny') : t('importGuide.dropHere')}</p>
    </div>`;
  }

  override render() {
    const busy = this.phase === 'working';
    return html`<main class="page" @dragover=${(e: DragEvent) => (e.preventDefault(), (this.dragging = true))}
      @dragleave=${() => (this.dragging = false)} @drop=${this.onDrop}>
      <button data-testid="import-back" @click=${() => fire(this, 'import-closed')}>
        ← ${t('settings.back')}
      </button>
      <h1>${t('import.title')}</h1>
      ${this.phase === 'pick' || this.phase === 'password' ? this.renderGuide(busy) : this.renderFile(busy, false)}
      ${
        this.phase === 'password' || (busy && this.encrypted && this.preview === undefined)
          ? html`<form @submit=${this.onPassword} novalidate>
            <label for="import-password">${t('import.password', { app: this.formatLabel })}</label>
            <input id="import-password" data-testid="import-password" type="password" autocomplete="off" spellcheck="false" ?disabled=${busy} />
            ${
              this.keyFile
                ? html`<label for="import-key-file">${t('import.keyFile')}</label>
                  <input id="import-key-file" data-testid="import-key-file" type="file" aria-describedby="import-key-file-hint" ?disabled=${busy} />
                  <p class="hint" id="import-key-file-hint">${t('import.keyFileHint')}</p>`
                : nothing
            }
            <div class="actions">
              <button class="primary" type="submit" data-testid="import-open" ?disabled=${busy}>${t('backup.open')}</button>
            </div>
          </form>`
          : nothing
      }
      ${
        busy
          ? html`<div role="status" data-testid="import-working">
              <p>${t('import.working')}</p>
              <progress aria-label=${t('import.working')}></progress>
              <p class="hint">${t('import.workingHint')}</p>
              ${
                this.session !== undefined
                  ? html`<div class="actions">
                      <button data-testid="import-stop" @click=${() => this.stopWork()}>${t('dialog.cancel')}</button>
                    </div>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${this.error ? html`<p class="field-error" role="alert" data-testid="import-error">${this.error}</p>` : nothing}
      ${this.phase === 'preview' && this.preview ? this.renderPreview(this.preview) : nothing}
    </main>`;
  }
}

customElements.define('omamori-other-app-import', OmamoriOtherAppImport);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-other-app-import': OmamoriOtherAppImport;
  }
  interface HTMLElementEventMap {
    'app-imported': OmamoriEvent<{ count: number }>;
    'import-closed': OmamoriEvent;
  }
}
