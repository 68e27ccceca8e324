import { LitElement, css, html, nothing } from 'lit';
import type { Account } from '../../core/account';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles, choiceStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';

/** "Issuer (name)", or whichever of the two exists: how exports list an account. */
export function displayTitle(a: Pick<Account, 'issuer' | 'name'>): string {
  if (a.issuer !== '' && a.name !== '') return `${a.issuer} (${a.name})`;
  return a.issuer || a.name || t('card.noName');
}

export type PickerChange = OmamoriEvent<{ ids: readonly string[] | null }>;

/**
 * "All N accounts" or "Choose accounts" with a checkbox list; used by every export. Emits
 * `accounts-picked` with `ids: null` for all, or the chosen ids. `testPrefix` keeps test ids
 * stable per screen (e.g. 'gqr' → 'gqr-all', 'gqr-choose', 'gqr-pick', 'gqr-pick-item').
 */
export class OmamoriAccountPicker extends LitElement {
  static override properties = {
    accounts: { attribute: false },
    testPrefix: { attribute: 'test-prefix' },
    chooseSome: { state: true },
    selected: { state: true },
  };
  static override styles = [
    baseStyles,
    choiceStyles,
    css`
      .pick {
        list-style: none;
        padding: 0 0 0 1.75rem;
        margin: 0.25rem 0 0;
        max-height: 40vh;
        overflow: auto;
      }
    `,
  ];

  declare accounts: readonly Account[];
  declare testPrefix: string;
  declare chooseSome: boolean;
  declare selected: ReadonlySet<string>;

  constructor() {
    super();
    this.accounts = [];
    this.testPrefix = 'pick';
    this.chooseSome = false;
    this.selected = new Set();
    new LocaleController(this);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('accounts')) this.selected = new Set(this.accounts.map((a) => a.id));
  }

  private emit(): void {
    const ids = this.chooseSome ? this.accounts.filter((a) => this.selected.has(a.id)).map((a) => a.id) : null;
    fire(this, 'accounts-picked', { ids });
  }

  private setChooseSome(on: boolean): void {
    this.chooseSome = on;
    this.emit();
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
    this.emit();
  }

  override render() {
    const p = this.testPrefix;
    return html`<fieldset>
      <legend>${t('accountPicker.which')}</legend>
      <label class="choice"
        ><input type="radio" name="which" data-testid=${`${p}-all`} .checked=${!this.chooseSome} @change=${() => this.setChooseSome(false)} />
        ${t('accountPicker.all', { count: this.accounts.length })}</label
      >
      <label class="choice"
        ><input type="radio" name="which" data-testid=${`${p}-choose`} .checked=${this.chooseSome} @change=${() => this.setChooseSome(true)} />
        ${t('accountPicker.choose')}</label
      >
      ${
        this.chooseSome
          ? html`<ul class="pick" data-testid=${`${p}-pick`}>
            ${this.accounts.map(
              (a) => html`<li>
                <label class="choice"
                  ><input type="checkbox" data-testid=${`${p}-pick-item`} .checked=${this.selected.has(a.id)}
                    @change=${(e: Event) => this.toggle(a.id, (e.target as HTMLInputElement).checked)} /><bdi>${displayTitle(a)}</bdi></label
                >
              </li>`,
            )}
          </ul>`
          : nothing
      }
    </fieldset>`;
  }
}

customElements.define('omamori-account-picker', OmamoriAccountPicker);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-account-picker': OmamoriAccountPicker;
  }
  interface HTMLElementEventMap {
    'accounts-picked': PickerChange;
  }
}
