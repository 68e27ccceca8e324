import { LitElement, css, html, nothing } from 'lit';
import { MAX_PASSKEYS, type PasskeyInfo } from '../../services/vault/passkey-slots';
import { getVault } from '../../services/browser/vault';
import { formatDate } from '../../messages/format';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { CANCELLED, withProof } from '../shared/reauth';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';

/**
 * Passkeys in settings: the list (each removable after re-authentication) and enrolment, which
 * asks for a name and the passphrase (the re-authentication, and what lets the vault key be
 * sealed for the new passkey).
 */
export class OmamoriPasskeySettings extends LitElement {
  static override properties = { passkeys: { state: true }, adding: { state: true }, busy: { state: true }, error: { state: true } };
  static override styles = [
    baseStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 0.75rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--om-border);
      }
      .label {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare passkeys: PasskeyInfo[] | undefined;
  declare adding: boolean;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.passkeys = undefined;
    this.adding = false;
    this.busy = false;
    this.error = '';
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    try {
      this.passkeys = await getVault().listPasskeys();
    } catch (err) {
      this.passkeys = [];
      this.error = presentError(err);
    }
  }

  private get supported(): boolean {
    return typeof window.PublicKeyCredential !== 'undefined';
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  private async openForm(): Promise<void> {
    this.adding = true;
    this.error = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#passkey-name')?.select();
  }

  private async submitAdd(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const label = this.value('passkey-name').trim() || this.defaultName();
    const passphrase = this.value('passkey-pass');
    this.busy = true;
    this.error = '';
    try {
      await getVault().addPasskey(label, passphrase);
      this.adding = false;
      showToast({ message: t('passkey.added', { label }) });
    } catch (err) {
      this.error = presentError(err);
      const pass = this.renderRoot.querySelector<HTMLInputElement>('#passkey-pass');
      if (pass) pass.value = '';
    } finally {
      this.busy = false;
      await this.reload();
    }
  }

  private async removePasskey(passkey: PasskeyInfo): Promise<void> {
    if (this.busy) return;
    this.error = '';
    this.busy = true;
    try {
      if ((await withProof(() => getVault().removePasskey(passkey.id))) === CANCELLED) return;
      showToast({ message: t('passkey.removed', { label: passkey.label }) });
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
      await this.reload();
    }
  }

  private defaultName(): string {
    return t('passkey.defaultName', { number: (this.passkeys?.length ?? 0) + 1 });
  }

  private renderList(passkeys: PasskeyInfo[]) {
    if (passkeys.length === 0) return html`<p class="muted" data-testid="passkey-none">${t('passkey.none')}</p>`;
    return html`<ul aria-label=${t('passkey.list')} data-testid="passkey-list">
      ${passkeys.map(
        (p) => html`<li data-testid="passkey-item">
          <span><span class="label" data-testid="passkey-label">${p.label}</span><br />
            <span class="hint">${t('passkey.createdAt', { date: formatDate(p.createdAt) })}</span></span>
          <button class="danger" data-testid="passkey-remove" aria-label=${t('passkey.removeLabel', { label: p.label })}
            ?disabled=${this.busy} @click=${() => this.removePasskey(p)}>${t('passkey.remove')}</button>
        </li>`,
      )}
    </ul>`;
  }

  private renderAdd(count: number) {
    if (!this.supported) return html`<p data-testid="passkey-unsupported">${t('error.passkey/unsupported')}</p>`;
    if (count >= MAX_PASSKEYS) return html`<p class="hint" data-testid="passkey-limit">${t('passkey.limitReached', { max: MAX_PASSKEYS })}</p>`;
    if (!this.adding) return html`<button data-testid="passkey-add" ?disabled=${this.busy} @click=${this.openForm}>${t('passkey.add')}</button>`;
    return html`<form @submit=${this.submitAdd} novalidate data-testid="passkey-form">
      <label for="passkey-name">${t('passkey.name')}</label>
      <input id="passkey-name" data-testid="passkey-name" maxlength="64" autocomplete="off" .value=${this.defaultName()} ?disabled=${this.busy} />
      <label for="passkey-pass">${t('passkey.passphrase')}</label>
      <input id="passkey-pass" type="password" autocomplete="current-password" data-testid="passkey-passphrase" ?disabled=${this.busy} />
      ${this.busy ? html`<p class="hint" role="status">${t('passkey.working')}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" data-testid="passkey-submit" ?disabled=${this.busy}>${t('passkey.submit')}</button>
        <button type="button" ?disabled=${this.busy} @click=${() => ((this.adding = false), (this.error = ''))}>${t('dialog.cancel')}</button>
      </div>
    </form>`;
  }

  override render() {
    const passkeys = this.passkeys;
    return html`<section class="panel" aria-labelledby="passkey-h">
      <h3 id="passkey-h">${t('passkey.title')}</h3>
      <p class="muted">${t('passkey.lead')}</p>
      ${passkeys === undefined ? nothing : html`${this.renderList(passkeys)} ${this.renderAdd(passkeys.length)}`}
      ${this.error ? html`<p class="field-error" role="alert" data-testid="passkey-error">${this.error}</p>` : nothing}
    </section>`;
  }
}

customElements.define('omamori-passkey-settings', OmamoriPasskeySettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-passkey-settings': OmamoriPasskeySettings;
  }
}
