/**
 * @file The parts of the account details screen that save right away: favourite, groups, recovery
 * codes and the icon. (Names, notes and code settings are in the form above it, saved with Save.)
 */
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { MAX_GROUP_LENGTH, MAX_GROUPS, normalizeGroups, type Account, type AccountExtras } from '../../core/account';
import { getVault } from '../../services/browser/vault';
import { detailsStyles } from './details-styles';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import './omamori-icon-picker';
import './omamori-recovery-codes';

export class OmamoriAccountDetails extends LitElement {
  static override properties = {
    account: { attribute: false },
    accounts: { attribute: false },
    groupText: { state: true },
    groupError: { state: true },
  };
  static override styles = [
    baseStyles,
    detailsStyles,
    css`
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        list-style: none;
        margin: 0.25rem 0 0;
        padding: 0;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
        border: 1px solid var(--om-border);
        background: var(--om-surface-2);
        border-radius: 999px;
        padding-left: 0.875rem;
        max-width: 100%;
      }
      .chip span {
        overflow-wrap: anywhere;
      }
      .chip button {
        border: none;
        background: none;
        min-width: 44px;
        padding: 0.25rem 0.5rem;
        font-size: 1.125rem;
        line-height: 1;
      }
      h3 {
        font-size: 1rem;
      }
    `,
  ];

  declare account: Account;
  declare accounts: readonly Account[];
  declare groupText: string;
  declare groupError: string;

  constructor() {
    super();
    this.accounts = [];
    this.groupText = '';
    this.groupError = '';
    new LocaleController(this);
  }

  /** Saves `change` (a patch, or a vault call), then says `done`; a failure is shown, never thrown. */
  private async save(change: Partial<AccountExtras> | (() => Promise<unknown>), done: string): Promise<boolean> {
    try {
      await (typeof change === 'function' ? change() : getVault().updateExtras(this.account.id, change));
      showToast({ message: done });
      return true;
    } catch (err) {
      showToast({ message: presentError(err) });
      return false;
    }
  }

  /** Every group name in the vault, for the suggestions; a group exists while an account is in it. */
  private allGroups(): string[] {
    return normalizeGroups(this.accounts.flatMap((a) => a.groups)).sort((a, b) => a.localeCompare(b));
  }

  private async addGroup(e: Event): Promise<void> {
    e.preventDefault();
    const [name] = normalizeGroups([this.groupText]);
    const current = this.account.groups;
    if (name === undefined) this.groupError = t('details.groupEmpty');
    else if (name.length > MAX_GROUP_LENGTH) this.groupError = t('details.groupTooLong', { max: MAX_GROUP_LENGTH });
    else if (current.includes(name)) this.groupError = t('details.groupExists', { group: name });
    else if (current.length >= MAX_GROUPS) this.groupError = t('details.groupTooMany', { max: MAX_GROUPS });
    else {
      this.groupError = '';
      // The vault adds it to the stored account, so two quick adds (before the list has caught up
      // with the first) both land.
      const id = this.account.id;
      const typed = this.groupText;
      const saved = await this.save(() => getVault().setGroupMembership([id], name, true), t('details.groupAdded', { group: name }));
      // Empty the field only if it still holds what was saved: a next name typed meanwhile stays.
      if (saved && this.groupText === typed) this.groupText = '';
    }
  }

  private async removeGroup(name: string): Promise<void> {
    const id = this.account.id;
    if (await this.save(() => getVault().setGroupMembership([id], name, false), t('details.groupRemoved', { group: name }))) {
      // The chip and its button are gone: move focus to the group input rather than to <body>.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#group-new')?.focus();
    }
  }

  private renderGroups() {
    const { groups } = this.account;
    const suggestions = this.allGroups().filter((g) => !groups.includes(g));
    return html`<h3 id="groups-title">${t('details.groups')}</h3>
      ${
        groups.length === 0
          ? html`<p class="muted" data-testid="groups-none">${t('details.noGroups')}</p>`
          : html`<ul class="chips" aria-labelledby="groups-title">
            ${groups.map(
              (g) => html`<li class="chip" data-testid="group-chip">
                <span data-testid="group-name">${g}</span>
                <button type="button" data-testid="group-remove" aria-label=${t('details.groupRemove', { group: g })} @click=${() => void this.removeGroup(g)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>`,
            )}
          </ul>`
      }
      <form @submit=${this.addGroup} novalidate>
        <label for="group-new">${t('details.groupAdd')}</label>
        <div class="row">
          <input id="group-new" list="group-options" data-testid="group-input" autocomplete="off" maxlength=${MAX_GROUP_LENGTH + 1}
            aria-describedby="group-hint group-error" aria-invalid=${this.groupError ? 'true' : 'false'} .value=${this.groupText}
            @input=${(e: Event) => (this.groupText = (e.target as HTMLInputElement).value)} />
          <button type="submit" data-testid="group-add">${t('details.groupAddButton')}</button>
        </div>
        <datalist id="group-options">${suggestions.map((g) => html`<option value=${g}></option>`)}</datalist>
        <p class="hint" id="group-hint">${t('details.groupAddHint')}</p>
        ${this.groupError ? html`<p class="field-error" id="group-error" role="alert" data-testid="group-error">${this.groupError}</p>` : nothing}
      </form>`;
  }

  override render() {
    const { favourite } = this.account;
    return html`<section class="panel" aria-labelledby="organise-title" data-testid="account-organise">
        <h2 id="organise-title">${t('details.organise')}</h2>
        <p class="hint">${t('details.savedRightAway')}</p>
        <label class="choice">
          <input type="checkbox" data-testid="favourite-toggle" .checked=${live(favourite)}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              void this.save({ favourite: on }, t(on ? 'details.favouriteOn' : 'details.favouriteOff'));
            }} />
          ${t('details.favourite')}
        </label>
        ${this.renderGroups()}
      </section>
      <omamori-recovery-codes .account=${this.account}></omamori-recovery-codes>
      <omamori-icon-picker .account=${this.account}></omamori-icon-picker>`;
  }
}

customElements.define('omamori-account-details', OmamoriAccountDetails);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-account-details': OmamoriAccountDetails;
  }
}
