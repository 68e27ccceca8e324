/**
 * @file Desktop shortcuts of the code list: `/` focuses search, ArrowUp/ArrowDown move between
 * cards, Alt+ArrowUp/Down move the focused card in reorder mode, Escape clears the search.
 * Enter needs nothing here: focus sits on the card's copy button, which Enter presses.
 * Nothing fires while the user types in a field (except Escape, and ArrowDown from search).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ListKeysHost extends ReactiveControllerHost {
  focusSearch(): void;
  /** true when there was something to clear. */
  clearSearch(): boolean;
  /** Moves focus to the next (+1) or previous (-1) card; from outside the cards, to the first. */
  focusCard(delta: 1 | -1, fromSearch: boolean): void;
  /** Moves the focused card one place in reorder mode; false when not reordering. */
  moveFocusedCard(delta: 1 | -1): boolean;
}

function isTyping(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

export class ListKeysController implements ReactiveController {
  private readonly host: ListKeysHost;

  constructor(host: ListKeysHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.isComposing) return;
    const path = e.composedPath();
    // A modal dialog (group manager, edit screen …) owns the keyboard.
    if (path.some((n) => n instanceof HTMLDialogElement)) return;
    const target = path[0];
    const typing = isTyping(target);
    const inSearch = target instanceof HTMLInputElement && target.type === 'search';
    if (e.key === 'Escape') {
      if (this.host.clearSearch()) e.preventDefault();
      return;
    }
    if (e.key === '/' && !typing && !e.altKey) {
      e.preventDefault();
      this.host.focusSearch();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const delta = e.key === 'ArrowDown' ? 1 : -1;
    if (e.altKey) {
      if (!typing && this.host.moveFocusedCard(delta)) e.preventDefault();
      return;
    }
    if (typing && !(inSearch && delta === 1)) return;
    e.preventDefault();
    this.host.focusCard(delta, inSearch);
  };
}
