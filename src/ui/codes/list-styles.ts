/** @file Styles of the code list: header, banners and empty states; the card grid. */
import { css } from 'lit';

export const listStyles = css`
  header {
    position: sticky;
    top: 0;
    z-index: 2;
    background: var(--om-bg);
    padding: 0.75rem 1rem 0.5rem;
    border-bottom: 1px solid var(--om-border);
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    max-width: 64rem;
    margin: 0 auto;
  }
  .bar h1 {
    flex: 1;
    margin: 0;
    font-size: 1.25rem;
  }
  .search {
    max-width: 64rem;
    margin: 0.5rem auto 0;
  }
  .center {
    justify-content: center;
  }
  .backup-banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: 1rem max(1rem, calc((100% - 62rem) / 2)) 0;
    padding: 0.5rem 1rem;
    border-radius: var(--om-radius);
    background: var(--om-accent-soft);
  }
  .backup-banner span {
    flex: 1 1 14rem;
  }
  .empty {
    text-align: center;
    max-width: 32rem;
    margin: 3rem auto;
    padding: 0 1rem;
  }
  .bar button {
    white-space: nowrap;
  }
  .icon {
    display: inline-flex;
    vertical-align: middle;
  }
  omamori-select-bar {
    padding: 0 1rem;
  }
  /* Phones: title with icon-only Settings/Lock on the first row, the two add actions below. */
  @media (max-width: 480px) {
    .bar {
      flex-wrap: wrap;
    }
    .bar .tool {
      padding: 0.5rem 0.7rem;
    }
    .bar .tool .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .bar .enrol {
      order: 2;
      flex: 1 1 40%;
      padding: 0.5rem 0.75rem;
    }
  }
  @media (min-width: 481px) {
    .bar .icon {
      display: none;
    }
  }
`;

export const gridStyles = css`
  :host {
    display: block;
    max-width: 64rem;
    margin: 0 auto;
    padding: 0.5rem 1rem 1rem;
  }
  .rows {
    display: block;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(var(--om-cols, 1), minmax(0, 1fr));
    gap: 0.75rem;
    padding-bottom: 0.75rem;
    width: 100%;
  }
  h2 {
    font-size: 1rem;
    margin: 0.5rem 0;
    color: var(--om-text-muted);
    width: 100%;
  }
  .cell {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
    border-radius: var(--om-radius);
  }
  .cell omamori-code-card {
    flex: 1;
    min-width: 0;
  }
  .cell.reorder {
    flex-wrap: wrap;
    cursor: grab;
  }
  .cell.over {
    outline: 3px dashed var(--om-accent);
    outline-offset: 2px;
  }
  .pick {
    display: flex;
    margin: 0;
  }
  .pick input {
    width: 1.5rem;
    height: 1.5rem;
  }
  .moves {
    display: flex;
    gap: 0.5rem;
    width: 100%;
  }
  .moves button {
    flex: 1;
    min-height: 44px;
  }
`;
