import { LitElement, css, html, nothing } from 'lit';
import { MIN_PASSPHRASE_LENGTH, passphraseLength } from '../../core/passphrase-strength';
import { exportFileFor, type AppExportTarget, type ExportSkip } from '../../services/browser/other-apps';
import { saveFile } from '../shared/download';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import type { MessageKey } from '../../messages/en';
import { presentError } from '../../messages/present-error';
import { CANCELLED, withProof } from '../shared/reauth';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { fire } from '../shared/events';

type Target = AppExportTarget;
const TARGETS: readonly { id: Target; label: MessageKey }[] = [
  { id: 'aegis-encrypted', label: 'interop.aegisEncrypted' },
  { id: 'aegis', label: 'interop.aegisPlain' },
  { id: '2fas', label: 'interop.twofas' },
  { id: 'cxf', label: 'interop.cxf' },
  { id: 'keepass', label: 'interop.keepass' },
];
/** Targets written under a password the user chooses here (the others are plain files). */
const ENCRYPTED: ReadonlySet<Target> = new Set<Target>(['aegis-encrypted', 'keepass']);
const SKIP_REASONS: Readonly<Record<ExportSkip['reason'], MessageKey>> = {
  type: 'interop.skip.type',
  period: 'interop.skip.period',
  digits: 'interop.skip.digits',
  invalid: 'interop.skip.invalid',
};

/**
 * Other authenticator apps: the way in ("Import from another app") and files other apps read
 * (Aegis, encrypted or not; 2FAS; KeePass, encrypted). Plain files need an explicit confirmation; every export
 * needs a recent passphrase.
 */
export class OmamoriOtherAppsSettings extends LitElement {
  static override properties = { target: { state: true }, confirmed: { state: true }, busy: { state: true }, error: { state: true }, skipped: { state: true } };
  static override styles = [
    baseStyles,
    css`
      select {
        display: block;
        margin-bottom: 0.75rem;
      }
    `,
  ];

  declare target: Target;
  declare confirmed: boolean;
  declare busy: boolean;
  declare error: string;
  declare skipped: ExportSkip[];

  constructor() {
    super();
    this.target = 'aegis-encrypted';
    this.confirmed = false;
    this.busy = false;
    this.error = '';
    this.skipped = [];
    new LocaleController(this);
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  private async exportFile(event: Event): Promise<void> {
    event.preventDefault();
    const encrypted = ENCRYPTED.has(this.target);
    this.error = '';
    this.skipped = [];
    if (encrypted) {
      const password = this.value('interop-password');
      if (passphraseLength(password) < MIN_PASSPHRASE_LENGTH) return void (this.error = t('create.tooShort', { min: MIN_PASSPHRASE_LENGTH }));
      if (password !== this.value('interop-confirm')) return void (this.error = t('error.vault/passphrase-mismatch'));
    } else if (!this.confirmed) return;
    this.busy = true;
    try {
      const password = encrypted ? this.value('interop-password') : undefined;
      const out = await withProof(() => exportFileFor(this.target, password));
      if (out === CANCELLED) return;
      saveFile(out.bytes, out.fileName, out.mime);
      this.skipped = out.skipped;
      showToast({ message: t('interop.done', { count: out.written }) });
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  private renderSecret() {
    if (ENCRYPTED.has(this.target)) {
      return html`<p class="hint">${t(this.target === 'keepass' ? 'interop.keepassLead' : 'interop.passwordLead')}</p>
        <label for="interop-password">${t('interop.password')}</label>
        <input id="interop-password" data-testid="interop-password" type="password" autocomplete="new-password" />
        <label for="interop-confirm">${t('create.confirm')}</label>
        <input id="interop-confirm" data-testid="interop-confirm" type="password" autocomplete="new-password" />`;
    }
    return html`<p class="error-box warning" data-testid="interop-warning">${t('interop.plainWarning')}</p>
      <label><input type="checkbox" data-testid="interop-confirm-plain" .checked=${this.confirmed}
        @change=${(e: Event) => (this.confirmed = (e.target as HTMLInputElement).checked)} /> ${t('googleExport.plainConfirm')}</label>`;
  }

  override render() {
    const plain = !ENCRYPTED.has(this.target);
    return html`<section class="panel" aria-labelledby="interop-h">
      <h3 id="interop-h">${t('interop.title')}</h3>
      <p class="hint">${t('interop.importLead')}</p>
      <button data-testid="open-import" @click=${() => fire(this, 'open-import')}>
        ${t('import.title')}
      </button>
      <form @submit=${this.exportFile} novalidate data-testid="interop-export-form">
        <label for="interop-format">${t('interop.exportFor')}</label>
        <select id="interop-format" data-testid="interop-format" .value=${this.target}
          @change=${(e: Event) => ((this.target = (e.target as HTMLSelectElement).value as Target), (this.confirmed = false), (this.error = ''))}>
          ${TARGETS.map((x) => html`<option value=${x.id} ?selected=${x.id === this.target}>${t(x.label)}</option>`)}
        </select>
        ${this.renderSecret()}
        <div class="actions">
          <button class="primary" type="submit" data-testid="interop-export" ?disabled=${this.busy || (plain && !this.confirmed)}>${t('interop.export')}</button>
        </div>
      </form>
      ${this.error ? html`<p class="field-error" role="alert" data-testid="interop-error">${this.error}</p>` : nothing}
      ${
        this.skipped.length > 0
          ? html`<div role="status" data-testid="interop-skipped">
            <p>${t('interop.skipped', { count: this.skipped.length })}</p>
            <ul>${this.skipped.map((s) => html`<li>${s.label}: ${t(SKIP_REASONS[s.reason])}</li>`)}</ul>
          </div>`
          : nothing
      }
    </section>`;
  }
}

customElements.define('omamori-other-apps-settings', OmamoriOtherAppsSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-other-apps-settings': OmamoriOtherAppsSettings;
  }
}
