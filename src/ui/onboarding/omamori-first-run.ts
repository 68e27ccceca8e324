import { LitElement, css, html } from 'lit';
import { InstallController } from '../shared/install-controller';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import './omamori-language-picker';
import './omamori-install-button';
import './omamori-install-guide';
import { fire, type OmamoriEvent } from '../shared/events';

/**
 * The welcome screen: what Omamori is, in two sentences, and the way in. In an iPhone or iPad
 * browser tab the way in starts with adding Omamori to the home screen, before any vault exists:
 * the home-screen app has storage of its own and would open empty.
 */
export class OmamoriFirstRun extends LitElement {
  static override properties = { inBrowser: { state: true } };
  static override styles = [
    baseStyles,
    css`
      .hero {
        text-align: center;
        padding: 2rem 1rem 1rem;
      }
      .hero img {
        width: 96px;
        height: 96px;
        border-radius: 24px;
      }
      .hero h1 {
        font-size: 2rem;
        margin-top: 1rem;
      }
      .actions {
        justify-content: center;
      }
      omamori-language-picker {
        display: block;
        margin-top: 2rem;
      }
      omamori-install-button {
        display: block;
        margin-top: 1rem;
        text-align: center;
      }
    `,
  ];

  /** "Continue in the browser anyway" was chosen on iOS (for this visit of the screen only). */
  declare inBrowser: boolean;
  private readonly install = new InstallController(this);

  constructor() {
    super();
    this.inBrowser = false;
    new LocaleController(this);
  }

  private renderIosGuide() {
    return html`<section class="panel" aria-labelledby="ios-install-h" data-testid="ios-install">
      <h2 id="ios-install-h">${t('installGuide.title')}</h2>
      <omamori-install-guide></omamori-install-guide>
      <div class="actions">
        <button data-testid="continue-in-browser" @click=${() => (this.inBrowser = true)}>${t('installGuide.continue')}</button>
      </div>
      <p class="hint">${t('installGuide.continueHint')}</p>
    </section>`;
  }

  override render() {
    const { ios, standalone } = this.install.value;
    const guide = ios && !standalone && !this.inBrowser;
    return html`<main class="page">
      <div class="hero">
        <img src="/icons/icon-192.png" alt="" width="96" height="96" />
        <h1>${t('app.name')}</h1>
        <p class="muted">${t('app.tagline')}</p>
      </div>
      ${
        guide
          ? this.renderIosGuide()
          : html`<section class="panel">
        <p>${t('firstRun.intro1')}</p>
        <p>${t('firstRun.intro2')}</p>
        <div class="actions">
          <button class="primary" data-testid="start-create" @click=${() => fire(this, 'start-create')}>
            ${t('firstRun.create')}
          </button>
          <button data-testid="start-restore" @click=${() => fire(this, 'start-restore')}>
            ${t('firstRun.restore')}
          </button>
          <button data-testid="start-phone-move" @click=${() => fire(this, 'start-phone-move')}>${t('firstRun.phoneMove')}</button>
        </div>
        <omamori-install-button></omamori-install-button>
      </section>`
      }
      <omamori-language-picker></omamori-language-picker>
    </main>`;
  }
}

customElements.define('omamori-first-run', OmamoriFirstRun);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-first-run': OmamoriFirstRun;
  }
  interface HTMLElementEventMap {
    'start-create': OmamoriEvent;
    'start-restore': OmamoriEvent;
    'start-phone-move': OmamoriEvent;
  }
}
