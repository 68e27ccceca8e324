/**
 * @file Draws a QR code as inline SVG: `<omamori-qr .text=… label=…>`. The encoder (`qrcode`)
 * is imported on first use so it stays out of the start-up bundle; the drawing is one `<path>`
 * (qr-path.ts) with attributes only — no style attributes (CSP), no canvas, no data: URL.
 * Black on white with the 4-module quiet zone, whatever the theme; the SVG scales to its box.
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import { qrPathData, qrViewSize, type QrMatrix } from '../../core/qr-path';

/**
 * Encodes `text` (error correction M by default; the animated code of a move between phones uses
 * L, for fewer, larger modules). Loads the encoder on first call.
 */
export async function createQrMatrix(text: string, level: 'L' | 'M' = 'M'): Promise<QrMatrix> {
  const mod = await import('qrcode');
  const create = (mod.default ?? mod).create;
  const { modules } = create(text, { errorCorrectionLevel: level });
  return { size: modules.size, data: modules.data };
}

/** The `<svg>` for a matrix: white background, dark modules as one path; toasts keep clear of it. */
export function renderQrSvg(matrix: QrMatrix, label: string) {
  const view = qrViewSize(matrix);
  // data-toast-avoid: a toast never sits over a QR code (ui/shared/toast-layout.ts).
  return html`<svg class="qr" data-toast-avoid viewBox=${`0 0 ${view} ${view}`} role="img" aria-label=${label} shape-rendering="crispEdges"
    xmlns="http://www.w3.org/2000/svg">
    ${svg`<rect width=${view} height=${view} fill="#ffffff" /><path d=${qrPathData(matrix)} fill="#000000" />`}
  </svg>`;
}

export class OmamoriQr extends LitElement {
  static override properties = { text: { attribute: false }, label: {}, matrix: { state: true } };
  static override styles = css`
    :host {
      display: block;
      width: 100%;
      max-width: 90vmin;
      margin-inline: auto;
    }
    .qr {
      display: block;
      width: 100%;
      height: auto;
      aspect-ratio: 1;
      background: #ffffff;
    }
  `;

  /** What the code holds. Secret material: never logged, dropped with the element. */
  declare text: string;
  declare label: string;
  declare matrix: QrMatrix | undefined;
  #request = 0;

  constructor() {
    super();
    this.text = '';
    this.label = '';
    this.matrix = undefined;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('text')) return;
    this.matrix = undefined;
    const request = ++this.#request;
    if (this.text === '') return;
    void createQrMatrix(this.text).then((matrix) => {
      if (request === this.#request) this.matrix = matrix;
    });
  }

  override render() {
    return this.matrix ? renderQrSvg(this.matrix, this.label) : nothing;
  }
}

customElements.define('omamori-qr', OmamoriQr);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-qr': OmamoriQr;
  }
}
