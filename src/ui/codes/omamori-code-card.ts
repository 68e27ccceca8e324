import { LitElement, html, svg, nothing } from 'lit';
import { accountTitle, type Account } from '../../core/account';
import { generateCode, groupCode, hotpCode, nextCode, totpState } from '../../core/codes';
import { getVault } from '../../services/browser/vault';
import { expandIcon, starIcon, warningIcon } from './card-icons';
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

const NEXT_CODE_THRESHOLD_MS = 5000;
/** How long a tapped hidden code stays visible. */
export const REVEAL_MS = 30_000;
const RECOVERY_WARN_AT = 2;
const RING = 2 * Math.PI * 16;

/** "123456" → "1 2 3 4 5 6": screen readers read digits one by one, not "one hundred twenty…". */
export const spaced = (code: string): string => [...code].join(' ');

const reducedMotion = (): boolean => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * One account: icon, names, live code, countdown. Tapping copies; with "hide codes" on, the first
 * tap reveals the code for 30 s and the next copies. HOTP draws its next code on request.
 */
export class OmamoriCodeCard extends LitElement {
  static override properties = {
    account: { attribute: false },
    now: { type: Number },
    copied: { state: true },
    hotpShown: { state: true },
    revealedUntil: { state: true },
    largeOpen: { state: true },
  };
  static override styles = [baseStyles, codeCardStyles];

  declare account: Account;
  declare now: number;
  declare copied: boolean;
  declare hotpShown: string;
  declare revealedUntil: number;
  declare largeOpen: boolean;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly prefs = new PreferencesController(this);

  constructor() {
    super();
    this.now = Date.now();
    this.copied = false;
    this.hotpShown = '';
    this.revealedUntil = 0;
    this.largeOpen = false;
    new LocaleController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.copiedTimer);
  }

  /** Hidden until tapped (preference); an HOTP code is only ever shown after "Generate". */
  private get codeHidden(): boolean {
    if (!this.prefs.value.hideCodes || this.account.type === 'hotp' || this.largeOpen) return false;
    return Math.max(this.now, Date.now()) >= this.revealedUntil;
  }

  private currentCode(): string {
    return this.account.type === 'hotp' ? this.hotpShown : generateCode(this.account, this.now);
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
    this.renderRoot.querySelector<HTMLButtonElement>('[data-testid="large-open"]')?.focus();
  }

  private emit(name: 'edit-account' | 'delete-account'): void {
    fire(this, name, { id: this.account.id });
  }

  private renderCountdown() {
    const state = totpState(this.account, this.now);
    const seconds = Math.ceil(state.remainingMs / 1000);
    const low = state.remainingMs < NEXT_CODE_THRESHOLD_MS;
    // With motion, aim at where the ring will be at the next repaint so the 1 s transition keeps
    // it on time; the first second of a period jumps (class "fresh") instead of sweeping back.
    const animate = !reducedMotion();
    const target = animate ? Math.max(0, state.remainingMs - 1000) : state.remainingMs;
    const fresh = state.periodMs - state.remainingMs < 1000;
    const offset = RING * (1 - target / state.periodMs);
    return html`<div class="ring ${low ? 'low' : ''} ${fresh ? 'fresh' : ''}" role="timer" data-testid="countdown" aria-label=${t('card.secondsLeft', { seconds })}>
      ${svg`<svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
        <circle class="track" cx="20" cy="20" r="16"></circle>
        <circle class="bar" cx="20" cy="20" r="16" stroke-dasharray=${RING} stroke-dashoffset=${offset}></circle>
      </svg>`}
      <span aria-hidden="true">${seconds}</span>
    </div>`;
  }

  private renderRecoveryWarning(a: Account) {
    if (a.recoveryCodes.length === 0) return nothing;
    const left = a.recoveryCodes.filter((c) => c.usedAt === 0).length;
    if (left > RECOVERY_WARN_AT) return nothing;
    const text = left === 0 ? t('card.recoveryNone') : left === 1 ? t('card.recoveryOne') : t('card.recoveryFew', { count: left });
    return html`<div class="recovery-low" data-testid="recovery-low">${warningIcon}<span>${text}</span></div>`;
  }

  private renderCode(a: Account, title: string) {
    const isHotp = a.type === 'hotp';
    if (this.codeHidden) {
      return html`<button class="code" data-testid="copy" aria-label=${t('card.revealCode', { title })} @click=${this.copy}>
        <span class="digits hidden" data-testid="code" aria-hidden="true">••• •••</span>
        <span class="next">${t('card.tapToShow')}</span>
      </button>`;
    }
    const code = this.currentCode();
    const showNext = !isHotp && totpState(a, this.now).remainingMs < NEXT_CODE_THRESHOLD_MS;
    const label = code ? t('card.copyCode', { title, digits: spaced(code) }) : t('card.copy', { title });
    return html`<button class="code" data-testid="copy" aria-label=${label} @click=${this.copy} ?disabled=${!code}>
      <span class="digits" data-testid="code">${code ? groupCode(code) : '––– –––'}</span>
      ${isHotp && !code ? html`<span class="next">${t('card.hotpHidden')}</span>` : nothing}
      ${showNext ? html`<span class="next" data-testid="next-code">${t('card.next', { code: groupCode(nextCode(a, this.now)) })}</span>` : nothing}
      ${this.copied ? html`<span class="copied" role="status">${t('card.copied')}</span>` : nothing}
    </button>`;
  }

  override render() {
    const a = this.account;
    const title = accountTitle(a) || t('card.noName');
    const isHotp = a.type === 'hotp';
    const code = this.codeHidden ? '' : this.currentCode();
    return html`<article data-testid="code-card">
      <div class="head">
        <omamori-account-icon .issuer=${a.issuer} .name=${a.name} .icon=${a.icon}></omamori-account-icon>
        <div class="names">
          <div class="issuer" data-testid="issuer">${a.issuer || a.name || t('card.noName')}</div>
          ${a.issuer && a.name ? html`<div class="name" data-testid="name">${a.name}</div>` : nothing}
          ${this.renderRecoveryWarning(a)}
        </div>
        <button class="icon-button favourite" data-testid="favourite" aria-pressed=${a.favourite ? 'true' : 'false'}
          aria-label=${t('card.favourite', { title })} @click=${this.toggleFavourite}>${starIcon(a.favourite)}</button>
        ${isHotp ? html`<button class="menu-button" data-testid="hotp-next" @click=${this.drawHotp}>${t('card.hotpNext')}</button>` : this.renderCountdown()}
      </div>
      ${this.renderCode(a, title)}
      <div class="tools">
        <button class="icon-button" data-testid="large-open" aria-label=${t('card.showLarge', { title })} aria-haspopup="dialog"
          ?disabled=${isHotp && !this.hotpShown} @click=${this.openLarge}>${expandIcon}</button>
        <button class="menu-button" data-testid="edit" aria-label=${`${t('card.edit')}: ${title}`} @click=${() => this.emit('edit-account')}>
          ${t('card.edit')}
        </button>
        <button class="menu-button danger" data-testid="delete" aria-label=${`${t('card.delete')}: ${title}`} @click=${() => this.emit('delete-account')}>
          ${t('card.delete')}
        </button>
      </div>
      ${
        this.largeOpen && code
          ? html`<omamori-large-code .account=${a} .code=${code} .now=${this.now} @large-code-closed=${this.onLargeClosed}></omamori-large-code>`
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
