import { LitElement, css, html, nothing } from 'lit';
import type { RecoverySheet } from '../../core/recovery/kit';
import { formatDate } from '../../messages/format';
import { presentError } from '../../messages/present-error';
import { t } from '../../messages/translate';
import { getVault } from '../../services/browser/vault';
import type { NewRecoveryKit, RecoveryKitInfo } from '../../services/vault/recovery-kits';
import { fire } from '../shared/events';
import { LocaleController } from '../shared/locale-controller';
import { CANCELLED, withProof } from '../shared/reauth';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { sheetError } from './sheet-input';
import './omamori-paper-backup';

type Step = 'idle' | 'form' | 'sheets' | 'check';

/** "Any 2 of 3" and the other splits offered; null = one sheet with the whole key. */
const SPLITS: readonly ({ k: number; n: number } | null)[] = [null, { k: 2, n: 3 }, { k: 2, n: 2 }, { k: 3, n: 5 }];

/**
 * Settings → Backup and moving → Recovery kit (docs/security.md, "Recovery kit"): the kit's state,
 * making one (the passphrase, as for a passkey: it lets the vault key be sealed for the kit), its
 * sheets on screen and in print (omamori-kit-print.ts), "Check your kit" (the sheets entered back
 * once), and revoking. The sheets live only in this element's memory while it shows them.
 */
export class OmamoriRecoveryKitSettings extends LitElement {
  static override properties = { info: { state: true }, step: { state: true }, busy: { state: true }, error: { state: true }, kit: { state: true } };
  static override styles = [
    baseStyles,
    css`
      ol.words {
        columns: 3 8rem;
        padding-inline-start: 2rem;
        font-family: ui-monospace, monospace;
      }
      .sheet {
        border: 1px solid var(--om-border);
        border-radius: 0.5rem;
        padding: 0.75rem;
        margin: 0.75rem 0;
      }
      .sheet omamori-qr {
        max-width: 14rem;
        margin: 0;
      }
      textarea {
        width: 100%;
        min-height: 5rem;
      }
    `,
  ];

  declare info: RecoveryKitInfo | null | undefined;
  declare step: Step;
  declare busy: boolean;
  declare error: string;
  declare kit: NewRecoveryKit | null;
  /** Words and QR text per sheet, computed once the kit is made (loads the word lists then). */
  #texts: { words: string[]; qr: string }[] = [];

  constructor() {
    super();
    this.info = undefined;
    this.step = 'idle';
    this.busy = false;
    this.error = '';
    this.kit = null;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.forget();
  }

  private async reload(): Promise<void> {
    try {
      this.info = await (await getVault().recoveryKit()).info();
    } catch (err) {
      this.info = null;
      this.error = presentError(err);
    }
  }

