import { LitElement, html, nothing } from 'lit';
import {
  accountTitle,
  DEFAULTS,
  digitRange,
  HASH_ALGORITHMS,
  MAX_NOTES_LENGTH,
  OTP_TYPES,
  sameCredential,
  validateAccount,
  type Account,
  type AccountData,
  type OtpType,
} from '../../core/account';
import { isAppError, type ErrorField } from '../../core/errors';
import { readAccountLink } from '../../services/enroll/account-links';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { formStyles } from './account-form-styles';
import { detailsStyles } from './details-styles';
import './omamori-account-details';
import './omamori-account-secret';
import { fire, type OmamoriEvent } from '../shared/events';

type Mode = 'key' | 'uri';

function blankDraft(): AccountData {
  return { type: 'totp', issuer: '', name: '', secretB32: '', ...DEFAULTS.totp, counter: 0, pin: '' };
}

function dataOf(a: Account): AccountData {
  const { type, issuer, name, secretB32, algorithm, digits, period, counter, pin } = a;
  return { type, issuer, name, secretB32, algorithm, digits, period, counter, pin };
}

/**
 * Add an account by setup key or otpauth:// link (notes optional), or show one account's details:
 * names, notes and code settings saved with Save, and below them <omamori-account-details>
 * (favourite, groups, recovery codes, icon), which save right away. Errors appear next to their
 * field; an account already in the vault (same secret and parameters) is flagged, not added twice.
 */
export class OmamoriAccountForm extends LitElement {
  static override properties = {
    accounts: { attribute: false },
    editing: { attribute: false },
    mode: { state: true },
    draft: { state: true },
    uri: { state: true },
    errors: { state: true },
    notes: { state: true },
    busy: { state: true },
  };
  static override styles = [baseStyles, formStyles, detailsStyles];

  declare accounts: readonly Account[];
  declare editing: Account | undefined;
  declare mode: Mode;
  declare draft: AccountData;
  declare uri: string;
  declare errors: Partial<Record<ErrorField | 'form', string>>;
  declare notes: string;
  declare busy: boolean;
  /** The id the draft was taken from: live updates of the same account keep the user's typing. */
  private draftOf: string | undefined;
  /** The HOTP counter when the draft was taken; another tab may advance it while this is open. */
  private draftCounter = 0;

  constructor() {
    super();
    this.accounts = [];
    this.editing = undefined;
    this.mode = 'key';
    this.draft = blankDraft();
    this.uri = '';
    this.errors = {};
    this.notes = '';
    this.busy = false;
    new LocaleController(this);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Favourite, groups, codes and icon save right away and come back as a new `editing` object;
    // only another account (or the first one) replaces what the user is typing.
    if (changed.has('editing') && this.editing && this.editing.id !== this.draftOf) {
      this.draftOf = this.editing.id;
      this.draft = dataOf(this.editing);
      this.draftCounter = this.editing.counter;
      this.notes = this.editing.notes;
      this.mode = 'key';
    }
  }

