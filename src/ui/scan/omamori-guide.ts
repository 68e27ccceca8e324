import { LitElement, css, html } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import type { MessageKey } from '../../messages/en';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';
import { PASSWORD_MANAGER_GUIDES } from './guide-sources';
import { APP_DATA_GUIDES } from './app-data-guides';

const GOOGLE_STEPS: MessageKey[] = ['guide.google.1', 'guide.google.2', 'guide.google.3', 'guide.google.4', 'guide.google.5'];
const MICROSOFT_STEPS: MessageKey[] = ['guide.microsoft.1', 'guide.microsoft.2', 'guide.microsoft.3', 'guide.microsoft.4'];
/** KeePass / KeePassXC (#17): the database itself or KeePassXC's CSV export. */
const KEEPASS_STEPS: MessageKey[] = ['guide.keepass.1', 'guide.keepass.2', 'guide.keepass.3', 'guide.keepass.4'];

/**
 * Short how-tos for the two apps most users arrive from, then the password managers
 * (guide-sources.ts) and where the apps without an export keep their file (app-data-guides.ts).
 */
/** Short how-tos for the apps most users arrive from, and for KeePass. */
export class OmamoriGuide extends LitElement {
  static override styles = [
    baseStyles,
    css`
      h1,
      section {
        margin-top: 1rem;
      }
      ol {
        padding-left: 1.5rem;
        line-height: 1.5;
      }
      li {
        margin: 0.4rem 0;
      }
      dt {
        font-weight: 600;
        margin-top: 0.8rem;
      }
      dd {
        margin: 0.2rem 0 0;
      }
      code {
        overflow-wrap: anywhere;
        font-size: 0.85em;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`<main class="page">
      <button data-testid="guide-back" @click=${() => fire(this, 'guide-closed')}>
        ← ${t('settings.back')}
      </button>
      <h1>${t('guide.link')}</h1>
      <section class="panel" aria-labelledby="g-import">
        <h2 id="g-import">${t('import.title')}</h2>
        <p>${t('guide.importLead')}</p>
        <button class="primary" data-testid="guide-import" @click=${() => fire(this, 'open-import')}>
          ${t('import.title')}
        </button>
      </section>
      <section class="panel" aria-labelledby="g-google" data-testid="guide-google">
        <h2 id="g-google">${t('guide.google.title')}</h2>
        <ol>
          ${GOOGLE_STEPS.map((key) => html`<li>${t(key)}</li>`)}
        </ol>
      </section>
      <section class="panel" aria-labelledby="g-microsoft" data-testid="guide-microsoft">
        <h2 id="g-microsoft">${t('guide.microsoft.title')}</h2>
        <p>${t('guide.microsoft.lead')}</p>
        <ol>
          ${MICROSOFT_STEPS.map((key) => html`<li>${t(key)}</li>`)}
        </ol>
      </section>
      ${PASSWORD_MANAGER_GUIDES.map(
        (g) => html`<section class="panel" aria-labelledby="g-${g.id}" data-testid="guide-${g.id}">
          <h2 id="g-${g.id}">${t(g.title)}</h2>
          ${g.lead === undefined ? '' : html`<p>${t(g.lead)}</p>`}
          <ol>
            ${g.steps.map((key) => html`<li>${t(key)}</li>`)}
          </ol>
        </section>`,
      )}
      <section class="panel" aria-labelledby="g-app-data" data-testid="guide-app-data">
        <h2 id="g-app-data">${t('guide.appData.title')}</h2>
        <p>${t('guide.appData.lead')}</p>
        <dl>
          ${APP_DATA_GUIDES.map(
            (g) => html`<dt>${g.app}</dt>
              <dd><code>${g.path}</code></dd>
              <dd>${t(g.note)}</dd>`,
          )}
        </dl>
      <section class="panel" aria-labelledby="g-keepass" data-testid="guide-keepass">
        <h2 id="g-keepass">${t('guide.keepass.title')}</h2>
        <p>${t('guide.keepass.lead')}</p>
        <ol>
          ${KEEPASS_STEPS.map((key) => html`<li>${t(key)}</li>`)}
        </ol>
      </section>
    </main>`;
  }
}

customElements.define('omamori-guide', OmamoriGuide);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-guide': OmamoriGuide;
  }
  interface HTMLElementEventMap {
    'guide-closed': OmamoriEvent;
    'open-import': OmamoriEvent;
  }
}
