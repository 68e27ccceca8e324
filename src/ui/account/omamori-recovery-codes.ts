/**
 * @file An account's recovery codes: how many are left, mark used (with the date) and undo, copy,
 * replace, delete all, and a warning at two or fewer. Codes are secrets: hidden until "Show codes"
 * (which asks for the passphrase again, like the setup key); marking and copying work while hidden.
 */
import { LitElement, css, html, nothing } from 'lit';
import { accountTitle, type Account, type RecoveryCode } from '../../core/account';
import { recoveryStatus, remainingCount, setCodeUsed, toRecoveryCodes } from '../../core/recovery-codes';
import { getVault } from '../../services/browser/vault';
import { detailsStyles } from './details-styles';
import { getLocale, t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { CANCELLED, withProof } from '../shared/reauth';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import './omamori-recovery-import';
import { copyCode } from '../shared/clipboard';

export class OmamoriRecoveryCodes extends LitElement {
  static override properties = {
    account: { attribute: false },
    importing: { state: true },
    shown: { state: true },
    busy: { state: true },
  };
  static override styles = [
    baseStyles,
    detailsStyles,
    css`
      ol {
        list-style: none;
        margin: 0.75rem 0 0;
        padding: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
        padding: 0.375rem 0;
        border-top: 1px solid var(--om-border);
      }
      .what {
        flex: 1 1 9rem;
        display: flex;
        gap: 0.5rem;
        min-width: 0;
      }
      .btns {
        display: flex;
        gap: 0.5rem;
        margin-left: auto;
      }
      .n {
        min-width: 1.75rem;
        color: var(--om-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .code {
        display: block;
        overflow-wrap: anywhere;
      }
      li.used .code {
        text-decoration: line-through;
        color: var(--om-text-muted);
      }
      .used-at {
        display: block;
        font-size: 0.875rem;
        color: var(--om-text-muted);
      }
      .count {
        font-size: 1.125rem;
        font-weight: 600;
      }
      li button {
        min-height: 40px;
        padding: 0.25rem 0.75rem;
      }
    `,
  ];

  declare account: Account;
  declare importing: boolean;
  declare shown: boolean;
  declare busy: boolean;
  /** The row whose mark button was pressed: its replacement gets the focus when the change lands. */
  private pendingFocus: number | undefined;

  constructor() {
    super();
    this.importing = false;
    this.shown = false;
    this.busy = false;
    new LocaleController(this);
  }

  private async save(recoveryCodes: RecoveryCode[], done?: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      await getVault().updateExtras(this.account.id, { recoveryCodes });
      if (done) showToast({ message: done });
      return true;
    } catch (err) {
      showToast({ message: presentError(err) });
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async onImport(codes: string[]): Promise<void> {
    if (await this.save(toRecoveryCodes(codes), t('recovery.saved'))) {
      this.importing = false;
      this.focusLater('[data-testid=recovery-count]');
    }
  }

  private startImport(): void {
    this.importing = true;
  }

  private cancelImport(): void {
    this.importing = false;
    this.focusLater('[data-testid=recovery-add], [data-testid=recovery-replace]');
  }

  private focusLater(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private async toggleShown(): Promise<void> {
    if (this.shown) {
      this.shown = false;
      return;
    }
    try {
      // The codes themselves come with the live account; the vault decides whether they may be shown.
      if ((await withProof(() => getVault().revealRecoveryCodes(this.account.id))) !== CANCELLED) this.shown = true;
    } catch (err) {
      showToast({ message: presentError(err) });
    }
  }

  private async mark(index: number, used: boolean): Promise<void> {
    if (this.busy) return;
    // The pressed button is replaced by its opposite once the saved account comes back (live
    // list): keep the keyboard on the same row.
    this.pendingFocus = index;
    const codes = this.account.recoveryCodes;
    if (!(await this.save(setCodeUsed(codes, index, used ? Date.now() : 0), used ? t('recovery.markedUsed', { n: index + 1 }) : undefined)))
      this.pendingFocus = undefined;
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('account') && this.pendingFocus !== undefined) {
      this.renderRoot.querySelector<HTMLElement>(`[data-index="${this.pendingFocus}"] button.mark`)?.focus();
      this.pendingFocus = undefined;
    }
  }

  private async copy(code: string): Promise<void> {
    try {
      // Same path as a one-time code: cleared 30 s later when the clipboard still holds it.
      await copyCode(code);
      showToast({ message: t('recovery.copied') });
    } catch (err) {
      showToast({ message: presentError(err) });
    }
  }

  private async deleteAll(): Promise<void> {
    const previous = this.account.recoveryCodes;
    const id = this.account.id;
    if (!(await this.save([]))) return;
    this.shown = false;
    showToast({
      message: t('recovery.deleted'),
      actionLabel: t('delete.undo'),
      timeoutMs: 8000,
      onAction: () =>
        void getVault()
          .updateExtras(id, { recoveryCodes: previous })
          .catch((err: unknown) => showToast({ message: presentError(err) })),
    });
    this.focusLater('[data-testid=recovery-add]');
  }

  private renderCode(c: RecoveryCode, i: number) {
    const used = c.usedAt > 0;
    const date = used ? new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(c.usedAt) : '';
    return html`<li class=${used ? 'used' : ''} data-index=${i} data-testid="recovery-code" data-used=${used ? 'true' : 'false'}>
      <div class="what">
        <span class="n" aria-hidden="true">${i + 1}.</span>
        <div>
          ${
            this.shown
              ? html`<span class="code mono" data-testid="recovery-code-text">${c.code}</span>`
              : html`<span class="code mono" data-testid="recovery-code-text"><span aria-hidden="true">${c.code.replace(/[^\s-]/g, '•')}</span><span class="visually-hidden">${t('recovery.hidden')}</span></span>`
          }
          ${used ? html`<span class="used-at" data-testid="recovery-used-at">${t('recovery.usedOn', { date })}</span>` : nothing}
        </div>
      </div>
      <div class="btns">
        ${
          used
            ? html`<button type="button" class="mark" data-testid="recovery-unmark" aria-label=${t('recovery.unmarkLabel', { n: i + 1 })} @click=${() => void this.mark(i, false)}>${t('recovery.unmark')}</button>`
            : html`<button type="button" class="mark" data-testid="recovery-mark" aria-label=${t('recovery.markUsedLabel', { n: i + 1 })} @click=${() => void this.mark(i, true)}>${t('recovery.markUsed')}</button>`
        }
        <button type="button" data-testid="recovery-copy" aria-label=${t('recovery.copyLabel', { n: i + 1 })} @click=${() => void this.copy(c.code)}>${t('recovery.copy')}</button>
      </div>
    </li>`;
  }

  private renderCodes(codes: readonly RecoveryCode[]) {
    const status = recoveryStatus(codes);
    const left = remainingCount(codes);
    const warning = status === 'empty' ? t('recovery.empty') : status === 'low' ? t('recovery.low', { left }) : '';
    return html`<p class="count" data-testid="recovery-count" tabindex="-1" role="status">${t('recovery.count', { left, total: codes.length })}</p>
      ${warning ? html`<p class="warning" data-testid="recovery-warning">${warning}</p>` : nothing}
      <div class="actions">
        <button type="button" data-testid="recovery-toggle-show" aria-pressed=${this.shown ? 'true' : 'false'} @click=${this.toggleShown}>${this.shown ? t('recovery.hide') : t('recovery.show')}</button>
      </div>
      <ol aria-label=${t('recovery.listLabel', { title: accountTitle(this.account) || t('card.noName') })}>
        ${codes.map((c, i) => this.renderCode(c, i))}
      </ol>
      <div class="actions">
        <button type="button" data-testid="recovery-replace" @click=${this.startImport}>${t('recovery.replace')}</button>
        <button type="button" class="danger" data-testid="recovery-delete-all" ?disabled=${this.busy} @click=${this.deleteAll}>${t('recovery.deleteAll')}</button>
      </div>`;
  }

  override render() {
    const codes = this.account.recoveryCodes;
    let body;
    if (this.importing) {
      body = html`<omamori-recovery-import .existing=${codes.length} @recovery-import=${(e: HTMLElementEventMap['recovery-import']) => void this.onImport(e.detail.codes)}
        @recovery-import-cancel=${this.cancelImport}></omamori-recovery-import>`;
    } else if (codes.length === 0) {
      body = html`<p class="muted" data-testid="recovery-none">${t('recovery.none')}</p>
        <div class="actions"><button type="button" data-testid="recovery-add" @click=${this.startImport}>${t('recovery.add')}</button></div>`;
    } else {
      body = this.renderCodes(codes);
    }
    return html`<section class="panel" aria-labelledby="recovery-title" data-testid="recovery-codes">
      <h2 id="recovery-title">${t('recovery.title')}</h2>
      <p class="hint">${t('recovery.lead')}</p>
      ${body}
    </section>`;
  }
}

customElements.define('omamori-recovery-codes', OmamoriRecoveryCodes);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-recovery-codes': OmamoriRecoveryCodes;
  }
}