  private set<K extends keyof AccountData>(key: K, value: AccountData[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  private setType(type: OtpType): void {
    this.draft = { ...this.draft, type, ...DEFAULTS[type] };
  }

  private close(): void {
    fire(this, 'form-closed');
  }

  private readDraft(): AccountData {
    return this.mode === 'uri' ? readAccountLink(this.uri) : validateAccount(this.draft);
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.errors = {};
    let data: AccountData;
    try {
      if (this.mode === 'uri') {
        const parsed = readAccountLink(this.uri);
        if (parsed.pin === '' && (parsed.type === 'motp' || parsed.type === 'yandex')) {
          // A link never carries the PIN: show the fields so the user can type it.
          this.draft = parsed;
          this.mode = 'key';
          this.errors = { pin: t('error.account/invalid-pin') };
          return;
        }
      }
      data = this.readDraft();
    } catch (err) {
      const field = isAppError(err) && err.field ? err.field : this.mode === 'uri' ? 'uri' : 'form';
      this.errors = { [this.mode === 'uri' ? 'uri' : field]: presentError(err) };
      return;
    }
    // An untouched counter must never roll back codes drawn meanwhile (a reused HOTP code).
    if (this.editing && data.counter === this.draftCounter) data = { ...data, counter: this.editing.counter };
    if (this.notes.length > MAX_NOTES_LENGTH) {
      this.errors = { notes: t('details.notesTooLong', { max: MAX_NOTES_LENGTH }) };
      return;
    }
    const duplicate = this.accounts.find((a) => a.id !== this.editing?.id && sameCredential(a, data));
    if (duplicate) {
      this.errors = { form: t('form.duplicate', { title: accountTitle(duplicate) || t('card.noName') }) };
      return;
    }
    this.busy = true;
    try {
      const vault = getVault();
      if (this.editing) {
        await vault.updateAccount(this.editing.id, data, { notes: this.notes });
        showToast({ message: t('saved') });
      } else {
        await vault.addAccount({ ...data, notes: this.notes });
        showToast({ message: t('added', { title: accountTitle(data) }) });
      }
      this.close();
    } catch (err) {
      this.errors = { form: presentError(err) };
    } finally {
      this.busy = false;
    }
  }

  private fieldError(field: ErrorField) {
    const message = this.errors[field];
    return message ? html`<p class="field-error" id=${`${field}-error`} role="alert" data-testid=${`error-${field}`}>${message}</p>` : nothing;
  }

  private input(
    field: 'issuer' | 'name' | 'secretB32' | 'pin',
    label: string,
    errorField: ErrorField,
    extra: { hint?: string; autocomplete?: string; mono?: boolean } = {},
  ) {
    return html`<label for=${field}>${label}</label>
      <input id=${field} data-testid=${`field-${field}`} class=${extra.mono ? 'mono' : ''} autocomplete=${extra.autocomplete ?? 'off'}
        spellcheck="false" autocapitalize="off" .value=${String(this.draft[field])}
        aria-invalid=${this.errors[errorField] ? 'true' : 'false'} aria-describedby=${`${errorField}-error ${field}-hint`}
        @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value)} />
      ${extra.hint ? html`<p class="hint" id=${`${field}-hint`}>${extra.hint}</p>` : nothing} ${this.fieldError(errorField)}`;
  }

  private numberField(field: 'digits' | 'period' | 'counter', label: string, min: number, max: number) {
    return html`<div>
      <label for=${field}>${label}</label>
      <input id=${field} data-testid=${`field-${field}`} type="number" inputmode="numeric" min=${min} max=${max} step="1"
        .value=${String(this.draft[field])} aria-describedby=${`${field}-error`}
        @input=${(e: Event) => this.set(field, Number((e.target as HTMLInputElement).value))} />
      ${this.fieldError(field)}
    </div>`;
  }

  private renderAdvanced() {
    const d = this.draft;
    const range = digitRange(d.type);
    return html`<details ?open=${d.type !== 'totp' || this.errors.pin !== undefined}>
      <summary data-testid="advanced">${t('form.advanced')}</summary>
      <div class="grid">
        <div>
          <label for="type">${t('form.type')}</label>
          <select id="type" data-testid="field-type" @change=${(e: Event) => this.setType((e.target as HTMLSelectElement).value as OtpType)}>
            ${OTP_TYPES.map((type) => html`<option value=${type} ?selected=${d.type === type}>${t(`form.type.${type}`)}</option>`)}
          </select>
        </div>
        ${
          d.type === 'totp' || d.type === 'hotp'
            ? html`<div>
              <label for="algorithm">${t('form.algorithm')}</label>
              <select id="algorithm" data-testid="field-algorithm" @change=${(e: Event) => this.set('algorithm', (e.target as HTMLSelectElement).value as AccountData['algorithm'])}>
                ${HASH_ALGORITHMS.map((alg) => html`<option value=${alg} ?selected=${d.algorithm === alg}>${alg.replace('SHA', 'SHA-')}</option>`)}
              </select>
              ${this.fieldError('algorithm')}
            </div>`
            : nothing
        }
        ${range.min !== range.max ? this.numberField('digits', t('form.digits'), range.min, range.max) : nothing}
        ${d.type === 'hotp' ? this.numberField('counter', t('form.counter'), 0, Number.MAX_SAFE_INTEGER) : nothing}
        ${d.type === 'totp' ? this.numberField('period', t('form.period'), 1, 86400) : nothing}
      </div>
      ${d.type === 'motp' || d.type === 'yandex' ? this.input('pin', t('form.pin'), 'pin', { mono: true }) : nothing}
    </details>`;
  }

  private renderModeSwitch() {
    return html`<div class="modes" role="radiogroup" aria-label=${t('form.addTitle')}>
      ${(['key', 'uri'] as const).map(
        (mode) => html`<label class="mode ${this.mode === mode ? 'on' : ''}">
          <input type="radio" name="mode" data-testid=${`mode-${mode}`} .checked=${this.mode === mode}
            @change=${() => ((this.mode = mode), (this.errors = {}))} />
          ${t(mode === 'key' ? 'form.mode.key' : 'form.mode.uri')}
        </label>`,
      )}
    </div>`;
  }

  private renderNotes() {
    const error = this.errors.notes;
    return html`<label for="notes">${t('details.notes')}</label>
      <textarea id="notes" rows="4" data-testid="field-notes" maxlength=${MAX_NOTES_LENGTH} .value=${this.notes}
        aria-describedby="notes-hint notes-error" aria-invalid=${error ? 'true' : 'false'}
        @input=${(e: Event) => (this.notes = (e.target as HTMLTextAreaElement).value)}></textarea>
      <p class="hint" id="notes-hint">${t('details.notesHint', { count: this.notes.length, max: MAX_NOTES_LENGTH })}</p>
      ${error ? html`<p class="field-error" id="notes-error" role="alert" data-testid="error-notes">${error}</p>` : nothing}`;
  }

  override render() {
    const editing = this.editing !== undefined;
    return html`<main class="page">
      <form class="panel" @submit=${this.onSubmit} novalidate data-testid="account-form">
        <h1>${editing ? t('details.title') : t('form.addTitle')}</h1>
        ${
          editing
            ? nothing
            : html`<p><button type="button" class="link" data-testid="form-scan" @click=${() => fire(this, 'open-scanner')}>
                ${t('enroll.scan')}
              </button></p>
              ${this.renderModeSwitch()}`
        }
        ${
          this.mode === 'uri'
            ? html`<label for="uri">${t('form.uri')}</label>
              <textarea id="uri" rows="3" data-testid="field-uri" spellcheck="false" autocapitalize="off" .value=${this.uri}
                aria-describedby="uri-error uri-hint" @input=${(e: Event) => (this.uri = (e.target as HTMLTextAreaElement).value)}></textarea>
              <p class="hint" id="uri-hint">${t('form.uriHint')}</p>
              ${this.fieldError('uri')}`
            : html`${this.input('issuer', t('form.issuer'), 'issuer')} ${this.input('name', t('form.name'), 'name')}
              ${
                this.editing
                  ? html`<omamori-account-secret .account=${this.editing}></omamori-account-secret>`
                  : this.input('secretB32', t('form.secret'), 'secret', { hint: t('form.secretHint'), mono: true })
              }`
        }
        ${this.renderNotes()} ${this.mode === 'uri' ? nothing : this.renderAdvanced()}
        ${this.errors.form ? html`<p class="error-box" role="alert" data-testid="form-error">${this.errors.form}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" data-testid="save-account" ?disabled=${this.busy}>${editing ? t('form.save') : t('form.add')}</button>
          <button type="button" data-testid="cancel-account" @click=${this.close}>${t('form.cancel')}</button>
        </div>
      </form>
      ${this.editing ? html`<omamori-account-details .account=${this.editing} .accounts=${this.accounts}></omamori-account-details>` : nothing}
    </main>`;
  }
}

customElements.define('omamori-account-form', OmamoriAccountForm);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-account-form': OmamoriAccountForm;
  }
  interface HTMLElementEventMap {
    'form-closed': OmamoriEvent;
    'open-scanner': OmamoriEvent;
  }
}
