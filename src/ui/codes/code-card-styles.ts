/** @file Styles of <omamori-code-card> (kept apart so the element stays readable). */
import { css } from 'lit';

export const codeCardStyles = css`
  :host {
    display: block;
  }
  article {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    padding: 0.75rem 1rem;
    background: var(--om-surface);
    border: 1px solid var(--om-border);
    border-radius: var(--om-radius);
  }
  .head {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .names {
    flex: 1;
    min-width: 0;
  }
  .issuer {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .name {
    color: var(--om-text-muted);
    font-size: 0.9rem;
    overflow-wrap: anywhere;
  }
  .recovery-low {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    margin-top: 0.15rem;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 600;
    color: var(--om-danger);
    background: var(--om-accent-soft);
  }
  .code {
    display: flex;
    min-width: 0;
    align-items: baseline;
    gap: 0 1rem;
    flex-wrap: wrap;
    border: none;
    background: none;
    padding: 0;
    border-radius: 8px;
    min-height: 48px;
    text-align: start;
  }
  .digits {
    font-family: var(--om-mono);
    font-size: clamp(1.75rem, 8vw, 2.25rem);
    font-weight: 600;
    letter-spacing: 0.04em;
    color: var(--om-accent);
    font-variant-numeric: tabular-nums;
  }
  .digits.hidden {
    letter-spacing: 0.12em;
    color: var(--om-text-muted);
  }
  .next,
  .copied {
    font-size: 0.9rem;
    color: var(--om-text-muted);
  }
  .copied {
    color: var(--om-ok);
    font-weight: 600;
  }
  .ring {
    flex: none;
    width: 40px;
    height: 40px;
    position: relative;
    display: grid;
    place-items: center;
    font-size: 0.8rem;
    font-variant-numeric: tabular-nums;
  }
  .ring svg {
    position: absolute;
    inset: 0;
    transform: rotate(-90deg);
  }
  .ring circle {
    fill: none;
    stroke-width: 4;
  }
  .ring .track {
    stroke: var(--om-surface-2);
  }
  .ring .bar {
    stroke: var(--om-accent);
    /* Smooth between the one-second repaints; the jump back at a new period is instant. */
    transition:
      stroke-dashoffset 1s linear,
      stroke 0.3s;
  }
  .ring.fresh .bar {
    transition: none;
  }
  .ring.low .bar {
    stroke: var(--om-danger);
  }
  .tools {
    display: flex;
    gap: 0.25rem;
    justify-content: flex-end;
    align-items: center;
  }
  .menu-button,
  .icon-button {
    min-height: 44px;
    min-width: 44px;
    padding: 0 0.6rem;
    font-size: 0.875rem;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    padding: 0;
    border-color: transparent;
    background: none;
  }
  .favourite[aria-pressed='true'] {
    color: var(--om-accent);
  }
  @media (prefers-reduced-motion: reduce) {
    .ring .bar {
      transition: none;
    }
  }
`;
