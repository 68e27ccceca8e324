/** @file Style fragments shared by the elements; colours come from the tokens in global.css. */
import { css } from 'lit';

/*
 * Notes on baseStyles (kept out of the CSS text, which ships as written):
 * - overflow-wrap on the host (inherited): text never pushes a screen sideways; a name of 80
 *   characters without a space (or a long run of emoji) breaks where it must, ordinary words
 *   still wrap at their boundaries.
 * - details > *: a <details> lays its content out in the browser's own shadow tree, which does not
 *   inherit border-box; without it, fields in a <details> (Add account → Advanced) were 26 px
 *   wider than their columns and overlapped each other.
 */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--om-font);
    color: var(--om-text);
    overflow-wrap: break-word;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  details > * {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3,
  h4,
  h5 {
    margin: 0 0 0.5rem;
    line-height: 1.25;
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.2rem;
  }
  /* Settings: group (h2) → section panel (h3) → part of a section (h4) → detail (h5). */
  h3 {
    font-size: 1.1rem;
    margin-top: 1.25rem;
  }
  h4 {
    font-size: 1rem;
    margin-top: 1.25rem;
  }
  h5 {
    font-size: 0.95rem;
  }
  .panel > h2:first-child,
  .panel > h3:first-child {
    margin-top: 0;
  }
  p {
    line-height: 1.5;
    margin: 0 0 0.75rem;
  }
  .muted {
    color: var(--om-text-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border-radius: 999px;
    border: 1px solid var(--om-border);
    background: var(--om-surface);
    color: var(--om-text);
    cursor: pointer;
  }
  button.primary {
    background: var(--om-accent);
    border-color: var(--om-accent);
    color: var(--om-accent-text);
    font-weight: 600;
  }
  button.danger {
    color: var(--om-danger);
  }
  button.link {
    border: none;
    background: none;
    min-height: auto;
    padding: 0.25rem 0.5rem;
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  summary:focus-visible {
    outline: var(--om-focus-ring);
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin: 0.75rem 0 0.25rem;
  }
  input,
  select,
  textarea {
    font: inherit;
    width: 100%;
    min-height: 44px;
    padding: 0.5rem 0.75rem;
    border-radius: 10px;
    border: 1px solid var(--om-border);
    background: var(--om-surface);
    color: var(--om-text);
  }
  input[type='checkbox'] {
    width: 1.25rem;
    min-height: 1.25rem;
    margin: 0;
  }
  .hint {
    font-size: 0.875rem;
    color: var(--om-text-muted);
    margin: 0.25rem 0 0;
  }
  .field-error {
    font-size: 0.9rem;
    color: var(--om-danger);
    margin: 0.25rem 0 0;
  }
  .panel {
    background: var(--om-surface);
    border: 1px solid var(--om-border);
    border-radius: var(--om-radius);
    box-shadow: var(--om-shadow);
    padding: 1.25rem;
  }
  .page {
    max-width: 40rem;
    margin: 0 auto;
    padding: 1rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  .error-box {
    border-radius: 10px;
    padding: 0.75rem;
    background: var(--om-accent-soft);
    color: var(--om-text);
    margin: 0.75rem 0 0;
  }
`;

/** Radio and checkbox rows inside borderless fieldsets (export choices, account pickers). */
export const choiceStyles = css`
  fieldset {
    border: 0;
    padding: 0;
    margin: 0.75rem 0 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: normal;
    margin: 0.5rem 0 0;
  }
  .choice input {
    width: 1.25rem;
    min-height: 1.25rem;
    margin: 0;
    flex: none;
  }
`;

/** Choice rows with a hint line under each (Settings): the box level with the label's first line. */
export const hintedChoiceStyles = css`
  .choice {
    align-items: flex-start;
  }
  .choice input {
    margin-top: 0.125rem;
  }
  .choice + .hint {
    margin: 0.125rem 0 0 1.75rem;
  }
`;

/** A modal <dialog>: the surface, border and backdrop every dialog shares; each sets its own width. */
export const dialogStyles = css`
  dialog {
    border: 1px solid var(--om-border);
    border-radius: var(--om-radius);
    background: var(--om-surface);
    color: var(--om-text);
    box-shadow: var(--om-shadow);
    padding: 1.25rem;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
`;

/**
 * A one-line notice above the code list (the backup reminder, "Not ready to recover"): the text
 * ellipsised (full text in its title), its action, and a close button.
 */
export const noticeBarStyles = css`
  .notice-bar {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    max-width: 62rem;
    margin: 0.5rem max(1rem, calc((100% - 62rem) / 2)) 0;
    padding: 0 0 0 0.75rem;
    border-radius: var(--om-radius);
    background: var(--om-accent-soft);
    font-size: 0.875rem;
  }
  .notice-bar .text {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .notice-bar button {
    flex: none;
    min-height: 40px;
  }
  .notice-bar .close {
    min-width: 40px;
    padding: 0;
    border: none;
    background: none;
    font-size: 1.25rem;
  }
`;

/** A page's top row: the Back button and the page title side by side, wrapping on narrow screens. */
export const pageTopStyles = css`
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .top h1 {
    margin: 0;
  }
`;
