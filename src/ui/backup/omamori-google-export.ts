import { LitElement, css, html, nothing } from 'lit';
import type { Account, AccountData } from '../../core/account';
import { googleMigrationCodes, otpauthListFile, type MigrationSkipReason } from '../../services/backup/google-export';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import '../shared/omamori-qr';
import { saveFile } from '../shared/download';
import { CANCELLED, proveIfNeeded, withProof } from '../shared/reauth';
import { displayTitle, type PickerChange } from './omamori-account-picker';
import './omamori-account-picker';
import { baseStyles, choiceStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';

type View = 'none' | 'qr-setup' | 'qr-show' | 'plain-confirm';
type PerCode = 10 | 5;

interface Skipped {
  title: string;
  reason: MigrationSkipReason;
  account: AccountData;
}

function skippedText(s: Skipped): string {
  if (s.reason === 'period') return t('googleExport.skipped.period', { title: s.title, period: s.account.period });
  if (s.reason === 'digits') return t('googleExport.skipped.digits', { title: s.title, digits: s.account.digits });
  return t('googleExport.skipped.type', { title: s.title, type: t(`form.type.${s.account.type}`) });
}

/** `omamori-otpauth-YYYY-MM-DD.txt` in local time. */
export function plainExportFileName(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `omamori-otpauth-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.txt`;
}

/**
 * Moving accounts out: Google Authenticator transfer QR codes (one shown at a time, large) and a
 * plain otpauth:// text file behind an explicit "not encrypted" confirmation. Both start with
 * re-authentication; decrypted accounts and codes live only while their view is open.
 */
export class OmamoriGoogleExport extends LitElement {
  static override properties = {
    view: { state: true },
    accounts: { state: true },
    pickedIds: { state: true },
    perCode: { state: true },
    uris: { state: true },
    skipped: { state: true },
    index: { state: true },
    plainConfirmed: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    baseStyles,
    choiceStyles,
    css`
      .code {
        margin: 1rem auto 0;
        padding: 0;
        background: #ffffff;
      }
      .position {
        text-align: center;
        font-weight: 600;
        font-size: 1.1rem;
        margin: 0.75rem 0 0;
      }
      .nav {
        justify-content: center;
      }
      .warning {
        border-left: 4px solid var(--om-danger);
      }
    `,
  ];

  declare view: View;
  /** Decrypted accounts while a view is open; [] otherwise. */
  declare accounts: Account[];
  /** null = all accounts; otherwise the ids chosen in the picker. */
  declare pickedIds: readonly string[] | null;
  declare perCode: PerCode;
  declare uris: string[];
  declare skipped: Skipped[];
  declare index: number;
  declare plainConfirmed: boolean;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.view = 'none';
    this.accounts = [];
    this.pickedIds = null;
    this.perCode = 10;
    this.uris = [];
    this.skipped = [];
    this.index = 0;
    this.plainConfirmed = false;
    this.busy = false;
    this.error = '';
    new LocaleController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close();
  }

  /** Drops every decrypted account and code; the QR elements leave the DOM with the view. */
  private close(): void {
    this.view = 'none';
    this.accounts = [];
    this.pickedIds = null;
    this.uris = [];
    this.skipped = [];
    this.index = 0;
    this.plainConfirmed = false;
    this.error = '';
  }

  private async open(view: 'qr-setup' | 'plain-confirm'): Promise<void> {
    if (this.busy) return;
    this.close();
    this.busy = true;
    try {
      if (!(await proveIfNeeded())) return;
      this.accounts = await getVault().listAccounts();
      this.view = view;
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  private chosen(): Account[] {
    const ids = this.pickedIds;
    return ids === null ? this.accounts : this.accounts.filter((a) => ids.includes(a.id));
  }

  private async showCodes(event: Event): Promise<void> {
    event.preventDefault();
    if (this.chosen().length === 0) {
      this.error = t('googleExport.noneSelected');
      return;
    }
    const ids = this.pickedIds ?? undefined;
    try {
      const codes = await withProof(() => googleMigrationCodes(getVault(), { ids, perCode: this.perCode }));
      if (codes === CANCELLED) return;
      const { uris, skipped } = codes;
      this.uris = uris;
      this.skipped = skipped.map(({ account, reason }) => ({ account, reason, title: displayTitle(account) }));
      this.index = 0;
      this.error = '';
      this.view = 'qr-show';
    } catch (err) {
      this.error = presentError(err);
    }
  }

  private async downloadPlain(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.plainConfirmed || this.accounts.length === 0) return;
    try {
      const file = await withProof(() => otpauthListFile(getVault()));
      if (file === CANCELLED) return;
      saveFile(file.text, plainExportFileName(), 'text/plain;charset=utf-8');
      const { count } = file;
      this.close();
      showToast({ message: t('googleExport.plainDone', { count }) });
    } catch (err) {
      this.error = presentError(err);
    }
  }

  private renderSetup() {
    return html`<form @submit=${this.showCodes} novalidate data-testid="gqr-setup">
      <omamori-account-picker test-prefix="gqr" .accounts=${this.accounts}
        @accounts-picked=${(e: PickerChange) => (this.pickedIds = e.detail.ids)}></omamori-account-picker>
      <fieldset>
        <legend>${t('googleExport.perCode')}</legend>
        ${([10, 5] as const).map(
          (n) => html`<label class="choice"
            ><input type="radio" name="per-code" data-testid=${`gqr-per-${n}`} .checked=${this.perCode === n} @change=${() => (this.perCode = n)} />
            ${t(n === 10 ? 'googleExport.perCode10' : 'googleExport.perCode5')}</label
          >`,
        )}
      </fieldset>
      ${this.error ? html`<p class="field-error" role="alert" data-testid="google-export-error">${this.error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" data-testid="gqr-start">${t('googleExport.showCodes')}</button>
        <button type="button" data-testid="gqr-cancel" @click=${this.close}>${t('dialog.cancel')}</button>
      </div>
    </form>`;
  }

  private renderCodes() {
    const total = this.uris.length;
    const position = { index: this.index + 1, total };
    return html`<div data-testid="gqr-view">
      ${
        total > 0
          ? html`<p class="hint">${t('googleExport.scanHint')}</p>
            <omamori-qr class="code" data-testid="gqr-code" .text=${this.uris[this.index] ?? ''} label=${t('googleExport.qrLabel', position)}></omamori-qr>
            <p class="position" data-testid="gqr-position" aria-live="polite">${t('googleExport.position', position)}</p>
            <div class="actions nav">
              <button data-testid="gqr-prev" ?disabled=${this.index === 0} @click=${() => this.index--}>${t('googleExport.previous')}</button>
              <button data-testid="gqr-next" ?disabled=${this.index >= total - 1} @click=${() => this.index++}>${t('googleExport.next')}</button>
            </div>`
          : html`<p class="error-box" data-testid="gqr-nothing">${t('googleExport.nothingToShow')}</p>`
      }
      ${
        this.skipped.length > 0
          ? html`<h4>${t('googleExport.skippedTitle')}</h4>
            <ul data-testid="gqr-skipped">
              ${this.skipped.map((s) => html`<li data-testid="gqr-skipped-item">${skippedText(s)}</li>`)}
            </ul>`
          : nothing
      }
      <div class="actions">
        <button data-testid="gqr-close" @click=${this.close}>${t('googleExport.close')}</button>
      </div>
    </div>`;
  }

  private renderPlain() {
    return html`<form @submit=${this.downloadPlain} novalidate data-testid="plain-export">
      <p class="error-box warning" role="alert" data-testid="plain-warning">${t('googleExport.plainWarning')}</p>
      <p class="hint">${t('googleExport.plainPin')}</p>
      <label class="choice"
        ><input type="checkbox" data-testid="plain-confirm" .checked=${this.plainConfirmed}
          @change=${(e: Event) => (this.plainConfirmed = (e.target as HTMLInputElement).checked)} />${t('googleExport.plainConfirm')}</label
      >
      ${this.error ? html`<p class="field-error" role="alert" data-testid="google-export-error">${this.error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" data-testid="plain-download" ?disabled=${!this.plainConfirmed}>${t('googleExport.plainDownload')}</button>
        <button type="button" data-testid="plain-cancel" @click=${this.close}>${t('dialog.cancel')}</button>
      </div>
    </form>`;
  }

  private renderBody() {
    if (this.view !== 'none' && this.accounts.length === 0) {
      return html`<p class="muted" data-testid="google-export-empty">${t('googleExport.empty')}</p>
        <div class="actions"><button @click=${this.close}>${t('googleExport.close')}</button></div>`;
    }
    switch (this.view) {
      case 'qr-setup':
        return this.renderSetup();
      case 'qr-show':
        return this.renderCodes();
      case 'plain-confirm':
        return this.renderPlain();
      default:
        return html`${this.error ? html`<p class="field-error" role="alert" data-testid="google-export-error">${this.error}</p>` : nothing}
          <div class="actions">
            <button data-testid="show-google-qr" ?disabled=${this.busy} @click=${() => void this.open('qr-setup')}>${t('googleExport.showQr')}</button>
            <button data-testid="export-otpauth" ?disabled=${this.busy} @click=${() => void this.open('plain-confirm')}>${t('googleExport.exportPlain')}</button>
          </div>`;
    }
  }

  override render() {
    return html`<section class="panel" aria-labelledby="google-export-h">
      <h3 id="google-export-h">${t('googleExport.title')}</h3>
      <p class="muted">${t('googleExport.lead')}</p>
      ${this.renderBody()}
    </section>`;
  }
}

customElements.define('omamori-google-export', OmamoriGoogleExport);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-google-export': OmamoriGoogleExport;
  }
}
