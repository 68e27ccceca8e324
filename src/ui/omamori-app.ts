/**
 * @file <omamori-app>, the shell: picks the screen from the vault's state and routes the
 * elements' events.
 *
 * The start-up set — what is evaluated before the first code or the lock screen — is this file's
 * static imports and nothing else: ui/shared (styles, toasts, the locale and ticker controllers,
 * icons), onboarding/omamori-unlock, and codes/ (the list, the card grid, the code card, with
 * account-icon/'s letter badge); below them services/browser/vault, auto-lock and install, the
 * vault and the database, messages/en-core. Every other screen loads lazily: LAZY_ELEMENTS below, and the
 * dynamic imports inside codes/ (toolbar, select bar, group manager, large code), account-icon/
 * (brand icons) and scan/ (decoders). test/unit/ui/startup-messages.test.ts walks this graph.
 *
 * About 380 lines: it is the one place that maps the vault's state (and a start-up the browser's
 * storage refuses, and an iOS browser tab's vault) to a screen and routes every element's events;
 * split up, that one decision would be spread over files.
 */
import { LitElement, css, html, nothing } from 'lit';
import { accountTitle, type Account } from '../core/account';
import { isAppError, type AppError, type ErrorCode } from '../core/errors';
import { accountsNotInBackup } from '../services/backup/health';
import { getLastExportStore } from '../services/browser/last-export';
import type { VaultState } from '../services/vault/vault';
import { getVault, loadStoreAfterFirstScreen, startVault } from '../services/browser/vault';
import { getAutoLock } from '../services/browser/auto-lock';
import { getInstallState } from '../services/browser/install';
import { loadAllMessages, localeReady, t } from '../messages/translate';
import { LocaleController } from './shared/locale-controller';
import { presentError } from '../messages/present-error';
import { baseStyles } from './shared/styles';
import { clearToasts, showToast } from './shared/toast-bus';
import './codes/omamori-code-list';
import './shared/omamori-toast';
import './onboarding/omamori-unlock';
import { rememberStartScreen, takeOverStartShell } from './onboarding/start-shell';

/**
 * Screens that are not needed to show codes load when first shown, keeping them out of the
 * start-up bundle; a custom element rendered before its definition arrives upgrades in place
 * (Lit keeps properties set before the upgrade).
 */
const LAZY_ELEMENTS: Readonly<Record<string, () => Promise<unknown>>> = {
  'omamori-clock-warning': () => loadAllMessages().then(() => import('./clock/omamori-clock-warning')),
  'omamori-account-form': () => loadAllMessages().then(() => import('./account/omamori-account-form')),
  'omamori-other-app-import': () => loadAllMessages().then(() => import('./backup/omamori-other-app-import')),
  'omamori-restore': () => loadAllMessages().then(() => import('./backup/omamori-restore')),
  'omamori-create-vault': () => loadAllMessages().then(() => import('./onboarding/omamori-create-vault')),
  'omamori-enroll': () => loadAllMessages().then(() => import('./scan/omamori-enroll')),
  'omamori-first-run': () => loadAllMessages().then(() => import('./onboarding/omamori-first-run')),
  'omamori-guide': () => loadAllMessages().then(() => import('./scan/omamori-guide')),
  'omamori-move-to-app': () => loadAllMessages().then(() => import('./backup/omamori-move-to-app')),
  'omamori-phone-send': () => loadAllMessages().then(() => import('./move/omamori-phone-send')),
  'omamori-phone-receive': () => loadAllMessages().then(() => import('./move/omamori-phone-receive')),
  'omamori-safari-tab-line': () => loadAllMessages().then(() => import('./onboarding/omamori-safari-tab-line')),
  'omamori-settings': () => loadAllMessages().then(() => import('./settings/omamori-settings')),
  'omamori-vault-missing': () => loadAllMessages().then(() => import('./onboarding/omamori-vault-missing')),
};

/** 'refused': the browser will not store the vault, or it was saved by a newer version (startError). */
type Screen = 'loading' | 'refused' | 'first-run' | 'create' | 'missing' | 'locked' | 'unlocked';
/** Start-up failures that no passphrase can get past: the app says why instead of showing the lock screen. */
const REFUSED: ReadonlySet<ErrorCode> = new Set(['storage/unavailable', 'storage/newer-version']);

type View =
  | { kind: 'list' }
  | { kind: 'add' }
  | { kind: 'edit'; id: string }
  | { kind: 'settings' }
  | { kind: 'scan' }
  | { kind: 'guide' }
  | { kind: 'import' }
  | { kind: 'restore' }
  | { kind: 'move' }
  | { kind: 'phone-move'; role: 'send' | 'receive' };

