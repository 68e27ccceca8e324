/** @file Styles shared by the account-details sections (notes, groups, recovery codes, icon). */
import { css } from 'lit';

export const detailsStyles = css`
  :host {
    display: block;
  }
  section.panel {
    margin-top: 1rem;
  }
  textarea {
    resize: vertical;
  }
  .mono {
    font-family: var(--om-mono);
    letter-spacing: 0.05em;
  }
  .warning {
    border-radius: 10px;
    border-left: 4px solid var(--om-danger);
    padding: 0.75rem;
    background: var(--om-accent-soft);
    margin: 0.75rem 0 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .row > input {
    flex: 1 1 12rem;
    width: auto;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    font-weight: normal;
    min-height: 44px;
    margin: 0.5rem 0 0;
    cursor: pointer;
  }
  .choice input {
    flex: none;
  }
`;
