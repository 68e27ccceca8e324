/** @file Styles of <omamori-code-card>, one list row (kept apart so the element stays readable). */
import { css } from 'lit';

/*
 * Notes (kept out of the CSS text, which ships as written):
 * - One row: [icon names … code] [countdown] [⋮]. Every part but the names has a fixed size, so the row keeps its layout whatever the icon's loading state or the name's length.
 * - Two lines: the names, then the code with the "Next:" line beside it.
 * - The service keeps most of the line; the account name gets what is left (at least a little).
 * - Beside the code, on the code's line: whatever it says, no row moves (#18: "Next:" must not make the rows jump).
 * - The countdown ring has its own element and styles (omamori-countdown.ts).
 * - Compact density (Settings → Appearance): the same two lines, smaller.
 */
export const codeCardStyles = css`
  :host {
    display: block;
  }
  article {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    min-height: 64px;
    padding: 0.375rem 0.25rem 0.375rem 0.75rem;
    background: var(--om-surface);
    border: 1px solid var(--om-border);
    border-radius: var(--om-radius);
    cursor: pointer;
    -webkit-touch-callout: none;
    user-select: none;
  }
  .main {
    display: flex;
    flex: 1;
    min-width: 0;
    align-items: center;
    gap: 0.75rem;
    min-height: 48px;
    padding: 0;
    border: none;
    border-radius: 8px;
    background: none;
    text-align: start;
    font-weight: 400;
  }
  .main:disabled {
    cursor: default;
    opacity: 1;
  }
  omamori-account-icon {
    flex: none;
  }
  .text {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-width: 0;
  }
  .names {
    display: flex;
    align-items: baseline;
    gap: 0.4rem;
    min-width: 0;
    line-height: 1.3;
  }
  .issuer,
  .name {
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .issuer {
    flex: 0 1 auto;
    max-width: 75%;
    font-weight: 700;
  }
  .name {
    flex: 1 1 0;
    color: var(--om-text-muted);
    font-size: 0.875rem;
  }
  .issuer:only-child {
    max-width: 100%;
  }
  .recovery-low {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    max-width: 100%;
    overflow: hidden;
    white-space: nowrap;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--om-danger);
  }
  .code {
    display: flex;
    align-items: baseline;
    gap: 0.75rem;
    min-width: 0;
  }
  .digits {
    flex: none;
    font-family: var(--om-mono);
    font-size: 1.6rem;
    line-height: 1.2;
    font-weight: 600;
    letter-spacing: 0.03em;
    color: var(--om-accent);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .digits.hidden {
    letter-spacing: 0.12em;
    color: var(--om-text-muted);
  }
  .sub {
    flex: 1 1 0;
    min-width: 0;
    font-size: 0.8rem;
    color: var(--om-text-muted);
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .sub.copied {
    color: var(--om-ok);
    font-weight: 600;
  }
  .icon-button {
    flex: none;
    display: inline-grid;
    place-items: center;
    min-height: 44px;
    min-width: 44px;
    padding: 0;
    border-color: transparent;
    background: none;
  }
  .more {
    color: var(--om-text-muted);
  }
  article.compact {
    min-height: 46px;
    padding-block: 0;
    --om-icon-size: 30px;
  }
  article.compact .main {
    min-height: 44px;
  }
  article.compact .names {
    font-size: 0.9rem;
    line-height: 1.15;
  }
  article.compact .digits {
    font-size: 1.3rem;
  }
  @media (max-width: 360px) {
    article {
      padding-inline-start: 0.5rem;
      gap: 0;
    }
    .main {
      gap: 0.5rem;
    }
    .icon-button {
      min-width: 40px;
    }
  }
`;
