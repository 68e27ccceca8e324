import { LitElement, css, html, nothing } from 'lit';
import { LICENCES, OWN_LICENCE, type LicenceEntry } from './licences';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles, pageTopStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';

declare const __APP_VERSION__: string;

/**
 * The about page (opened from settings, loaded with its licence texts only then): name, version,
 * what Omamori is, its own licence and the licences of every bundled package and the icon set.
 */
export class OmamoriAbout extends LitElement {
  static override styles = [
    baseStyles,
    pageTopStyles,
    css`
      h1:focus {
        outline: none;
      }
      section {
        margin-top: 1rem;
      }
      .name {
        font-size: 1.25rem;
        font-weight: 700;
        margin-bottom: 0.25rem;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0.75rem 0 0;
      }
      li + li {
        border-top: 1px solid var(--om-border);
      }
      summary {
        cursor: pointer;
        padding: 0.75rem 0.25rem;
        overflow-wrap: anywhere;
      }
      .spdx {
        color: var(--om-text-muted);
      }
      pre {
        font-family: var(--om-mono);
        font-size: 0.8rem;
        line-height: 1.45;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        background: var(--om-surface-2);
        color: var(--om-text);
        border-radius: 10px;
        padding: 0.75rem;
        margin: 0 0 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Moves focus to the page title, so a screen reader announces the new page. */
  focusTitle(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private close(): void {
    fire(this, 'about-closed');
  }

  private entry(e: LicenceEntry) {
    return html`<li>
      <details data-testid="licence" data-package=${e.name}>
        <summary>
          <span class="pkg">${e.name}</span> <span class="spdx">${e.version} · ${e.license}</span>
        </summary>
        ${e.icons ? html`<p class="hint">${t('about.iconsNote')}</p>` : nothing}
        <pre>${e.text}</pre>
      </details>
    </li>`;
  }

  override render() {
    return html`<main class="page" data-testid="about">
      <div class="top">
        <button data-testid="about-back" @click=${this.close}>← ${t('about.back')}</button>
        <h1 tabindex="-1">${t('about.title')}</h1>
      </div>
      <section class="panel" aria-labelledby="about-app-h">
        <h2 id="about-app-h" class="name">${t('app.name')}</h2>
        <p data-testid="about-version">${t('settings.version', { version: __APP_VERSION__ })}</p>
        <p>${t('about.description')}</p>
        <p class="muted">${t('settings.aboutBody')}</p>
        <details data-testid="own-licence">
          <summary>${t('about.ownLicence')} <span class="spdx">· ${OWN_LICENCE.license}</span></summary>
          <pre>${OWN_LICENCE.text}</pre>
        </details>
      </section>
      <section class="panel" aria-labelledby="about-libs-h">
        <h2 id="about-libs-h">${t('about.libraries')}</h2>
        <p class="muted">${t('about.librariesLead')}</p>
        <ul data-testid="licence-list">
          ${LICENCES.map((e) => this.entry(e))}
        </ul>
      </section>
    </main>`;
  }
}

customElements.define('omamori-about', OmamoriAbout);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-about': OmamoriAbout;
  }
  interface HTMLElementEventMap {
    'about-closed': OmamoriEvent;
  }
}
