import { LitElement, css, html } from 'lit';
import { t } from '../../messages/translate';
import { fire, type OmamoriEvent } from '../shared/events';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/**
 * Above the codes of a vault in an iOS browser tab (omamori-app decides when): that vault is not
 * in the home-screen app and Safari may delete it, with the way to move it. Not dismissable: it
 * stays true until the vault is moved.
 */
export class OmamoriSafariTabLine extends LitElement {
  static override styles = [
    baseStyles,
    css`
      aside {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        max-width: 60rem;
        margin: 0 auto;
        padding: 0.75rem 1rem;
        background: var(--om-accent-soft);
        border-bottom: 1px solid var(--om-border);
      }
      p {
        margin: 0;
        flex: 1 1 16rem;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`<aside aria-label=${t('tabLine.label')} data-testid="safari-tab-line">
      <p>${t('tabLine.text')}</p>
      <button data-testid="move-to-app" @click=${() => fire(this, 'open-move')}>${t('tabLine.move')}</button>
    </aside>`;
  }
}

customElements.define('omamori-safari-tab-line', OmamoriSafariTabLine);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-safari-tab-line': OmamoriSafariTabLine;
  }
  interface HTMLElementEventMap {
    'open-move': OmamoriEvent;
  }
}
