/** @file Styles shared by the two sides of a move between phones: a large code, the check code. */
import { css } from 'lit';

export const phoneMoveStyles = css`
  .qr-box {
    max-width: min(100%, 32rem);
    margin: 1rem auto;
    padding: 0.5rem;
    background: #ffffff;
  }
  .check {
    font-size: 2.5rem;
    font-weight: 700;
    letter-spacing: 0.1em;
    text-align: center;
    font-variant-numeric: tabular-nums;
    margin: 0.5rem 0;
  }
  .qr-box svg {
    display: block;
    width: 100%;
    height: auto;
  }
`;