  /** Drops the sheets from memory (and the print view from the page). */
  private forget(): void {
    this.kit = null;
    this.#texts = [];
    document.querySelector('omamori-kit-print')?.remove();
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`#${id}`)?.value ?? '';
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const split = SPLITS[Number(this.value('kit-split'))] ?? null;
      const kit = await (await getVault().recoveryKit()).create(this.value('kit-pass'), split);
      const { sheetQrText, sheetWords } = await import('../../core/recovery/kit');
      const language = document.documentElement.lang === 'ja' ? 'ja' : 'en';
      this.#texts = kit.sheets.map((sheet: RecoverySheet) => ({ words: sheetWords(sheet, language), qr: sheetQrText(sheet) }));
      this.kit = kit;
      this.step = 'sheets';
      await import('../shared/omamori-qr');
    } catch (err) {
      this.error = presentError(err);
      const pass = this.renderRoot.querySelector<HTMLInputElement>('#kit-pass');
      if (pass) pass.value = '';
    } finally {
      this.busy = false;
      await this.reload();
      fire(this, 'readiness-changed');
    }
  }

  private async print(): Promise<void> {
    const kit = this.kit;
    if (kit === null) return;
    const { OmamoriKitPrint } = await import('./omamori-kit-print');
    const other = await OmamoriKitPrint.otherLanguage();
    document.querySelector('omamori-kit-print')?.remove();
    const view = document.createElement('omamori-kit-print');
    view.kit = kit;
    view.other = other;
    view.texts = this.#texts;
    document.body.append(view);
    await view.updateComplete;
    window.print();
  }

  private async check(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || this.kit === null) return;
    const texts = Array.from({ length: this.kit.k }, (_, i) => this.value(`kit-check-${i}`));
    this.busy = true;
    this.error = '';
    try {
      await (await getVault().recoveryKit()).check(texts);
      this.forget();
      this.step = 'idle';
      showToast({ message: t('kit.checked') });
      fire(this, 'readiness-changed');
    } catch (err) {
      this.error = sheetError(err);
    } finally {
      this.busy = false;
      await this.reload();
    }
  }

  private async revoke(): Promise<void> {
    if (this.busy || !confirm(t('kit.revokeConfirm'))) return;
    this.busy = true;
    this.error = '';
    try {
      if ((await withProof(async () => (await getVault().recoveryKit()).revoke())) === CANCELLED) return;
      showToast({ message: t('kit.revoked') });
      fire(this, 'readiness-changed');
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
      await this.reload();
    }
  }

  private renderState(info: RecoveryKitInfo | null) {
    if (info === null) return html`<p class="muted" data-testid="kit-none">${t('kit.none')}</p>`;
    const made = formatDate(info.createdAt);
    return html`<p data-testid="kit-state">
      ${info.checkedAt > 0 ? t('kit.stateChecked', { date: made, fingerprint: info.fingerprint }) : t('kit.stateUnchecked', { date: made, fingerprint: info.fingerprint })}
    </p>`;
  }

  private renderForm() {
    return html`<form @submit=${this.create} novalidate data-testid="kit-form">
      <label for="kit-split">${t('kit.split')}</label>
      <select id="kit-split" data-testid="kit-split" ?disabled=${this.busy}>
        ${SPLITS.map((s, i) => html`<option value=${i} ?selected=${i === 1}>${s === null ? t('kit.whole') : t('kit.anyOf', { k: s.k, n: s.n })}</option>`)}
      </select>
      <label for="kit-pass">${t('kit.passphrase')}</label>
      <input id="kit-pass" type="password" autocomplete="current-password" data-testid="kit-passphrase" ?disabled=${this.busy} />
      ${this.info ? html`<p class="hint">${t('kit.replaceWarning')}</p>` : nothing}
      ${this.busy ? html`<p class="hint" role="status">${t('kit.working')}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" data-testid="kit-submit" ?disabled=${this.busy}>${t('kit.make')}</button>
        <button type="button" ?disabled=${this.busy} @click=${() => ((this.step = 'idle'), (this.error = ''))}>${t('dialog.cancel')}</button>
      </div>
    </form>`;
  }

  private renderSheets(kit: NewRecoveryKit) {
    return html`<p>${t('kit.sheetsLead', { fingerprint: kit.fingerprint })}</p>
      ${this.#texts.map(
        (text, i) => html`<div class="sheet" data-testid="kit-sheet">
          <h4>${kit.n === 1 ? t('kit.wholeSheet') : t('kit.shareOf', { index: i + 1, n: kit.n, k: kit.k })}</h4>
          <ol class="words" data-testid="kit-words">${text.words.map((w) => html`<li>${w}</li>`)}</ol>
          <omamori-qr .text=${text.qr} label=${t('kit.qrLabel', { index: i + 1 })}></omamori-qr>
        </div>`,
      )}
      <div class="actions">
        <button data-testid="kit-print" @click=${() => void this.print()}>${t('kit.print')}</button>
        <button class="primary" data-testid="kit-to-check" @click=${() => (this.step = 'check')}>${t('kit.toCheck')}</button>
      </div>`;
  }

  private renderCheck(kit: NewRecoveryKit) {
    return html`<form @submit=${this.check} novalidate data-testid="kit-check-form">
      <p>${t('kit.checkLead', { k: kit.k })}</p>
      ${Array.from(
        { length: kit.k },
        (_, i) => html`<label for=${`kit-check-${i}`}>${t('kit.checkSheet', { index: i + 1 })}</label>
          <textarea id=${`kit-check-${i}`} data-testid="kit-check-input" autocomplete="off" spellcheck="false" ?disabled=${this.busy}></textarea>`,
      )}
      <div class="actions">
        <button class="primary" type="submit" data-testid="kit-check" ?disabled=${this.busy}>${t('kit.check')}</button>
        <button type="button" @click=${() => (this.step = 'sheets')}>${t('kit.backToSheets')}</button>
      </div>
    </form>`;
  }

  override render() {
    const info = this.info;
    const kit = this.kit;
    return html`<section class="panel" aria-labelledby="kit-h" data-testid="recovery-kit">
      <h3 id="kit-h">${t('kit.title')}</h3>
      <p class="muted">${t('kit.lead')}</p>
      ${info === undefined ? nothing : this.renderState(info)}
      ${this.step === 'form' ? this.renderForm() : nothing} ${this.step === 'sheets' && kit ? this.renderSheets(kit) : nothing}
      ${this.step === 'check' && kit ? this.renderCheck(kit) : nothing}
      ${
        this.step === 'idle' && info !== undefined
          ? html`<div class="actions">
            <button data-testid="kit-create" @click=${() => ((this.step = 'form'), (this.error = ''))}>${info ? t('kit.replace') : t('kit.create')}</button>
            ${info ? html`<button class="danger" data-testid="kit-revoke" ?disabled=${this.busy} @click=${() => void this.revoke()}>${t('kit.revoke')}</button>` : nothing}
          </div>`
          : nothing
      }
      ${this.error ? html`<p class="field-error" role="alert" data-testid="kit-error">${this.error}</p>` : nothing}
      ${this.step === 'idle' && info !== undefined ? html`<omamori-paper-backup ?ready=${(info?.checkedAt ?? 0) > 0}></omamori-paper-backup>` : nothing}
    </section>`;
  }
}

customElements.define('omamori-recovery-kit-settings', OmamoriRecoveryKitSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-recovery-kit-settings': OmamoriRecoveryKitSettings;
  }
}
