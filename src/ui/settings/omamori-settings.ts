import { LitElement, css, html } from 'lit';
import { t, type MessageKey } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { baseStyles, pageTopStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import './omamori-appearance-settings';
import './omamori-clock-settings';
import './omamori-autolock-settings';
import '../backup/omamori-backup-settings';
import '../recovery/omamori-recovery-kit-settings';
import '../recovery/omamori-ready-panel';
import '../backup/omamori-other-apps-settings';
import '../onboarding/omamori-language-picker';
import './omamori-passkey-settings';
import './omamori-recently-deleted';
import './omamori-install-settings';
import './omamori-security-settings';
import './omamori-storage-settings';
import '../backup/omamori-google-export';
import { fire, type OmamoriEvent } from '../shared/events';

declare const __APP_VERSION__: string;

/** Wide enough for the index as a side column. */
const WIDE = '(min-width: 62rem)';

type Group = 'security' | 'backup' | 'appearance' | 'language' | 'about';
const GROUPS: readonly [Group, MessageKey][] = [
  ['security', 'settings.group.security'],
  ['backup', 'settings.group.backup'],
  ['appearance', 'settings.group.appearance'],
  ['language', 'language.label'],
  ['about', 'settings.about'],
];

/**
 * Settings in groups — security, backup, appearance, language, about — with an index of the
 * groups (a side column on wide screens). The about page, with its licence texts, opens in place
 * and loads only then.
 */
export class OmamoriSettings extends LitElement {
  static override properties = { about: { state: true } };
  static override styles = [
    baseStyles,
    pageTopStyles,
    css`
      .index ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.5rem;
        list-style: none;
        margin: 1rem 0 0;
        padding: 0;
      }
      .index a {
        display: inline-block;
        padding: 0.5rem 0.75rem;
        border-radius: 999px;
        color: var(--om-text);
        text-underline-offset: 3px;
      }
      .group {
        margin-top: 1.75rem;
        scroll-margin-top: 1rem;
      }
      .group > h2:focus {
        outline: none;
      }
      /* Each section element draws its own panel: space them from here. */
      .group > :not(h2) {
        display: block;
        margin-top: 0.75rem;
      }
      /* The side column: [wide] is set from WIDE (see wideChanged), not by an @media rule here. */
      :host([wide]) .page.wide {
        max-width: 60rem;
      }
      :host([wide]) .layout {
        display: grid;
        grid-template-columns: 12rem minmax(0, 1fr);
        gap: 2rem;
        align-items: start;
      }
      :host([wide]) .index {
        position: sticky;
        top: 1rem;
        margin-top: 1.75rem;
      }
      :host([wide]) .index ul {
        flex-direction: column;
        margin: 0;
      }
    `,
  ];

  declare about: boolean;

  /**
   * WebKit (WebKitGTK 2.50, seen by e2e-engines journey 6) kept this element's @media rule as it
   * matched when Settings was first drawn: after the window narrowed (an iPad rotated or put in
   * Split View), a re-opened Settings kept the side column and scrolled sideways. A media query
   * list read on connect and on each change does not go stale.
   */
  private readonly wide = typeof matchMedia === 'function' ? matchMedia(WIDE) : undefined;
  private readonly wideChanged = (): void => {
    this.toggleAttribute('wide', this.wide?.matches === true);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.wideChanged();
    this.wide?.addEventListener('change', this.wideChanged);
  }

  override disconnectedCallback(): void {
    this.wide?.removeEventListener('change', this.wideChanged);
    super.disconnectedCallback();
  }

  constructor() {
    super();
    this.about = false;
    new LocaleController(this);
    this.addEventListener('about-closed', () => void this.closeAbout());
  }

  private jump(event: Event, group: Group): void {
    // In-page fragments do not reach into shadow roots: scroll and move focus by hand.
    event.preventDefault();
    const heading = this.renderRoot.querySelector<HTMLElement>(`#group-${group}-h`);
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    heading?.closest('section')?.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' });
    heading?.focus({ preventScroll: true });
  }

  private async openAbout(): Promise<void> {
    try {
      await import('../about/omamori-about');
    } catch (err) {
      showToast({ message: presentError(err) });
      return;
    }
    this.about = true;
    await this.updateComplete;
    const page = this.renderRoot.querySelector('omamori-about');
    await page?.updateComplete;
    page?.focusTitle();
    scrollTo(0, 0);
  }

  private async closeAbout(): Promise<void> {
    this.about = false;
    await this.updateComplete;
    const button = this.renderRoot.querySelector<HTMLElement>('[data-testid="open-about"]');
    button?.scrollIntoView({ block: 'center' });
    button?.focus();
  }

  private group(id: Group, label: MessageKey, body: unknown) {
    return html`<section class="group" id=${`group-${id}`} aria-labelledby=${`group-${id}-h`}>
      <h2 id=${`group-${id}-h`} tabindex="-1">${t(label)}</h2>
      ${body}
    </section>`;
  }

  override render() {
    if (this.about) return html`<omamori-about></omamori-about>`;
    const [security, backup, appearance, language, about] = GROUPS;
    return html`<main class="page wide" data-testid="settings-page">
      <div class="top">
        <button data-testid="settings-back" @click=${() => fire(this, 'settings-closed')}>
          ← ${t('settings.back')}
        </button>
        <h1>${t('settings.title')}</h1>
      </div>
      <div class="layout">
        <nav class="index" aria-label=${t('settings.index')}>
          <ul>
            ${GROUPS.map(([id, label]) => html`<li><a href=${`#group-${id}`} data-testid=${`index-${id}`} @click=${(e: Event) => this.jump(e, id)}>${t(label)}</a></li>`)}
          </ul>
        </nav>
        <div>
          ${this.group(
            ...security!,
            html`<omamori-security-settings></omamori-security-settings>
            <omamori-passkey-settings></omamori-passkey-settings>
            <omamori-autolock-settings></omamori-autolock-settings>`,
          )}
          ${this.group(
            ...backup!,
            html`<omamori-ready-panel></omamori-ready-panel>
            <omamori-backup-settings></omamori-backup-settings>
            <omamori-recovery-kit-settings></omamori-recovery-kit-settings>
            <omamori-google-export></omamori-google-export>
            <omamori-other-apps-settings></omamori-other-apps-settings>
            <omamori-recently-deleted></omamori-recently-deleted>
            <omamori-install-settings></omamori-install-settings>
            <omamori-storage-settings></omamori-storage-settings>`,
          )}
          ${this.group(
            ...appearance!,
            html`<omamori-appearance-settings></omamori-appearance-settings>
            <omamori-clock-settings></omamori-clock-settings>`,
          )}
          ${this.group(...language!, html`<div class="panel"><omamori-language-picker></omamori-language-picker></div>`)}
          ${this.group(
            ...about!,
            html`<div class="panel">
            <p data-testid="version">${t('settings.version', { version: __APP_VERSION__ })}</p>
            <p class="muted">${t('settings.aboutBody')}</p>
            <button data-testid="open-about" @click=${() => void this.openAbout()}>${t('settings.openAbout')}</button>
          </div>`,
          )}
        </div>
      </div>
    </main>`;
  }
}

customElements.define('omamori-settings', OmamoriSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-settings': OmamoriSettings;
  }
  interface HTMLElementEventMap {
    'settings-closed': OmamoriEvent;
  }
}
