import { LitElement, css, html } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import './omamori-language-picker';
import './omamori-install-button';
import { fire, type OmamoriEvent } from '../shared/events';

/** The welcome screen: what Omamori is, in two sentences, and the way in. */
export class OmamoriFirstRun extends LitElement {
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

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`<main class="page">
      <div class="hero">
        <img src="/icons/icon-192.png" alt="" width="96" height="96" />
        <h1>${t('app.name')}</h1>
        <p class="muted">${t('app.tagline')}</p>
      </div>
      <section class="panel">
        <p>${t('firstRun.intro1')}</p>
        <p>${t('firstRun.intro2')}</p>
        <div class="actions">
          <button class="primary" data-testid="start-create" @click=${() => fire(this, 'start-create')}>
            ${t('firstRun.create')}
          </button>
          <button data-testid="start-restore" @click=${() => fire(this, 'start-restore')}>
            ${t('firstRun.restore')}
          </button>
        </div>
        <omamori-install-button></omamori-install-button>
      </section>
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
  }
}
