import { LitElement, css, html, nothing } from 'lit';
import { t } from '../../messages/translate';
import '../account-icon/omamori-account-icon';
import { fire, type OmamoriEvent } from '../shared/events';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { matchesApp, type GuideApp } from './import-guide';

/** "Which app are your accounts in?": a search box over a grid of the apps Omamori reads. */
export class OmamoriImportAppPicker extends LitElement {
  static override properties = { apps: { attribute: false }, query: { state: true } };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.125rem;
        margin: 1rem 0 0.5rem;
      }
      ul {
        list-style: none;
        margin: 0.75rem 0 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(9.5rem, 100%), 1fr));
        gap: 0.5rem;
      }
      button.app {
        width: 100%;
        height: 100%;
        display: flex;
        align-items: center;
        gap: 0.5rem;
        border-radius: 12px;
        padding: 0.5rem 0.75rem;
        text-align: start;
        --om-icon-size: 28px;
      }
      .name {
        min-width: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare apps: GuideApp[];
  declare query: string;

  constructor() {
    super();
    this.apps = [];
    this.query = '';
    new LocaleController(this);
  }

  override render() {
    const shown = this.apps.filter((app) => matchesApp(app, this.query));
    return html`<h2 id="which-app">${t('importGuide.question')}</h2>
      <label class="visually-hidden" for="app-search">${t('importGuide.search')}</label>
      <input id="app-search" type="search" data-testid="import-app-search" placeholder=${t('importGuide.search')} autocomplete="off"
        .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      ${shown.length === 0 ? html`<p class="hint" role="status" data-testid="import-app-none">${t('importGuide.noMatch')}</p>` : nothing}
      <ul aria-labelledby="which-app" data-testid="import-apps">
        ${shown.map(
          (app) => html`<li>
            <button class="app" data-testid="import-app" @click=${() => fire(this, 'import-app-chosen', { name: app.name })}>
              <omamori-account-icon .issuer=${app.name}></omamori-account-icon><span class="name">${app.name}</span>
            </button>
          </li>`,
        )}
      </ul>`;
  }
}

customElements.define('omamori-import-app-picker', OmamoriImportAppPicker);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-import-app-picker': OmamoriImportAppPicker;
  }
  interface HTMLElementEventMap {
    'import-app-chosen': OmamoriEvent<{ name: string }>;
  }
}
