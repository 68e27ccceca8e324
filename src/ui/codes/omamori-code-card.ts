import { LitElement, html, nothing } from 'lit';
import { accountTitle, type Account } from '../../core/account';
import { generateCode, groupCode, hotpCode, nextCode, totpState } from '../../core/codes';
import { TickerController } from '../shared/ticker-controller';
import { NEXT_CODE_THRESHOLD_MS, rowClockKey } from './card-clock';
import './omamori-countdown';
import { getVault } from '../../services/browser/vault';
import { moreIcon, refreshIcon, warningIcon } from './card-icons';
import type { MenuAnchor } from '../shared/omamori-menu';
import { copyCode } from '../shared/clipboard';
import { codeCardStyles } from './code-card-styles';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { PreferencesController } from '../shared/preferences';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import '../account-icon/omamori-account-icon';
import { fire, type OmamoriEvent } from '../shared/events';

/** How long a tapped hidden code stays visible. */
export const REVEAL_MS = 30_000;
const RECOVERY_WARN_AT = 2;
/** A touch held this long opens the row's menu (as a right click does). */
const LONG_PRESS_MS = 500;

type Menus = typeof import('./menu-items');
let menus: Menus | undefined;
/** The menu element and the menus' items, loaded together at the first menu opened. */
export async function loadMenus(): Promise<Menus> {
  menus ??= (await Promise.all([import('../shared/omamori-menu'), import('./menu-items')]))[1];
  return menus;
}

/** "123456" → "1 2 3 4 5 6": screen readers read digits one by one, not "one hundred twenty…". */
export const spaced = (code: string): string => [...code].join(' ');

/**
 * One account as a list row: icon, names, live code, countdown, and a ⋮ menu (large code,
 * favourite, edit, delete; also by right click or long press). A tap anywhere on the row copies;
 * with "hide codes" on, the first tap reveals the code for 30 s and the next copies. HOTP draws
 * its next code on request. (A little over 300 lines: the row's tap, reveal, HOTP and menu
 * behaviour share its state, so they stay in one element.)
 */
export class OmamoriCodeCard extends LitElement {
  static override properties = {
    account: { attribute: false },
    copied: { state: true },
    hotpShown: { state: true },
    revealedUntil: { state: true },
    largeOpen: { state: true },
    menuAt: { state: true },
  };
  static override styles = [baseStyles, codeCardStyles];

  declare account: Account;
  declare copied: boolean;
  declare hotpShown: string;
  declare revealedUntil: number;
  declare largeOpen: boolean;
  /** Where the open menu is anchored; undefined while closed. */
  declare menuAt: MenuAnchor | undefined;
  private pressTimer: ReturnType<typeof setTimeout> | undefined;
  private suppressClick = false;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly prefs = new PreferencesController(this);
  // Re-renders when the code, the "Next:" line or a reveal changes, not on every second (#19).
  private readonly ticker = new TickerController(this, (now) =>
    rowClockKey({ account: this.account, hideCodes: this.prefs.value.hideCodes, revealedUntil: this.revealedUntil, largeOpen: this.largeOpen }, now),
  );

