/** @file Styles of the code list: header, banners and empty states; the card grid. */
import { css } from 'lit';

/*
 * Notes (kept out of the CSS text, which ships as written):
 * - The header earns its height: one line of title and actions, one of search and options, group chips (if any) in one horizontally scrolling line.
 * - The backup reminder is a one-line notice bar (shared/styles.ts, noticeBarStyles) with "hide for a day".
 */
export const listStyles = css`
  header {
    position: sticky;
    top: 0;
    z-index: 2;
    background: var(--om-bg);
    padding: 0.5rem 1rem;
    border-bottom: 1px solid var(--om-border);
  }
  .bar,
  .search {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    max-width: 64rem;
    margin: 0 auto;
  }
  .bar h1 {
    flex: 1;
    min-width: 0;
    margin: 0;
    font-size: 1.25rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .bar button {
    flex: none;
    white-space: nowrap;
  }
  .bar .add {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.5rem 0.9rem 0.5rem 0.7rem;
  }
  .bar .tool {
    display: inline-grid;
    place-items: center;
    min-width: 44px;
    padding: 0;
  }
  .search {
    flex-wrap: wrap;
    margin-top: 0.5rem;
  }
  .search input {
    flex: 1 1 0;
    min-width: 0;
  }
  .icon {
    display: inline-flex;
  }
  .center {
    justify-content: center;
  }
  .empty {
    text-align: center;
    max-width: 32rem;
    margin: 3rem auto;
    padding: 0 1rem;
  }
  omamori-select-bar {
    padding: 0 1rem;
  }
  @media (max-width: 360px) {
    header {
      padding-inline: 0.5rem;
    }
    .bar {
      gap: 0.25rem;
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
  @media (max-width: 360px) {
    :host {
      padding-inline: 0.5rem;
    }
  }
  .rows {
    display: block;
  }
  /* The plain first rows over the virtualizer until it has drawn its own (omamori-account-grid). */
  .stack {
    display: grid;
  }
  .stack > .rows {
    grid-area: 1 / 1;
    min-width: 0;
  }
  .stack > .rows.over {
    z-index: 1;
    align-self: start;
    background: var(--om-bg);
  }
  .row {
    display: grid;
    grid-template-columns: repeat(var(--om-cols, 1), minmax(0, 1fr));
    gap: 0.375rem 0.75rem;
    padding-bottom: 0.375rem;
    width: 100%;
  }
  .rows.compact .row {
    gap: 0.125rem 0.75rem;
    padding-bottom: 0.125rem;
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
