/**
 * @file Selection mode of the code list (loaded when first used): how many accounts are
 * selected, a group name (an existing one from the list, or a new one: naming a group while
 * assigning creates it), and "Add to group" / "Remove from group" for all of them at once.
 */
import { LitElement, css, html } from 'lit';
import { normalizeGroups } from '../../core/account';
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { fire, type OmamoriEvent } from '../shared/events';

export class OmamoriSelectBar extends LitElement {
  static override properties = {
    selected: { attribute: false },
    groups: { attribute: false },
    group: { attribute: false },
    name: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 64rem;
        margin: 0.5rem auto 0;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem;
        padding: 0.75rem;
        border: 1px solid var(--om-accent);
        border-radius: var(--om-radius);
        background: var(--om-accent-soft);
      }
      .count {
        flex: 1 1 100%;
        margin: 0;
        font-weight: 600;
      }
      .field {
        flex: 1 1 12rem;
      }
      .field label {
        margin-top: 0;
      }
      button {
        min-height: 44px;
      }
      .field-error {
        flex: 1 1 100%;
      }
    `,
  ];

  declare selected: readonly string[];
  declare groups: readonly string[];
  /** The group chip in use: the default name to remove from. */
  declare group: string | null;
  declare name: string;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.selected = [];
    this.groups = [];
    this.group = null;
    this.name = '';
    this.error = '';
    this.busy = false;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.name = this.group ?? '';
  }

  private emit(name: 'select-all' | 'select-done'): void {
    fire(this, name);
  }

  private async assign(member: boolean): Promise<void> {
    this.error = '';
    const [group] = normalizeGroups([this.name]);
    if (this.selected.length === 0) this.error = t('list.noneSelected');
    else if (group === undefined) this.error = t('list.groupNameMissing');
    if (this.error || group === undefined) return;
    this.busy = true;
    try {
      const done = await getVault().setGroupMembership(this.selected, group, member);
      showToast({ message: t(member ? 'list.addedToGroup' : 'list.removedFromGroup', { count: done.length, group }) });
      this.emit('select-done');
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form data-testid="select-bar" aria-label=${t('list.select')} @submit=${(e: Event) => (e.preventDefault(), void this.assign(true))}>
      <p class="count" role="status" data-testid="selected-count">${t('list.selected', { count: this.selected.length })}</p>
      <button type="button" data-testid="select-all" @click=${() => this.emit('select-all')}>${t('list.selectAll')}</button>
      <div class="field">
        <label for="group-name">${t('list.groupName')}</label>
        <input id="group-name" data-testid="group-name" list="group-names" autocomplete="off" maxlength="64" placeholder=${t('list.groupNameHint')}
          .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        <datalist id="group-names">${this.groups.map((g) => html`<option value=${g}></option>`)}</datalist>
      </div>
      <button type="submit" class="primary" data-testid="add-to-group" ?disabled=${this.busy}>${t('list.addToGroup')}</button>
      <button type="button" data-testid="remove-from-group" ?disabled=${this.busy} @click=${() => this.assign(false)}>${t('list.removeFromGroup')}</button>
      ${this.error ? html`<p class="field-error" role="alert" data-testid="select-error">${this.error}</p>` : ''}
    </form>`;
  }
}

customElements.define('omamori-select-bar', OmamoriSelectBar);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-select-bar': OmamoriSelectBar;
  }
  interface HTMLElementEventMap {
    'select-all': OmamoriEvent;
    'select-done': OmamoriEvent;
  }
}
