import { css } from 'lit';

/** A file picker that also takes a dropped file, and the account lists of its preview. */
export const fileDropStyles = css`
  .drop {
    border: 2px dashed var(--om-border);
    border-radius: 12px;
    padding: 1rem;
    margin-top: 0.75rem;
  }
  .drop.over {
    border-color: var(--om-accent);
  }
  ul {
    margin: 0.25rem 0 0.75rem;
    padding-left: 1.25rem;
  }
`;
