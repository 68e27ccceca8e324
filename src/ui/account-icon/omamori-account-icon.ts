import { LitElement, css, html, svg, unsafeCSS } from 'lit';
import { brandFor, brandsLoaded, whenBrandsLoaded } from './brand-icons/loader';
import { BADGE_PALETTE, badgeColourIndex, badgeLetter } from './letter-badge';

const CUSTOM_ICON = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/;

/** One CSS class per badge colour: colours come from classes, never from style attributes (CSP). */
const paletteRules = unsafeCSS(BADGE_PALETTE.map((colour, i) => `.c${i} { background: ${colour}; }`).join('\n'));

/**
 * An account's icon: its custom image, else the bundled brand icon matched by issuer (once the
 * lazy chunk is in), else a letter badge. Decorative: the issuer is written next to it.
 */
export class OmamoriAccountIcon extends LitElement {
  static override properties = {
    issuer: {},
    name: {},
    icon: {},
  };
  static override styles = [
    css`
      :host {
        display: inline-block;
        flex: none;
        width: var(--om-icon-size, 40px);
        height: var(--om-icon-size, 40px);
      }
      .badge,
      img,
      svg {
        display: block;
        width: 100%;
        height: 100%;
        border-radius: 25%;
      }
      .badge {
        display: grid;
        place-items: center;
        color: #ffffff;
        font-weight: 700;
        font-size: calc(var(--om-icon-size, 40px) * 0.5);
        line-height: 1;
        overflow: hidden;
      }
      img {
        object-fit: cover;
        background: var(--om-surface-2);
      }
      svg {
        outline: 1px solid var(--om-border);
        outline-offset: -1px;
      }
    `,
    css`
      ${paletteRules}
    `,
  ];

  declare issuer: string;
  declare name: string;
  /** '' automatic, 'letter', or a data:image URL (see AccountExtras.icon). */
  declare icon: string;

  constructor() {
    super();
    this.issuer = '';
    this.name = '';
    this.icon = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('aria-hidden')) this.setAttribute('aria-hidden', 'true');
    if (!brandsLoaded()) void whenBrandsLoaded().then(() => this.requestUpdate());
  }

  override render() {
    const label = this.issuer || this.name;
    if (CUSTOM_ICON.test(this.icon)) {
      return html`<img data-testid="icon-custom" src=${this.icon} alt="" width="40" height="40" />`;
    }
    const brand = this.icon === 'letter' ? undefined : brandFor(this.issuer);
    if (brand) {
      const bg = `#${brand.hex}`;
      return html`<svg data-testid="icon-brand" data-brand=${brand.slug} viewBox="0 0 24 24" focusable="false" aria-hidden="true">
        ${svg`<rect width="24" height="24" fill=${bg}></rect><path transform="translate(4.8 4.8) scale(0.6)" fill=${brand.ink} d=${brand.path}></path>`}
      </svg>`;
    }
    return html`<span data-testid="icon-letter" class="badge c${badgeColourIndex(label)}">${badgeLetter(label)}</span>`;
  }
}

customElements.define('omamori-account-icon', OmamoriAccountIcon);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-account-icon': OmamoriAccountIcon;
  }
}
