import { LitElement, css, html, nothing } from 'lit';
import { readinessFacts, type ReadinessFact } from '../../core/recovery/readiness';
import { formatDate } from '../../messages/format';
import { presentError } from '../../messages/present-error';
import { t } from '../../messages/translate';
import { accountsNotInBackup } from '../../services/backup/health';
import { getLastExportStore } from '../../services/browser/last-export';
import { getVault } from '../../services/browser/vault';
import type { OmamoriEvent } from '../shared/events';
import { KdfRun } from '../shared/kdf-run';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/** Where a fact's action leads: a sibling section of Settings, found by its tag. */
const SECTION: Partial<Record<ReadinessFact['id'], string>> = { backup: 'omamori-backup-settings', kit: 'omamori-recovery-kit-settings' };

/**
 * Settings → Backup and moving → "Ready to recover?" (issue #16 step 7): four facts from
 * core/recovery/readiness.ts, each with OK / Needs attention and the action that fixes it, and
 * "Do you still know your passphrase?" (VaultService.checkPassphrase: right or wrong, outside the
 * wrong-passphrase backoff). It reads again when a backup or the kit changes ('readiness-changed').
 */
export class OmamoriReadyPanel extends LitElement {
  static override properties = { facts: { state: true }, error: { state: true }, checking: { state: true }, answer: { state: true } };
  static override styles = [
    baseStyles,
    css`
      ul.facts {
        list-style: none;
        padding: 0;
        margin: 0.75rem 0;
        display: grid;
        gap: 0.75rem;
      }
      .status {
        font-weight: 600;
        margin-inline-end: 0.5rem;
      }
      [data-ok='true'] .status {
        color: var(--om-ok);
      }
      [data-ok='false'] .status {
        color: var(--om-danger);
      }
      li .actions {
        margin-top: 0.25rem;
      }
    `,
  ];

  declare facts: ReadinessFact[] | undefined;
  declare error: string;
  declare checking: boolean;
  /** The practice check's last answer. */
  declare answer: 'right' | 'wrong' | '';
  private readonly kdf = new KdfRun(this);
  private readonly onChanged = (): void => void this.reload();

  constructor() {
    super();
    this.facts = undefined;
    this.error = '';
    this.checking = false;
    this.answer = '';
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('readiness-changed', this.onChanged);
    void this.reload();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('readiness-changed', this.onChanged);
    super.disconnectedCallback();
  }

  private async reload(): Promise<void> {
    try {
      const vault = getVault();
      const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
      const [accounts, kit, passphraseTypedAt, passkeys, persisted] = await Promise.all([
        vault.listAccounts(),
        vault.recoveryKit().then((kits) => kits.info()),
        vault.passphraseTypedAt(),
        vault.listPasskeys().catch(() => []),
        storage?.persisted ? storage.persisted().catch(() => undefined) : Promise.resolve(undefined),
      ]);
      const lastExportAt = getLastExportStore().read();
      this.facts = readinessFacts({
        now: Date.now(),
        accounts: accounts.length,
        lastExportAt,
        notInBackup: accountsNotInBackup(accounts, lastExportAt),
        kit,
        passphraseTypedAt,
        passkeys: passkeys.length,
        persisted,
      });
    } catch (err) {
      this.error = presentError(err);
    }
  }

  private goTo(id: ReadinessFact['id']): void {
    const tag = SECTION[id];
    const root = this.getRootNode() as Document | ShadowRoot;
    const section = tag === undefined ? null : root.querySelector<HTMLElement>(tag);
    section?.scrollIntoView({ block: 'start' });
    // Its first button: "Export" or "Create a recovery kit", the action the fact asks for.
    section?.shadowRoot?.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  }

  private async askPersist(): Promise<void> {
    await navigator.storage?.persist?.().catch(() => false);
    await this.reload();
  }

  private async check(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#ready-pass');
    if (this.checking || input === null) return;
    this.checking = true;
    this.answer = '';
    this.error = '';
    try {
      const outcome = await this.kdf.run(1, (opts) => getVault().checkPassphrase(input.value, opts));
      if (!outcome.cancelled) this.answer = outcome.value ? 'right' : 'wrong';
    } catch (err) {
      this.error = presentError(err);
    } finally {
      input.value = '';
      this.checking = false;
      await this.reload();
    }
  }

