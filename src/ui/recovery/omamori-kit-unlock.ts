import { LitElement, html, nothing } from 'lit';
import { MIN_PASSPHRASE_LENGTH, passphraseLength } from '../../core/passphrase-strength';
import { t } from '../../messages/translate';
import { getVault } from '../../services/browser/vault';
import { fire, type OmamoriEvent } from '../shared/events';
import { KdfRun } from '../shared/kdf-run';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import './omamori-kit-entry';
import type { OmamoriKitEntry } from './omamori-kit-entry';
import { sheetError } from './sheet-input';

/**
 * The lock screen's "Forgot the passphrase? Use my recovery kit" (issue #16 step 7; loaded only
 * when chosen): k sheets (typed, pasted QR text or a picture, omamori-kit-entry) and a new
 * passphrase, required at once because the old one is forgotten. RecoveryKits.recover opens the
 * kit's slot and seals the vault key under the new passphrase in one write; the device slot,
 * passkeys and the kit itself keep working (docs/security.md). Wrong or mixed sheets change nothing.
 */
export class OmamoriKitUnlock extends LitElement {
  static override properties = { busy: { state: true }, error: { state: true } };
  static override styles = [baseStyles];

  declare busy: boolean;
  declare error: string;
  private readonly kdf = new KdfRun(this);

  constructor() {
    super();
    this.busy = false;
    this.error = '';
    new LocaleController(this);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.error = '';
    const texts = this.renderRoot.querySelector<OmamoriKitEntry>('omamori-kit-entry')?.texts ?? [];
    const next = this.value('kit-new-pass');
    if (passphraseLength(next) < MIN_PASSPHRASE_LENGTH) {
      this.error = t('create.tooShort', { min: MIN_PASSPHRASE_LENGTH });
      return;
    }
    if (next !== this.value('kit-new-confirm')) {
      this.error = t('error.vault/passphrase-mismatch');
      return;
    }
    this.busy = true;
    try {
      const kits = await getVault().recoveryKit();
      const outcome = await this.kdf.run(1, (opts) => kits.recover(texts, next, opts));
      if (outcome.cancelled) {
        this.error = t('kdf.cancelled');
        return;
      }
      showToast({ message: t('kitUnlock.done') });
      fire(this, 'vault-unlocked');
    } catch (err) {
      this.error = sheetError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form class="panel" @submit=${this.submit} novalidate data-testid="kit-unlock">
      <h1 tabindex="-1">${t('kitUnlock.title')}</h1>
      <p class="muted">${t('kitUnlock.lead')}</p>
      <omamori-kit-entry ?disabled=${this.busy}></omamori-kit-entry>
      <label for="kit-new-pass">${t('kitUnlock.newPass')}</label>
      <input id="kit-new-pass" type="password" autocomplete="new-password" data-testid="kit-new-pass" ?disabled=${this.busy} />
      <label for="kit-new-confirm">${t('create.confirm')}</label>
      <input id="kit-new-confirm" type="password" autocomplete="new-password" data-testid="kit-new-confirm" ?disabled=${this.busy} />
      ${this.error ? html`<p class="field-error" role="alert" data-testid="kit-unlock-error">${this.error}</p>` : nothing}
      ${this.busy ? html`<p class="hint" role="status">${t('kitUnlock.working')}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" data-testid="kit-unlock-submit" ?disabled=${this.busy}>${t('kitUnlock.submit')}</button>
        ${
          this.kdf.running
            ? html`<button type="button" @click=${() => this.kdf.cancel()}>${t('dialog.cancel')}</button>`
            : html`<button type="button" data-testid="kit-unlock-back" ?disabled=${this.busy} @click=${() => fire(this, 'kit-unlock-closed')}>
                ${t('kitUnlock.back')}
              </button>`
        }
      </div>
    </form>`;
  }
}

customElements.define('omamori-kit-unlock', OmamoriKitUnlock);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-kit-unlock': OmamoriKitUnlock;
  }
  interface HTMLElementEventMap {
    'kit-unlock-closed': OmamoriEvent;
  }
}
