import { LitElement, html, nothing } from 'lit';
import { MIN_PASSPHRASE_LENGTH, passphraseLength } from '../../core/passphrase-strength';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { KdfRun, type KdfRunOptions } from '../shared/kdf-run';
import '../shared/omamori-kdf-progress';

type Form = 'none' | 'device' | 'change';

/**
 * Change the passphrase (rewraps the vault key) and turn the device slot on or off. Both ask for
 * the current passphrase, which is also their re-authentication. Their derivations can be
 * cancelled: nothing is written and the form stays as it was.
 */
export class OmamoriSecuritySettings extends LitElement {
  static override properties = { deviceSlot: { state: true }, form: { state: true }, busy: { state: true }, error: { state: true }, note: { state: true } };
  static override styles = [baseStyles];

  declare deviceSlot: boolean | undefined;
  declare form: Form;
  declare busy: boolean;
  declare error: string;
  /** "Cancelled", after Cancel during a derivation. */
  declare note: string;
  private readonly kdf = new KdfRun(this);

  constructor() {
    super();
    this.deviceSlot = undefined;
    this.form = 'none';
    this.busy = false;
    this.error = '';
    this.note = '';
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void getVault()
      .hasDeviceSlot()
      .then((on) => (this.deviceSlot = on));
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  private open(form: Form): void {
    this.form = form;
    this.error = '';
    this.note = '';
  }

  /** `steps`: derivations the action runs (changing the passphrase: the current one, then the new one). */
  private async run(steps: number, action: (opts: KdfRunOptions) => Promise<void>, done: string): Promise<void> {
    this.busy = true;
    this.error = '';
    this.note = '';
    try {
      const outcome = await this.kdf.run(steps, action);
      if (outcome.cancelled) {
        this.note = t('kdf.cancelled');
        this.busy = false;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[data-testid=security-confirm]')?.focus();
        return;
      }
      this.form = 'none';
      showToast({ message: done });
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  private submitDevice(event: Event): void {
    event.preventDefault();
    const next = !this.deviceSlot;
    const passphrase = this.value('device-pass');
    void this.run(
      1,
      async (opts) => {
        await getVault().setDeviceSlot(next, passphrase, opts);
        this.deviceSlot = next;
      },
      t('saved'),
    );
  }

  private submitChange(event: Event): void {
    event.preventDefault();
    const current = this.value('current-pass');
    const next = this.value('new-pass');
    if (passphraseLength(next) < MIN_PASSPHRASE_LENGTH) {
      this.error = t('create.tooShort', { min: MIN_PASSPHRASE_LENGTH });
      return;
    }
    if (next !== this.value('confirm-pass')) {
      this.error = t('error.vault/passphrase-mismatch');
      return;
    }
    void this.run(2, (opts) => getVault().changePassphrase(current, next, opts), t('security.changed'));
  }

  private passwordField(id: string, label: string, autocomplete: string) {
    return html`<label for=${id}>${label}</label>
      <input id=${id} type="password" autocomplete=${autocomplete} data-testid=${id} ?disabled=${this.busy} />`;
  }

  private formActions() {
    return html`${this.error ? html`<p class="field-error" role="alert" data-testid="security-error">${this.error}</p>` : nothing}
      ${
        this.busy
          ? html`<omamori-kdf-progress data-testid="security-working" .label=${t('create.working')} .step=${this.kdf.step} .steps=${this.kdf.steps}
              @kdf-cancel=${() => this.kdf.cancel()}></omamori-kdf-progress>`
          : html`<div class="actions">
              <button class="primary" type="submit" data-testid="security-confirm">${t('dialog.ok')}</button>
              <button type="button" @click=${() => this.open('none')}>${t('dialog.cancel')}</button>
            </div>`
      }
      ${this.note ? html`<p role="status" class="hint" data-testid="security-note">${this.note}</p>` : nothing}`;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="security-h">
      <h3 id="security-h">${t('security.title')}</h3>
      ${
        this.form === 'change'
          ? html`<form @submit=${this.submitChange} novalidate>
            ${this.passwordField('current-pass', t('security.current'), 'current-password')}
            ${this.passwordField('new-pass', t('security.new'), 'new-password')}
            ${this.passwordField('confirm-pass', t('create.confirm'), 'new-password')} ${this.formActions()}
          </form>`
          : html`<button data-testid="change-passphrase" @click=${() => this.open('change')}>${t('security.change')}</button>`
      }
      ${
        this.deviceSlot === undefined
          ? nothing
          : html`<h4>${t('settings.deviceSlot')}</h4>
            <p data-testid="device-slot-state">${this.deviceSlot ? t('settings.deviceSlotOn') : t('settings.deviceSlotOff')}</p>
            <p class="hint">${t('create.deviceSlotWarning')}</p>
            ${
              this.form === 'device'
                ? html`<form @submit=${this.submitDevice} novalidate>
                  ${this.passwordField('device-pass', t('settings.passphrasePrompt'), 'current-password')} ${this.formActions()}
                </form>`
                : html`<button data-testid="toggle-device-slot" @click=${() => this.open('device')}>
                  ${this.deviceSlot ? t('settings.deviceSlotDisable') : t('settings.deviceSlotEnable')}
                </button>`
            }`
      }
    </section>`;
  }
}

customElements.define('omamori-security-settings', OmamoriSecuritySettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-security-settings': OmamoriSecuritySettings;
  }
}
