import { LitElement, css, html, svg } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';

/*
 * Drawn here, not screenshots: Apple's UI changes between iOS versions and is not ours to copy.
 * Outlines in the text colour, so both themes and forced colours keep them visible.
 */
const frame = (body: unknown) =>
  svg`<svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

/** Safari's Share button: a tray with an arrow leaving it upwards. */
const shareIcon = frame(svg`<path d="M8.5 9H7a1.5 1.5 0 0 0-1.5 1.5v9A1.5 1.5 0 0 0 7 21h10a1.5 1.5 0 0 0 1.5-1.5v-9A1.5 1.5 0 0 0 17 9h-1.5" />
  <path d="M12 14.5V3M8.5 6.5 12 3l3.5 3.5" />`);

/** The "Add to Home Screen" menu item's symbol: a rounded square with a plus. */
const addIcon = frame(svg`<rect x="4" y="4" width="16" height="16" rx="4" /><path d="M12 8.5v7M8.5 12h7" />`);

/** A phone's home screen with the new app among the others. */
const homeIcon = frame(svg`<rect x="5.5" y="2" width="13" height="20" rx="2.5" />
  <rect x="8" y="5" width="3" height="3" rx="0.8" /><rect x="13" y="5" width="3" height="3" rx="0.8" />
  <rect x="8" y="10" width="3" height="3" rx="0.8" /><rect x="13" y="10" width="3" height="3" rx="0.8" fill="currentColor" />`);

/**
 * How to add Omamori to the home screen on iPhone and iPad, and why before creating a vault:
 * the home-screen app has storage of its own. Used by the first-run screen, Settings → Install
 * on this device and the move from a Safari tab; the host gives the heading.
 */
export class OmamoriInstallGuide extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 1rem 0 0;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      li {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: 0.75rem;
        align-items: start;
      }
      .icon {
        display: grid;
        place-items: center;
        width: 3.25rem;
        height: 3.25rem;
        border-radius: 12px;
        background: var(--om-surface-2);
        color: var(--om-accent);
      }
      .step {
        font-weight: 600;
        display: block;
      }
      li p {
        margin: 0;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const steps = [
      [shareIcon, t('installGuide.step1')],
      [addIcon, t('installGuide.step2')],
      [homeIcon, t('installGuide.step3')],
    ] as const;
    return html`<p data-testid="install-guide-why">${t('installGuide.why')}</p>
      <ol data-testid="install-guide">
        ${steps.map(
          ([icon, text], i) => html`<li>
            <span class="icon">${icon}</span>
            <p><span class="step">${t('installGuide.stepLabel', { n: i + 1 })}</span>${text}</p>
          </li>`,
        )}
      </ol>`;
  }
}

customElements.define('omamori-install-guide', OmamoriInstallGuide);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-install-guide': OmamoriInstallGuide;
  }
}
