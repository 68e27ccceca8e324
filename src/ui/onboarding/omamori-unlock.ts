import { LitElement, css, html, nothing } from 'lit';
import { toAppError } from '../../core/errors';
import { getVault } from '../../services/browser/vault';
import { loadAllMessages, t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';
import { RetryWaitController } from '../shared/retry-wait-controller';
import { KdfRun } from '../shared/kdf-run';
import { takeOverStartShell } from './start-shell';

/**
 * The lock screen: passphrase → codes. A wrong passphrase changes nothing and says so. When the
 * vault has passkey slots, "Unlock with passkey" comes first; the passphrase always works too.
 * The wait after repeated wrong passphrases is the vault's (kept in the database), so it shows
 * again after a reload and when another tab caused it. While the passphrase is being checked, Cancel
 * stops the key derivation (its worker is terminated); a cancelled attempt is not a wrong one.
 */
export class OmamoriUnlock extends LitElement {
  static override properties = {
    passphrase: { state: true },
    busy: { state: true },
    error: { state: true },
    hasPasskey: { state: true },
    passkeyBusy: { state: true },
    passkeyError: { state: true },
    note: { state: true },
    hasKit: { state: true },
    kitOpen: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      .hero {
        text-align: center;
        padding: 2rem 0 1rem;
      }
      .hero img {
        width: 72px;
        height: 72px;
        border-radius: 18px;
      }
      .passkey {
        margin: 0.5rem 0 1rem;
      }
    `,
  ];

  declare passphrase: string;
  declare busy: boolean;
  declare error: string;
  declare hasPasskey: boolean;
  declare passkeyBusy: boolean;
  declare passkeyError: string;
  declare note: string;
  /** The vault has a recovery kit's slot: offer "Forgot the passphrase? Use my recovery kit". */
  declare hasKit: boolean;
  declare kitOpen: boolean;
  private readonly kdf = new KdfRun(this);
  /** The delay after repeated wrong passphrases (the vault's, shared by every tab). */
  private readonly wait = new RetryWaitController(this);

  constructor() {
    super();
    this.passphrase = '';
    this.busy = false;
    this.error = '';
    this.hasPasskey = false;
    this.passkeyBusy = false;
    this.passkeyError = '';
    this.note = '';
    this.hasKit = false;
    this.kitOpen = false;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The vault row is readable while locked; without it (or on failure) only the passphrase shows.
    getVault()
      .listPasskeys()
      .then((passkeys) => (this.hasPasskey = passkeys.length > 0))
      .catch(() => (this.hasPasskey = false));
    getVault()
      .hasRecoveryKit()
      .then((has) => (this.hasKit = has))
      .catch(() => (this.hasKit = false));
  }

  /** The kit's screen is a lazy chunk (ui/recovery/omamori-kit-unlock.ts), loaded only when chosen. */
  private async openKit(): Promise<void> {
    try {
      // Its text is in the full English table (en.ts), which the start-up path has not loaded yet.
      await loadAllMessages().then(() => import('../recovery/omamori-kit-unlock'));
      this.kitOpen = true;
    } catch (err) {
      this.error = presentError(err);
    }
  }

  private async closeKit(): Promise<void> {
    this.kitOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#pass')?.focus();
  }

  private async onPasskey(): Promise<void> {
    if (this.busy) return;
    this.error = '';
    this.passkeyError = '';
    this.busy = true;
    this.passkeyBusy = true;
    try {
      await getVault().unlockWithPasskey();
      this.passphrase = '';
      fire(this, 'vault-unlocked');
    } catch (err) {
      // Closing the browser's prompt is a choice, not an error worth a message.
      if (toAppError(err).code !== 'aborted') this.passkeyError = presentError(err);
    } finally {
      this.busy = false;
      this.passkeyBusy = false;
    }
  }

  private renderPasskey() {
    if (!this.hasPasskey) return nothing;
    return html`<div class="passkey">
      <button type="button" class="primary" data-testid="unlock-passkey" ?disabled=${this.busy} @click=${this.onPasskey}>
        ${this.passkeyBusy ? t('unlock.passkeyWorking') : t('unlock.passkey')}
      </button>
      ${this.passkeyError ? html`<p class="field-error" role="alert" data-testid="unlock-passkey-error">${this.passkeyError}</p>` : nothing}
      <p class="hint">${t('unlock.orPassphrase')}</p>
    </div>`;
  }

  override firstUpdated(): void {
    // At start, what was typed into the start shell (index.html) carries on here, with the focus;
    // Enter pressed there unlocks now.
    const shell = takeOverStartShell();
    if (shell !== undefined) this.passphrase = shell.passphrase;
    this.renderRoot.querySelector<HTMLInputElement>('#pass')?.focus();
    if (shell?.submitted && shell.passphrase !== '') void this.updateComplete.then(() => this.onSubmit(new Event('submit')));
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.error = '';
    this.passkeyError = '';
    this.note = '';
    this.busy = true;
    const started = performance.now();
    try {
      const outcome = await this.kdf.run(1, (opts) => getVault().unlockWithPassphrase(this.passphrase, opts));
      if (outcome.cancelled) {
        this.note = t('kdf.cancelled');
        this.busy = false;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#pass')?.focus();
        return;
      }
      performance.measure('omamori:unlock', { start: started, end: performance.now() });
      this.passphrase = '';
      fire(this, 'vault-unlocked');
    } catch (err) {
      this.error = presentError(err);
      this.passphrase = '';
      await this.wait.refresh();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#pass')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const hero = html`<div class="hero">
      <img src="/icons/icon-192.png" alt="" width="72" height="72" />
    </div>`;
    if (this.kitOpen) {
      return html`<main class="page">${hero}<omamori-kit-unlock @kit-unlock-closed=${() => void this.closeKit()}></omamori-kit-unlock></main>`;
    }
    return html`<main class="page">
      ${hero}
      <form class="panel" @submit=${this.onSubmit} novalidate>
        <h1>${t('unlock.title')}</h1>
        <p class="muted">${t('unlock.lead')}</p>
        ${this.renderPasskey()}
        <label for="pass">${t('create.passphrase')}</label>
        <input id="pass" type="password" autocomplete="current-password" data-testid="unlock-passphrase"
          .value=${this.passphrase} @input=${(e: Event) => (this.passphrase = (e.target as HTMLInputElement).value)}
          aria-describedby="unlock-error" ?disabled=${this.busy} />
        ${this.error ? html`<p class="field-error" id="unlock-error" role="alert" data-testid="unlock-error">${this.error}</p>` : ''}
        ${this.wait.seconds > 0 ? html`<p class="hint" role="status" data-testid="unlock-wait">${t('unlock.retryIn', { seconds: this.wait.seconds })}</p>` : ''}
        <div class="actions">
          <button class="primary" type="submit" data-testid="unlock-submit" ?disabled=${this.busy || this.wait.seconds > 0}>
            ${this.busy ? t('unlock.working') : t('unlock.submit')}
          </button>
          ${this.kdf.running ? html`<button type="button" data-testid="unlock-cancel" @click=${() => this.kdf.cancel()}>${t('dialog.cancel')}</button>` : nothing}
        </div>
        ${this.note ? html`<p class="hint" role="status" data-testid="unlock-note">${this.note}</p>` : nothing}
        ${
          this.hasKit
            ? html`<p><button type="button" class="link" data-testid="unlock-use-kit" ?disabled=${this.busy} @click=${() => void this.openKit()}>${t('unlock.useKit')}</button></p>`
            : nothing
        }
      </form>
    </main>`;
  }
}

customElements.define('omamori-unlock', OmamoriUnlock);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-unlock': OmamoriUnlock;
  }
  interface HTMLElementEventMap {
    'vault-unlocked': OmamoriEvent;
  }
}