  private sentence(fact: ReadinessFact): string {
    const date = (at: number | null): string => (at === null ? '' : formatDate(at));
    switch (fact.id) {
      case 'backup':
        if (fact.state === 'empty') return t('ready.backupEmpty');
        if (fact.state === 'none') return t('ready.backupNone');
        return fact.state === 'missing'
          ? t('ready.backupMissing', { date: date(fact.at), count: fact.missing })
          : t('ready.backupComplete', { date: date(fact.at) });
      case 'kit':
        if (fact.state === 'none') return t('ready.kitNone');
        if (fact.state === 'unchecked') return t('ready.kitUnchecked', { date: date(fact.createdAt) });
        return fact.state === 'old-backup' ? t('ready.kitOldBackup', { date: date(fact.createdAt) }) : t('ready.kitReady', { date: date(fact.createdAt) });
      case 'passphrase':
        if (fact.state === 'unknown') return t('ready.passUnknown');
        if (fact.state === 'recent') return t('ready.passRecent', { date: date(fact.at) });
        return fact.passkeys ? t('ready.passStalePasskey', { date: date(fact.at) }) : t('ready.passStale', { date: date(fact.at) });
      case 'storage':
        return fact.state === 'persistent' ? t('ready.storagePersistent') : fact.state === 'not-persistent' ? t('ready.storageNot') : t('ready.storageUnknown');
    }
  }

  private action(fact: ReadinessFact) {
    if (fact.ok) return nothing;
    const button = (label: string, run: () => void) =>
      html`<div class="actions"><button data-testid=${`ready-${fact.id}-action`} @click=${run}>${label}</button></div>`;
    if (fact.id === 'backup' || (fact.id === 'kit' && fact.state === 'old-backup')) return button(t('ready.backupAction'), () => this.goTo('backup'));
    if (fact.id === 'kit') return button(t('ready.kitAction'), () => this.goTo('kit'));
    if (fact.id === 'storage' && fact.state === 'not-persistent') return button(t('ready.storageAction'), () => void this.askPersist());
    return nothing;
  }

  private renderCheck() {
    return html`<form @submit=${this.check} novalidate data-testid="ready-check">
      <h4>${t('ready.passCheck')}</h4>
      <p class="hint">${t('ready.passCheckLead')}</p>
      <label for="ready-pass">${t('ready.passCheckLabel')}</label>
      <input id="ready-pass" type="password" autocomplete="current-password" data-testid="ready-pass" ?disabled=${this.checking} />
      <div class="actions">
        <button type="submit" data-testid="ready-check-run" ?disabled=${this.checking}>${t('ready.passCheckRun')}</button>
        ${this.kdf.running ? html`<button type="button" @click=${() => this.kdf.cancel()}>${t('dialog.cancel')}</button>` : nothing}
      </div>
      ${
        this.answer === ''
          ? nothing
          : html`<p role="status" data-testid="ready-check-answer" class=${this.answer === 'wrong' ? 'field-error' : ''}>
            ${this.answer === 'right' ? t('ready.passRight') : t('ready.passWrong')}
          </p>`
      }
    </form>`;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="ready-h" data-testid="ready-panel">
      <h3 id="ready-h">${t('ready.title')}</h3>
      <p class="muted">${t('ready.lead')}</p>
      ${
        this.facts === undefined
          ? nothing
          : html`<ul class="facts">
            ${this.facts.map(
              (fact) => html`<li data-testid=${`ready-${fact.id}`} data-ok=${String(fact.ok)} data-state=${fact.state}>
                <span class="status">${fact.ok ? t('ready.ok') : t('ready.attention')}</span>
                <span>${this.sentence(fact)}</span>
                ${this.action(fact)}
              </li>`,
            )}
          </ul>`
      }
      ${this.renderCheck()}
      ${this.error ? html`<p class="field-error" role="alert" data-testid="ready-error">${this.error}</p>` : nothing}
    </section>`;
  }
}

customElements.define('omamori-ready-panel', OmamoriReadyPanel);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-ready-panel': OmamoriReadyPanel;
  }
  interface HTMLElementEventMap {
    /** A backup was exported or the recovery kit changed: "Ready to recover?" reads its facts again. */
    'readiness-changed': OmamoriEvent;
  }
}
