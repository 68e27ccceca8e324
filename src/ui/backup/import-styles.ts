import { css } from 'lit';

/** The import guide's steps, its file button (a real file input under a button-like label) and the preview's account rows. */
export const importStyles = css`
  .steps {
    padding-left: 1.25rem;
    line-height: 1.5;
  }
  .file {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .file p {
    margin: 0;
    flex: 1 1 12rem;
  }
  /* The real file input stays (keyboard, screen readers); the label is what it looks like. */
  label.button {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    margin: 0;
    padding: 0.5rem 1rem;
    border-radius: 999px;
    background: var(--om-accent);
    color: var(--om-accent-text);
    cursor: pointer;
  }
  input[type='file']:focus-visible + label.button {
    outline: var(--om-focus-ring);
    outline-offset: 2px;
  }
  input[type='file']:disabled + label.button {
    opacity: 0.6;
    cursor: progress;
  }
  ul.accounts {
    list-style: none;
    padding: 0;
  }
  ul.accounts li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.375rem 0;
    border-top: 1px solid var(--om-border);
    min-width: 0;
    --om-icon-size: 28px;
  }
  ul.accounts .who {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  ul.accounts .why {
    display: block;
    font-size: 0.875rem;
    color: var(--om-danger);
  }
`;