/** The root: picks the screen from the vault's state and routes the elements' events. */
export class OmamoriApp extends LitElement {
  static override properties = {
    screen: { state: true },
    view: { state: true },
    accounts: { state: true },
    damaged: { state: true },
    restoreAfterCreate: { state: true },
    startError: { state: true },
    clockCheck: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        /* The page's end reserved for a toast (global.css) must not make a short screen scroll. */
        min-height: calc(100vh - var(--om-toast-space, 0px));
      }
    `,
  ];

  declare screen: Screen;
  declare view: View;
  declare accounts: readonly Account[];
  declare damaged: number;
  /** Accounts added or changed since the last export (the code list's backup banner). */
  declare notBackedUp: number;
  /** `accounts` is only the remembered first screen, right after an unlock; the whole list (this many) follows (#19). */
  private accountsPartial: number | undefined;
  /**
   * "Restore from a backup" (true) or "Move from another phone" ('phone-move') on a new device:
   * create the vault, then that screen.
   */
  declare restoreAfterCreate: boolean | 'phone-move';
  /** Why storage refused at start-up (screen 'refused'); kept as the error so a language switch re-words it. */
  declare startError: AppError | undefined;
  /** The clock check (a line above the codes) loads after the first screen, never before it. */
  declare clockCheck: boolean;
  private unsubscribeAccounts: (() => void) | undefined;
  private unsubscribeState: (() => void) | undefined;
  private unsubscribeStorage: (() => void) | undefined;

  constructor() {
    super();
    this.screen = 'loading';
    this.view = { kind: 'list' };
    this.accounts = [];
    this.damaged = 0;
    this.notBackedUp = 0;
    this.restoreAfterCreate = false;
    this.clockCheck = false;
    new LocaleController(this);
    this.addEventListener('start-create', () => {
      this.restoreAfterCreate = false;
      this.screen = 'create';
    });
    this.addEventListener('start-restore', () => {
      this.restoreAfterCreate = true;
      this.screen = 'create';
    });
    // "Move from another phone" on the welcome screen: create the vault, then the receiving screen.
    this.addEventListener('start-phone-move', () => {
      this.restoreAfterCreate = 'phone-move';
      this.screen = 'create';
    });
    this.addEventListener('open-phone-move', (e) => (this.view = { kind: 'phone-move', role: e.detail.role }));
    this.addEventListener('phone-move-closed', () => (this.view = { kind: 'list' }));
    this.addEventListener('add-account', () => (this.view = { kind: 'add' }));
    this.addEventListener('open-settings', () => (this.view = { kind: 'settings' }));
    this.addEventListener('form-closed', () => (this.view = { kind: 'list' }));
    this.addEventListener('settings-closed', () => {
      if (this.accountsPartial === undefined) this.notBackedUp = accountsNotInBackup(this.accounts, getLastExportStore().read());
      this.view = { kind: 'list' };
    });
    // The restore screen ends on the codes; a restore inside Settings stays there.
    this.addEventListener('backup-restored', () => {
      if (this.view.kind === 'restore') this.view = { kind: 'list' };
    });
    this.addEventListener('restore-skipped', () => (this.view = { kind: 'list' }));
    this.addEventListener('lock-vault', () => getVault().lock());
    this.addEventListener('open-scanner', () => (this.view = { kind: 'scan' }));
    this.addEventListener('enroll-closed', () => (this.view = { kind: 'list' }));
    this.addEventListener('open-guide', () => (this.view = { kind: 'guide' }));
    this.addEventListener('open-import', () => (this.view = { kind: 'import' }));
    this.addEventListener('import-closed', () => (this.view = { kind: 'list' }));
    this.addEventListener('app-imported', () => (this.view = { kind: 'list' }));
    this.addEventListener('guide-closed', () => (this.view = { kind: 'list' }));
    this.addEventListener('open-move', () => (this.view = { kind: 'move' }));
    this.addEventListener('move-closed', () => (this.view = { kind: 'list' }));
    this.addEventListener('edit-account', (e) => (this.view = { kind: 'edit', id: e.detail.id }));
    this.addEventListener('delete-account', (e) => void this.deleteAccount(e.detail.id));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeState?.();
    this.unsubscribeStorage?.();
    this.unsubscribeAccounts?.();
    getAutoLock().stop();
  }

  private async start(): Promise<void> {
    const vault = getVault();
    try {
      this.unsubscribeState = vault.subscribeState((state) => this.onVaultState(state));
      this.unsubscribeStorage = vault.subscribeStorage((event) => void this.onStorageEvent(event));
      // No text is shown before the user's language table is loaded (Japanese is a lazy chunk).
      const [state] = await Promise.all([startVault(), localeReady()]);
      this.onVaultState(state);
      this.rememberStart(state);
    } catch (err) {
      rememberStartScreen('other');
      await localeReady().catch(() => undefined);
      if (isAppError(err) && REFUSED.has(err.code)) {
        // No lock screen: no passphrase can open what the browser will not store or this code cannot read.
        this.startError = err;
        this.screen = 'refused';
      } else {
        this.screen = 'locked';
        showToast({ message: presentError(err), timeoutMs: 0 });
      }
      this.#afterFirstScreen();
    }
    // Also after a failed start: the vault can still be unlocked by hand. start() is idempotent.
    getAutoLock().start();
  }

  #started = false;

  /** For the next start's shell (index.html): did this one show a lock screen with only the passphrase form? */
  private rememberStart(state: VaultState): void {
    // From the start's own read: a tab closed right after the lock screen still remembers it.
    const passkey = state === 'locked' ? getVault().startedWithPasskey() : undefined;
    rememberStartScreen(passkey === false ? 'lock' : 'other');
  }

  /**
   * Once the first screen (the codes, or the lock screen) has painted: Dexie loads (the start read
   * did without it), then the service worker is registered (main.ts) and the rest of the English
   * table loads (lazy screens also wait for it). None of them is in the way of the first code.
   */
  #afterFirstScreen(): void {
    if (this.#started) return;
    this.#started = true;
    void this.updateComplete.then(() =>
      requestAnimationFrame(() => {
        // Right after this frame's paint: Dexie (the start read did not need it).
        setTimeout(loadStoreAfterFirstScreen);
        setTimeout(() => {
          window.dispatchEvent(new Event('omamori:started'));
          void loadAllMessages().catch(() => undefined);
          this.clockCheck = true;
        }, 300);
      }),
    );
  }

  /** The database closed under us: deleted (→ "vault missing") or upgraded by another tab (→ reload). */
  private async onStorageEvent(event: 'version-change' | 'blocked'): Promise<void> {
    if (event === 'version-change' && (await getVault().detectMissingVault())) return;
    showToast({
      message: t(event === 'version-change' ? 'error.storage/version-change' : 'error.storage/blocked'),
      actionLabel: t('pwa.reload'),
      timeoutMs: 0,
      onAction: () => location.reload(),
    });
  }

  private onVaultState(state: VaultState): void {
    if (state === 'unlocked') {
      if (this.screen === 'create' && this.restoreAfterCreate !== false)
        this.view = this.restoreAfterCreate === 'phone-move' ? { kind: 'phone-move', role: 'receive' } : { kind: 'restore' };
      this.restoreAfterCreate = false;
      this.screen = 'unlocked';
      this.unsubscribeAccounts ??= getVault().subscribeAccounts((accounts, info) => {
        this.accounts = accounts;
        this.damaged = info.damagedCount;
        // Counted on the whole list only: the first screen alone would show a smaller number first.
        this.accountsPartial = info.partial?.total;
        if (this.accountsPartial === undefined) this.notBackedUp = accountsNotInBackup(accounts, getLastExportStore().read());
        this.#afterFirstScreen();
      });
      return;
    }
    this.unsubscribeAccounts?.();
    this.unsubscribeAccounts = undefined;
    this.accounts = [];
    clearToasts();
    this.view = { kind: 'list' };
    if (state === 'none') this.screen = this.screen === 'create' ? 'create' : 'first-run';
    else this.screen = state;
    this.#afterFirstScreen();
  }

  private async deleteAccount(id: string): Promise<void> {
    const account = this.accounts.find((a) => a.id === id);
    if (!account) return;
    const title = accountTitle(account) || t('card.noName');
    try {
      await getVault().deleteAccount(id);
      showToast({
        message: t('delete.done', { title }),
        actionLabel: t('delete.undo'),
        timeoutMs: 8000,
        onAction: () =>
          void getVault()
            .restoreAccount(account)
            .catch((err: unknown) => showToast({ message: presentError(err) })),
      });
    } catch (err) {
      showToast({ message: presentError(err) });
    }
  }

  override willUpdate(): void {
    // The start shell stays up (slotted, see render) until a screen replaces it; the lock screen takes it over itself.
    if (this.screen !== 'loading' && this.screen !== 'locked') takeOverStartShell();
    const list = this.screen === 'unlocked' && this.view.kind === 'list';
    const tags = [
      this.currentTag(),
      this.inIosTab() && this.view.kind === 'list' ? 'omamori-safari-tab-line' : '',
      this.clockCheck && list ? 'omamori-clock-warning' : '',
    ];
    for (const tag of tags) LAZY_ELEMENTS[tag]?.().catch((err: unknown) => showToast({ message: presentError(err) }));
  }

  /** A vault in an iPhone/iPad browser tab: not the home-screen app's, and Safari may delete it (the line above the codes). */
  private inIosTab(): boolean {
    const { ios, standalone } = getInstallState().snapshot();
    return ios && !standalone;
  }

  private currentTag(): string {
    if (this.screen !== 'unlocked') {
      const tags: Record<Exclude<Screen, 'unlocked'>, string> = {
        loading: '',
        refused: '',
        'first-run': 'omamori-first-run',
        create: 'omamori-create-vault',
        missing: 'omamori-vault-missing',
        locked: 'omamori-unlock',
      };
      return tags[this.screen];
    }
    const views: Record<View['kind'], string> = {
      list: 'omamori-code-list',
      add: 'omamori-account-form',
      edit: 'omamori-account-form',
      scan: 'omamori-enroll',
      guide: 'omamori-guide',
      import: 'omamori-other-app-import',
      settings: 'omamori-settings',
      restore: 'omamori-restore',
      move: 'omamori-move-to-app',
      'phone-move': this.view.kind === 'phone-move' && this.view.role === 'send' ? 'omamori-phone-send' : 'omamori-phone-receive',
    };
    return views[this.view.kind];
  }

  private renderUnlocked() {
    switch (this.view.kind) {
      case 'add':
        return html`<omamori-account-form .accounts=${this.accounts}></omamori-account-form>`;
      case 'edit': {
        const id = this.view.id;
        const editing = this.accounts.find((a) => a.id === id);
        return html`<omamori-account-form .accounts=${this.accounts} .editing=${editing}></omamori-account-form>`;
      }
      case 'scan':
        return html`<omamori-enroll .accounts=${this.accounts}></omamori-enroll>`;
      case 'guide':
        return html`<omamori-guide></omamori-guide>`;
      case 'import':
        return html`<omamori-other-app-import></omamori-other-app-import>`;
      case 'settings':
        return html`<omamori-settings></omamori-settings>`;
      case 'restore':
        return html`<omamori-restore></omamori-restore>`;
      case 'move':
        return html`<omamori-move-to-app></omamori-move-to-app>`;
      case 'phone-move':
        return this.view.role === 'send' ? html`<omamori-phone-send></omamori-phone-send>` : html`<omamori-phone-receive></omamori-phone-receive>`;
      default:
        return html`${this.inIosTab() ? html`<omamori-safari-tab-line></omamori-safari-tab-line>` : nothing}${
          this.clockCheck ? html`<omamori-clock-warning></omamori-clock-warning>` : nothing
        }<omamori-code-list .accounts=${this.accounts} .partialOf=${this.accountsPartial} .damaged=${this.damaged} .notBackedUp=${this.notBackedUp}></omamori-code-list>`;
    }
  }

  override render() {
    let body;
    switch (this.screen) {
      case 'loading':
        // Deliberately wordless: the language table may still be loading. The slot shows the start
        // shell's lock form (index.html) when there is one, so nothing blinks before the lock screen.
        body = html`<slot></slot><p class="page" role="status" aria-busy="true"></p>`;
        break;
      case 'refused':
        body = html`<section class="page" role="alert" data-testid="start-error">
          <p>${presentError(this.startError)}</p>
          ${
            this.startError?.code === 'storage/newer-version'
              ? html`<button class="primary" data-testid="start-error-reload" @click=${() => location.reload()}>${t('pwa.reload')}</button>`
              : nothing
          }
        </section>`;
        break;
      case 'first-run':
        body = html`<omamori-first-run></omamori-first-run>`;
        break;
      case 'create':
        body = html`<omamori-create-vault .restoring=${this.restoreAfterCreate === true}></omamori-create-vault>`;
        break;
      case 'missing':
        body = html`<omamori-vault-missing></omamori-vault-missing>`;
        break;
      case 'locked':
        body = html`<omamori-unlock></omamori-unlock>`;
        break;
      default:
        body = this.renderUnlocked();
    }
    return html`${body}<omamori-toast></omamori-toast>`;
  }
}

customElements.define('omamori-app', OmamoriApp);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-app': OmamoriApp;
  }
  interface WindowEventMap {
    /** The first screen is up: main.ts registers the service worker then. */
    'omamori:started': Event;
  }
}
