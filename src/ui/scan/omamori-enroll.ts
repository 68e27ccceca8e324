import { LitElement, css, html, nothing } from 'lit';
import { accountTitle, sameCredential, type Account, type AccountData } from '../../core/account';
import { readScannedTexts, MigrationSession, type MigrationBatch } from '../../services/enroll/scanned-texts';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles, pageTopStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import './omamori-scan-preview';
import './omamori-google-import';
import { fire, type OmamoriEvent } from '../shared/events';

/**
 * "Scan a QR code": the scanner (a lazy chunk) plus what it found — otpauth:// codes as preview
 * cards, Google Authenticator transfer codes collected into one transfer.
 */
export class OmamoriEnroll extends LitElement {
  static override properties = {
    accounts: { attribute: false },
    scannerReady: { state: true },
    singles: { state: true },
    added: { state: true },
    session: { state: true },
    revision: { state: true },
    otherExport: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    baseStyles,
    pageTopStyles,
    css`
      .top h1 {
        flex: 1;
      }
      .stack > * {
        margin-top: 1rem;
      }
    `,
  ];

  declare accounts: readonly Account[];
  declare scannerReady: boolean;
  declare singles: readonly AccountData[];
  declare added: ReadonlySet<AccountData>;
  declare session: MigrationSession | null;
  declare revision: number;
  declare otherExport: MigrationBatch | null;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.accounts = [];
    this.scannerReady = false;
    this.singles = [];
    this.added = new Set();
    this.session = null;
    this.revision = 0;
    this.otherExport = null;
    this.error = '';
    this.busy = false;
    new LocaleController(this);
    this.addEventListener('qr-codes', (e) => this.onCodes(e.detail.texts));
    this.addEventListener('add-scanned', (e) => void this.addOne(e.detail.account));
    this.addEventListener('commit-google-import', () => void this.commitGoogleImport());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The scanner and its decoders stay out of the start-up bundle. Once loaded it is drawn in
    // the first render: waiting for import() again cost its camera a task and a frame.
    if (customElements.get('omamori-scanner')) this.scannerReady = true;
    else void import('./omamori-scanner').then(() => (this.scannerReady = true));
  }

  private close(): void {
    fire(this, 'enroll-closed');
  }

  private onCodes(texts: readonly string[]): void {
    this.error = '';
    for (const item of readScannedTexts(texts)) {
      if (item.kind === 'account') this.addSingle(item.account);
      else if (item.kind === 'batch') this.addBatch(item.batch);
      else this.error = presentError(item.error);
    }
  }

  private addSingle(account: AccountData): void {
    if (!this.singles.some((a) => sameCredential(a, account))) this.singles = [...this.singles, account];
  }

  private addBatch(batch: MigrationBatch): void {
    if (this.otherExport) return;
    const session = this.session ?? new MigrationSession();
    if (session.add(batch).kind === 'different-export') {
      this.otherExport = batch;
      return;
    }
    this.session = session;
    this.revision++;
  }

  private startOtherExport(): void {
    const batch = this.otherExport;
    this.otherExport = null;
    if (!batch) return;
    this.session = new MigrationSession();
    this.session.add(batch);
    this.revision++;
  }

  private isDuplicate(account: AccountData): boolean {
    return this.accounts.some((a) => sameCredential(a, account));
  }

  private async addOne(account: AccountData): Promise<void> {
    try {
      await getVault().addAccount(account);
      this.added = new Set([...this.added, account]);
      showToast({ message: t('added', { title: accountTitle(account) || t('card.noName') }) });
    } catch (err) {
      this.error = presentError(err);
    }
  }

  private async commitGoogleImport(): Promise<void> {
    if (!this.session) return;
    const fresh = this.session.accounts().filter((a) => !this.isDuplicate(a));
    this.busy = true;
    try {
      await getVault().addAccounts(fresh);
      showToast({ message: t('enroll.addedN', { count: fresh.length }) });
      this.close();
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  private renderOtherExport() {
    if (!this.otherExport) return nothing;
    return html`<section class="panel" role="alert" data-testid="google-import-other-export">
      <p>${t('enroll.otherExport')}</p>
      <div class="actions">
        <button class="primary" data-testid="google-import-restart" @click=${this.startOtherExport}>${t('enroll.startNewGoogleExport')}</button>
        <button @click=${() => (this.otherExport = null)}>${t('enroll.keepCurrent')}</button>
      </div>
    </section>`;
  }

  override render() {
    const progress = this.session ? t('enroll.progress', { scanned: this.session.scannedIndexes().length, total: this.session.total }) : '';
    return html`<main class="page stack">
      <div class="top">
        <button data-testid="enroll-back" @click=${this.close}>← ${t('settings.back')}</button>
        <h1>${t('enroll.title')}</h1>
        <button class="link" data-testid="open-guide" @click=${() => fire(this, 'open-guide')}>
          ${t('guide.link')}
        </button>
      </div>
      ${this.scannerReady ? html`<omamori-scanner autostart .hint=${progress}></omamori-scanner>` : html`<p role="status">${t('loading')}</p>`}
      ${this.error ? html`<p class="error-box" role="alert" data-testid="enroll-error">${this.error}</p>` : nothing}
      ${this.renderOtherExport()}
      ${this.singles.map(
        (a) =>
          html`<omamori-scan-preview .account=${a} ?duplicate=${this.isDuplicate(a) && !this.added.has(a)} ?added=${this.added.has(a)}></omamori-scan-preview>`,
      )}
      ${
        this.session
          ? html`<omamori-google-import .session=${this.session} .existing=${this.accounts} .revision=${this.revision} ?busy=${this.busy}></omamori-google-import>`
          : nothing
      }
    </main>`;
  }
}

customElements.define('omamori-enroll', OmamoriEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-enroll': OmamoriEnroll;
  }
  interface HTMLElementEventMap {
    'enroll-closed': OmamoriEvent;
    'open-guide': OmamoriEvent;
  }
}
