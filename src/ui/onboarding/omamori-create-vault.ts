import { LitElement, css, html } from 'lit';
import { MIN_PASSPHRASE_LENGTH, passphraseLength, passphraseStrength } from '../../core/passphrase-strength';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';
import { KdfRun } from '../shared/kdf-run';
import '../shared/omamori-kdf-progress';

/**
 * Choose a passphrase (twice), optionally the device slot, then Argon2id runs in a worker. The
 * derivation can be cancelled: nothing is stored and the form stays as it was.
 */
export class OmamoriCreateVault extends LitElement {
  static override properties = {
    passphrase: { state: true },
    confirm: { state: true },
    deviceSlot: { state: true },
    busy: { state: true },
    error: { state: true },
    note: { state: true },
    confirmError: { state: true },
    restoring: { type: Boolean },
  };
  static override styles = [
    baseStyles,
    css`
      .check {
        display: flex;
        gap: 0.75rem;
        align-items: flex-start;
        margin-top: 1rem;
        font-weight: 600;
      }
      .check .hint {
        font-weight: 400;
      }
      .check input {
        margin-top: 0.2rem;
        flex: none;
      }
      .meter {
        height: 6px;
        border-radius: 3px;
        background: var(--om-surface-2);
        margin-top: 0.5rem;
        overflow: hidden;
      }
      /* Widths by class: the CSP has no 'unsafe-inline', so no style attributes. */
      .meter span {
        display: block;
        height: 100%;
        width: 20%;
        background: var(--om-accent);
      }
      .meter .fair {
        width: 50%;
      }
      .meter .good {
        width: 75%;
      }
      .meter .strong {
        width: 100%;
      }
    `,
  ];

  declare passphrase: string;
  declare confirm: string;
  declare deviceSlot: boolean;
  declare busy: boolean;
  declare error: string;
  /** "Cancelled", after Cancel during the derivation. */
  declare note: string;
  declare confirmError: string;
  /** Came from "Restore from a backup": say that the file is chosen right after this. */
  declare restoring: boolean;
  private readonly kdf = new KdfRun(this);

  constructor() {
    super();
    this.passphrase = '';
    this.confirm = '';
    this.deviceSlot = false;
    this.busy = false;
    this.error = '';
    this.note = '';
    this.confirmError = '';
    this.restoring = false;
    new LocaleController(this);
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    this.error = '';
    this.note = '';
    this.confirmError = '';
    if (passphraseLength(this.passphrase) < MIN_PASSPHRASE_LENGTH) {
      this.error = t('create.tooShort', { min: MIN_PASSPHRASE_LENGTH });
      return;
    }
    if (this.passphrase !== this.confirm) {
      this.confirmError = t('error.vault/passphrase-mismatch');
      return;
    }
    this.busy = true;
    try {
      const outcome = await this.kdf.run(1, (opts) => getVault().create(this.passphrase, { deviceSlot: this.deviceSlot }, opts));
      if (outcome.cancelled) {
        this.note = t('kdf.cancelled');
        this.busy = false;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[data-testid=create-submit]')?.focus();
        return;
      }
      this.passphrase = '';
      this.confirm = '';
      // docs/security.md (storage persistence): ask the browser not to evict the vault. A refusal changes nothing here;
      // settings will show the state (vault-protection issue).
      void navigator.storage?.persist?.().catch(() => false);
      fire(this, 'vault-created');
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const level = passphraseStrength(this.passphrase);
    return html`<main class="page">
      <form class="panel" @submit=${this.onSubmit} novalidate>
        <h1>${t('create.title')}</h1>
        <p class="muted">${t('create.lead')}</p>
        ${this.restoring ? html`<p data-testid="create-restore-hint">${t('firstRun.restoreHint')}</p>` : ''}
        <label for="pass">${t('create.passphrase')}</label>
        <input id="pass" type="password" autocomplete="new-password" data-testid="new-passphrase"
          .value=${this.passphrase} @input=${(e: Event) => (this.passphrase = (e.target as HTMLInputElement).value)}
          aria-describedby="strength pass-error" ?disabled=${this.busy} />
        ${
          this.passphrase
            ? html`<div class="meter" aria-hidden="true"><span class=${level}></span></div>
              <p class="hint" id="strength" data-testid="strength">${t('strength.label', { level: t(`strength.${level}`) })}</p>`
            : html`<p class="hint" id="strength">${t('create.tooShort', { min: MIN_PASSPHRASE_LENGTH })}</p>`
        }
        ${this.error ? html`<p class="field-error" id="pass-error" role="alert" data-testid="create-error">${this.error}</p>` : ''}
        <label for="confirm">${t('create.confirm')}</label>
        <input id="confirm" type="password" autocomplete="new-password" data-testid="confirm-passphrase"
          .value=${this.confirm} @input=${(e: Event) => (this.confirm = (e.target as HTMLInputElement).value)}
          aria-describedby="confirm-error" ?disabled=${this.busy} />
        ${this.confirmError ? html`<p class="field-error" id="confirm-error" role="alert">${this.confirmError}</p>` : ''}
        <label class="check">
          <input type="checkbox" data-testid="device-slot" .checked=${this.deviceSlot}
            @change=${(e: Event) => (this.deviceSlot = (e.target as HTMLInputElement).checked)} ?disabled=${this.busy} />
          <span>${t('create.deviceSlot')}<br /><span class="hint">${t('create.deviceSlotWarning')}</span></span>
        </label>
        ${
          this.busy
            ? html`<omamori-kdf-progress data-testid="create-working" .label=${t('create.working')} .step=${this.kdf.step} .steps=${this.kdf.steps}
                @kdf-cancel=${() => this.kdf.cancel()}></omamori-kdf-progress>`
            : html`<div class="actions"><button class="primary" type="submit" data-testid="create-submit">${t('create.submit')}</button></div>`
        }
        ${this.note ? html`<p role="status" class="hint" data-testid="create-note">${this.note}</p>` : ''}
      </form>
    </main>`;
  }
}

customElements.define('omamori-create-vault', OmamoriCreateVault);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-create-vault': OmamoriCreateVault;
  }
  interface HTMLElementEventMap {
    'vault-created': OmamoriEvent;
  }
}