  constructor() {
    super();
    this.copied = false;
    this.hotpShown = '';
    this.revealedUntil = 0;
    this.largeOpen = false;
    this.menuAt = undefined;
    new LocaleController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.copiedTimer);
    clearTimeout(this.pressTimer);
  }

  /** Hidden until tapped (preference); an HOTP code is only ever shown after "Generate". */
  private get codeHidden(): boolean {
    if (!this.prefs.value.hideCodes || this.account.type === 'hotp' || this.largeOpen) return false;
    return Math.max(this.ticker.now, Date.now()) >= this.revealedUntil;
  }

  private currentCode(): string {
    return this.account.type === 'hotp' ? this.hotpShown : generateCode(this.account, this.ticker.now);
  }

  private markUsed(): void {
    // Only for "recently used" order: a failure (locked meanwhile, deleted) changes nothing here.
    getVault()
      .markUsed(this.account.id)
      .catch(() => undefined);
  }

  private reveal(): void {
    this.revealedUntil = Date.now() + REVEAL_MS;
    this.markUsed();
  }

  /** Exactly what tapping the code does: reveals a hidden code, otherwise copies it. */
  async copy(): Promise<void> {
    if (this.codeHidden) {
      this.reveal();
      return;
    }
    const code = this.account.type === 'hotp' ? this.hotpShown : generateCode(this.account, Date.now());
    if (!code) return;
    try {
      await copyCode(code);
    } catch (err) {
      showToast({ message: presentError(err) });
      return;
    }
    this.copied = true;
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = false), 1500);
    this.markUsed();
  }

  private async drawHotp(): Promise<void> {
    try {
      // The service commits counter+1 before we show the code for the counter it consumed.
      const updated = await getVault().advanceHotp(this.account.id);
      this.hotpShown = hotpCode(updated, updated.counter - 1);
    } catch (err) {
      showToast({ message: presentError(err) });
    }
  }

  private async toggleFavourite(): Promise<void> {
    try {
      await getVault().updateExtras(this.account.id, { favourite: !this.account.favourite });
    } catch (err) {
      showToast({ message: presentError(err) });
    }
  }

  private async openLarge(): Promise<void> {
    if (this.codeHidden) this.reveal();
    else this.markUsed();
    await import('./omamori-large-code');
    this.largeOpen = true;
  }

  private async onLargeClosed(): Promise<void> {
    this.largeOpen = false;
    await this.updateComplete;
    // The closed dialog has already given focus back to ⋮; this covers a browser that does not.
    // A menu opened from ⋮ meanwhile (Enter pressed at once) keeps its focus.
    if (!this.menuAt) this.moreButton?.focus();
  }

  private get moreButton(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>('[data-testid="row-menu"]');
  }

  /** Opens the row's menu (⋮ button, context menu or long press); the menu loads on first use. */
  async openMenu(at?: { x: number; y: number }): Promise<void> {
    if (this.menuAt) return;
    await loadMenus();
    this.menuAt = at ?? this.moreButton ?? undefined;
  }

  private onMenuSelect(id: string): void {
    if (id === 'large') void this.openLarge();
    else if (id === 'favourite') void this.toggleFavourite();
    else if (id === 'edit') fire(this, 'edit-account', { id: this.account.id });
    // The same path as the old Delete button: the app deletes and offers Undo.
    else if (id === 'delete') fire(this, 'delete-account', { id: this.account.id });
  }

  /** A tap anywhere on the row copies, except on its own controls (⋮, Generate) and open views. */
  private onRowClick(e: MouseEvent): void {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    const row = e.currentTarget as HTMLElement;
    const path = e.composedPath();
    const inner = path.slice(0, path.indexOf(row));
    const own = inner.some(
      (n) =>
        n instanceof HTMLElement &&
        !n.classList.contains('main') &&
        (n.localName === 'button' || n.localName.startsWith('omamori-menu') || n.localName === 'omamori-large-code'),
    );
    if (!own) void this.copy();
  }

  private onContextMenu(e: MouseEvent): void {
    e.preventDefault();
    void this.openMenu({ x: e.clientX, y: e.clientY });
  }

  // Long press on touch screens that send no contextmenu event (iOS): the same menu.
  private onPointerDown(e: PointerEvent): void {
    if (e.pointerType !== 'touch') return;
    clearTimeout(this.pressTimer);
    const at = { x: e.clientX, y: e.clientY };
    this.pressTimer = setTimeout(() => {
      this.suppressClick = true;
      void this.openMenu(at);
    }, LONG_PRESS_MS);
  }

  private cancelPress(): void {
    clearTimeout(this.pressTimer);
  }

  private renderRecoveryWarning(a: Account) {
    if (a.recoveryCodes.length === 0) return nothing;
    const left = a.recoveryCodes.filter((c) => c.usedAt === 0).length;
    if (left > RECOVERY_WARN_AT) return nothing;
    const text = left === 0 ? t('card.recoveryNone') : left === 1 ? t('card.recoveryOne') : t('card.recoveryFew', { count: left });
    return html`<span class="recovery-low" data-testid="recovery-low">${warningIcon}<span>${text}</span></span>`;
  }

  /** The line under the code: its height is always reserved, so "Next:" never moves the row. */
  private renderSub(a: Account, code: string) {
    if (this.copied) return html`<span class="sub copied" role="status">${t('card.copied')}</span>`;
    if (this.codeHidden) return html`<span class="sub">${t('card.tapToShow')}</span>`;
    if (a.type === 'hotp') return html`<span class="sub">${code ? '' : t('card.hotpHidden')}</span>`;
    if (totpState(a, this.ticker.now).remainingMs < NEXT_CODE_THRESHOLD_MS) {
      return html`<span class="sub" data-testid="next-code">${t('card.next', { code: groupCode(nextCode(a, this.ticker.now)) })}</span>`;
    }
    return html`<span class="sub" aria-hidden="true"></span>`;
  }

  override render() {
    const a = this.account;
    const title = accountTitle(a) || t('card.noName');
    const isHotp = a.type === 'hotp';
    const hidden = this.codeHidden;
    const code = hidden ? '' : this.currentCode();
    const label = hidden ? t('card.revealCode', { title }) : code ? t('card.copyCode', { title, digits: spaced(code) }) : t('card.copy', { title });
    const first = a.issuer || a.name || t('card.noName');
    const compact = this.prefs.value.density === 'compact';
    return html`<article data-testid="code-card" class=${compact ? 'compact' : ''} @click=${this.onRowClick} @contextmenu=${this.onContextMenu}
      @pointerdown=${this.onPointerDown} @pointerup=${this.cancelPress} @pointercancel=${this.cancelPress} @pointerleave=${this.cancelPress}>
      <button class="main" data-testid="copy" aria-label=${label} ?disabled=${!hidden && !code}>
        <omamori-account-icon .issuer=${a.issuer} .name=${a.name} .icon=${a.icon}></omamori-account-icon>
        <span class="text">
          <span class="names" title=${a.issuer && a.name ? `${a.issuer} · ${a.name}` : first}>
            <span class="issuer" data-testid="issuer">${first}</span>
            ${a.issuer && a.name ? html`<span class="name" data-testid="name">${a.name}</span>` : nothing}
          </span>
          <span class="code">
            <span class="digits ${hidden ? 'hidden' : ''}" data-testid="code" aria-hidden=${hidden ? 'true' : nothing}>${hidden ? '••• •••' : code ? groupCode(code) : '––– –––'}</span>
            ${this.renderSub(a, code)}
          </span>
          ${this.renderRecoveryWarning(a)}
        </span>
      </button>
      ${
        isHotp
          ? html`<button class="icon-button" data-testid="hotp-next" aria-label=${t('card.hotpNext')} title=${t('card.hotpNext')} @click=${this.drawHotp}>${refreshIcon}</button>`
          : html`<omamori-countdown .account=${a}></omamori-countdown>`
      }
      <button class="icon-button more" data-testid="row-menu" aria-haspopup="menu" aria-expanded=${this.menuAt ? 'true' : 'false'}
        aria-label=${t('card.menu', { title })} @click=${() => void this.openMenu()}>${moreIcon}</button>
      ${
        this.menuAt && menus
          ? html`<omamori-menu .items=${menus.rowMenuItems(a, !isHotp || this.hotpShown !== '')} .anchor=${this.menuAt} label=${t('card.menu', { title })}
            @menu-select=${(e: HTMLElementEventMap['menu-select']) => this.onMenuSelect(e.detail)} @menu-closed=${() => (this.menuAt = undefined)}></omamori-menu>`
          : nothing
      }
      ${
        this.largeOpen && code
          ? html`<omamori-large-code .account=${a} .code=${code} .now=${this.ticker.now} @large-code-closed=${this.onLargeClosed}></omamori-large-code>`
          : nothing
      }
    </article>`;
  }
}

customElements.define('omamori-code-card', OmamoriCodeCard);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-code-card': OmamoriCodeCard;
  }
  interface HTMLElementEventMap {
    'edit-account': OmamoriEvent<{ id: string }>;
    'delete-account': OmamoriEvent<{ id: string }>;
  }
}
