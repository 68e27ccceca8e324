/**
 * @file The printed pages of QR codes (the paper backup, omamori-paper-print.ts, and the
 * unencrypted sheet, omamori-plain-print.ts): black on white paper whatever the screen theme, on
 * the page only while printing, two columns of codes of the side each view sets (`--code-side`,
 * `--code-gap`), a code never split across pages.
 */
import { css } from 'lit';

export const codeSheetStyles = css`
  :host {
    display: none;
    color: #000;
    background: #fff;
    font: 10pt/1.35 system-ui, sans-serif;
  }
  @media print {
    :host {
      display: block;
    }
  }
  .page {
    break-after: page;
    padding: 0 0.5rem;
  }
  .page:last-child {
    break-after: auto;
  }
  h1 {
    font-size: 14pt;
    margin: 0 0 0.15rem;
  }
  p {
    margin: 0 0 0.25rem;
  }
  .other {
    color: #333;
    font-size: 8.5pt;
  }
  .codes {
    display: grid;
    grid-template-columns: repeat(2, var(--code-side));
    gap: var(--code-gap);
    justify-content: center;
    margin-top: 0.3cm;
  }
  figure {
    margin: 0;
    break-inside: avoid;
    text-align: center;
  }
  svg {
    display: block;
    width: var(--code-side);
    height: var(--code-side);
  }
  figcaption {
    font-size: 9pt;
    overflow-wrap: anywhere;
  }
`;
