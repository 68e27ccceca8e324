import { css } from 'lit';

export const formStyles = css`
  .modes {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
    margin-bottom: 0.5rem;
  }
  .mode {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--om-border);
    border-radius: 999px;
    font-weight: 500;
    cursor: pointer;
  }
  .mode.on {
    border-color: var(--om-accent);
    background: var(--om-accent-soft);
  }
  .mode input {
    width: auto;
    min-height: auto;
  }
  .mono {
    font-family: var(--om-mono);
    letter-spacing: 0.05em;
  }
  details {
    margin-top: 1rem;
    border-top: 1px solid var(--om-border);
    padding-top: 0.5rem;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
    padding: 0.5rem 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0 0.75rem;
  }
  .grid > * {
    min-width: 0;
  }
`;
