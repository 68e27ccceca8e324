/**
 * @file The re-authentication dialog (see reauth.ts): a native modal `<dialog>` (focus stays
 * inside, Escape cancels, the page behind is inert) that asks for the passphrase and proves it
 * with `verifyPassphrase`. It lives on document.body, outside the app's tree, so it closes itself
 * when the vault locks underneath it. Wrong passphrases here count toward the same wait as on the
 * lock screen (the vault enforces it); the dialog shows it and keeps Confirm off until it ends.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { toAppError } from '../../core/errors';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { LocaleController } from './locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles, dialogStyles } from './styles';
import { fire, type OmamoriEvent } from './events';
import { RetryWaitController } from './retry-wait-controller';

export class OmamoriReauthDialog extends LitElement {
  static override properties = { passphrase: { state: true }, busy: { state: true }, error: { state: true }, hasPasskey: { state: true } };
  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      dialog {
        width: min(28rem, calc(100vw - 2rem));
      }
    `,
  ];

  declare passphrase: string;
  declare busy: boolean;
  declare error: string;
  declare hasPasskey: boolean;
  private abort: AbortController | undefined;
  private readonly wait = new RetryWaitController(this);
  private unsubscribeState: (() => void) | undefined;
  private settled = false;

  constructor() {
    super();
    this.passphrase = '';
    this.busy = false;
    this.error = '';
    this.hasPasskey = false;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof window.PublicKeyCredential !== 'undefined') {
      void getVault()
        .listPasskeys()
        .then((list) => (this.hasPasskey = list.length > 0))
        .catch(() => undefined);
    }
    this.unsubscribeState = getVault().subscribeState((state) => {
      if (state !== 'unlocked') this.finish(false);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeState?.();
    this.abort?.abort();
  }

  override firstUpdated(): void {
    this.dialog?.showModal();
    this.input?.focus();
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('#reauth-pass');
  }

  /** Resolves the caller once; closing the dialog fires 'close', which lands here too. */
  private finish(ok: boolean): void {
    if (this.settled) return;
    this.settled = true;
    this.abort?.abort();
    this.passphrase = '';
    if (this.dialog?.open) this.dialog.close();
    fire(this, 'reauth-closed', { ok });
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || this.settled) return;
    this.error = '';
    this.busy = true;
    this.abort = new AbortController();
    try {
      await getVault().verifyPassphrase(this.passphrase, { signal: this.abort.signal });
      this.finish(true);
    } catch (err) {
      if (this.settled) return;
      this.error = presentError(err);
      this.passphrase = '';
      await this.wait.refresh();
      await this.updateComplete;
      this.input?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async usePasskey(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await getVault().verifyPasskey();
      this.finish(true);
    } catch (err) {
      // Closing the browser's passkey prompt just returns to the dialog.
      if (toAppError(err).code !== 'aborted') this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  /** Other ways to prove it is you: a passkey, when this vault has one. */
  protected renderAlternatives(): TemplateResult | typeof nothing {
    if (!this.hasPasskey) return nothing;
    return html`<div class="actions">
      <button type="button" data-testid="reauth-passkey" ?disabled=${this.busy} @click=${this.usePasskey}>${t('reauth.usePasskey')}</button>
    </div>`;
  }

  override render() {
    return html`<dialog aria-labelledby="reauth-title" aria-describedby="reauth-lead" data-testid="reauth-dialog"
      @close=${() => this.finish(false)}>
      <form @submit=${this.onSubmit} novalidate>
        <h2 id="reauth-title">${t('reauth.title')}</h2>
        <p class="muted" id="reauth-lead">${t('reauth.lead')}</p>
        <label for="reauth-pass">${t('reauth.passphrase')}</label>
        <input id="reauth-pass" type="password" autocomplete="current-password" data-testid="reauth-passphrase"
          .value=${this.passphrase} @input=${(e: Event) => (this.passphrase = (e.target as HTMLInputElement).value)}
          aria-describedby="reauth-error" aria-invalid=${this.error ? 'true' : 'false'} ?disabled=${this.busy} />
        ${this.error ? html`<p class="field-error" id="reauth-error" role="alert" data-testid="reauth-error">${this.error}</p>` : nothing}
        ${this.wait.seconds > 0 ? html`<p class="hint" role="status" data-testid="reauth-wait">${t('unlock.retryIn', { seconds: this.wait.seconds })}</p>` : nothing}
        ${this.renderAlternatives()}
        <div class="actions">
          <button class="primary" type="submit" data-testid="reauth-submit" ?disabled=${this.busy || this.wait.seconds > 0}>
            ${this.busy ? t('reauth.working') : t('reauth.confirm')}
          </button>
          <button type="button" data-testid="reauth-cancel" @click=${() => this.finish(false)}>${t('dialog.cancel')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('omamori-reauth-dialog', OmamoriReauthDialog);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-reauth-dialog': OmamoriReauthDialog;
  }
  interface HTMLElementEventMap {
    'reauth-closed': OmamoriEvent<{ ok: boolean }>;
  }
}

/** The focused element, looking inside shadow roots (document.activeElement stops at the host). */
function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

let open: Promise<boolean> | undefined;

/** Asks for the passphrase; true once it is proved, false on Cancel, Escape or a lock. */
export function openReauthDialog(): Promise<boolean> {
  open ??= new Promise<boolean>((resolve) => {
    const previous = deepActiveElement();
    const dialog = document.createElement('omamori-reauth-dialog');
    dialog.addEventListener(
      'reauth-closed',
      (event) => {
        dialog.remove();
        open = undefined;
        if (previous?.isConnected) previous.focus();
        resolve(event.detail.ok);
      },
      { once: true },
    );
    document.body.append(dialog);
  });
  return open;
}
