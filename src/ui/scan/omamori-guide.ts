import { LitElement, css, html } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import type { MessageKey } from '../../messages/en';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';

const GOOGLE_STEPS: MessageKey[] = ['guide.google.1', 'guide.google.2', 'guide.google.3', 'guide.google.4', 'guide.google.5'];
const MICROSOFT_STEPS: MessageKey[] = ['guide.microsoft.1', 'guide.microsoft.2', 'guide.microsoft.3', 'guide.microsoft.4'];
/** KeePass / KeePassXC (#17): the database itself or KeePassXC's CSV export. */
const KEEPASS_STEPS: MessageKey[] = ['guide.keepass.1', 'guide.keepass.2', 'guide.keepass.3', 'guide.keepass.4'];

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
