/**
 * @file "Manage groups" (loaded when opened): a modal dialog listing the groups with their
 * member counts; rename one (merging into an existing name) or delete it (its accounts stay).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Account } from '../../core/account';
import { normalizeGroups } from '../../core/account';
import { groupNames } from '../../core/account-order';
import { getVault } from '../../services/browser/vault';
import { getLocale, t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { countLabel } from './list-state';
import { baseStyles, dialogStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import { fire, type OmamoriEvent } from '../shared/events';

export class OmamoriGroupManager extends LitElement {
  static override properties = {
    accounts: { attribute: false },
    renaming: { state: true },
    deleting: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      dialog {
        width: min(32rem, calc(100vw - 2rem));
        max-height: calc(100dvh - 2rem);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--om-border);
      }
      .name {
        flex: 1 1 10rem;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        flex: 1 1 100%;
        align-items: end;
      }
      form label {
        flex: 1 1 100%;
        margin: 0;
      }
      form input {
        flex: 1 1 12rem;
      }
      .confirm {
        flex: 1 1 100%;
        margin: 0;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        margin-top: 1rem;
      }
    `,
  ];

  declare accounts: readonly Account[];
  declare renaming: string;
  declare deleting: string;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.accounts = [];
    this.renaming = '';
    this.deleting = '';
    this.error = '';
    this.busy = false;
    new LocaleController(this);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private close(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
  }

  private async run(task: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      showToast({ message: await task() });
      this.renaming = '';
      this.deleting = '';
    } catch (err) {
      this.error = presentError(err);
    } finally {
      this.busy = false;
    }
  }

  private rename(e: Event, from: string): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input');
    const [to] = normalizeGroups([input?.value ?? '']);
    if (to === undefined) {
      this.error = t('list.groupNameMissing');
      return;
    }
    if (to === from) {
      this.renaming = '';
      return;
    }
    void this.run(async () => {
      await getVault().renameGroup(from, to);
      fire(this, 'group-renamed', { from, to });
      return t('groups.renamed', { group: to });
    });
  }

  private deleteGroup(name: string): void {
    void this.run(async () => {
      await getVault().deleteGroup(name);
      return t('groups.deleted', { group: name });
    });
  }

  private renderGroup(name: string) {
    const members = this.accounts.filter((a) => a.groups.includes(name)).length;
    if (this.renaming === name) {
      return html`<li>
        <form @submit=${(e: Event) => this.rename(e, name)}>
          <label for="rename">${t('groups.newName', { group: name })}</label>
          <input id="rename" data-testid="group-new-name" maxlength="64" autocomplete="off" .value=${name} />
          <button type="submit" class="primary" data-testid="group-save" ?disabled=${this.busy}>${t('groups.save')}</button>
          <button type="button" @click=${() => (this.renaming = '')}>${t('groups.cancel')}</button>
        </form>
      </li>`;
    }
    return html`<li data-testid="group-row">
      <span class="name"><strong>${name}</strong> <span class="muted">${countLabel(members)}</span></span>
      ${
        this.deleting === name
          ? html`<p class="confirm" role="alert">${t('groups.deleteConfirm', { group: name })}</p>
            <button class="danger" data-testid="group-delete-confirm" ?disabled=${this.busy} @click=${() => this.deleteGroup(name)}>${t('groups.delete')}</button>
            <button @click=${() => (this.deleting = '')}>${t('groups.cancel')}</button>`
          : html`<button data-testid="group-rename" aria-label=${`${t('groups.rename')}: ${name}`} @click=${() => this.startRename(name)}>${t('groups.rename')}</button>
            <button class="danger" data-testid="group-delete" aria-label=${t('groups.deleteLabel', { group: name })} @click=${() => (this.deleting = name)}>
              ${t('groups.delete')}
            </button>`
      }
    </li>`;
  }

  private async startRename(name: string): Promise<void> {
    this.renaming = name;
    this.error = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#rename')?.select();
  }

  override render() {
    const groups = groupNames(this.accounts, getLocale());
    return html`<dialog aria-labelledby="groups-title" data-testid="group-manager"
      @close=${() => fire(this, 'group-manager-closed')}>
      <h2 id="groups-title">${t('groups.title')}</h2>
      ${groups.length === 0 ? html`<p class="muted">${t('groups.none')}</p>` : html`<ul>${groups.map((g) => this.renderGroup(g))}</ul>`}
      ${this.error ? html`<p class="field-error" role="alert" data-testid="group-error">${this.error}</p>` : nothing}
      <div class="actions"><button data-testid="group-manager-close" @click=${() => this.close()}>${t('groups.close')}</button></div>
    </dialog>`;
  }
}

customElements.define('omamori-group-manager', OmamoriGroupManager);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-group-manager': OmamoriGroupManager;
  }
  interface HTMLElementEventMap {
    'group-manager-closed': OmamoriEvent;
    'group-renamed': OmamoriEvent<{ from: string; to: string }>;
  }
}
