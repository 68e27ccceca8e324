/**
 * @file The start shell's app side: index.html holds the lock form as plain HTML, and
 * public/start-shell.js shows it before the first paint when the last start showed the passphrase
 * lock screen. Here: remembering which screen a start showed, and the hand-over to
 * <omamori-unlock> (what was typed, whether Enter was pressed).
 */

/** localStorage key read by public/start-shell.js (keep the two in step). */
export const START_SCREEN_KEY = 'omamori.start';

/**
 * What this start showed, for the next one: 'lock' only for a vault that opens with its
 * passphrase (no device slot, no passkey: a passkey vault's lock screen has a button more, and
 * the form alone would jump when it appears). Anything else shows no shell.
 */
export function rememberStartScreen(screen: 'lock' | 'other', storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage): void {
  try {
    if (screen === 'lock') storage.setItem(START_SCREEN_KEY, 'lock');
    else storage.removeItem(START_SCREEN_KEY);
  } catch {
    // No storage: the next start has no shell, as before.
  }
}

export interface ShellInput {
  readonly passphrase: string;
  /** Enter (or the button) was pressed before the app took over. */
  readonly submitted: boolean;
}

/**
 * Takes the shell off the page (its typed passphrase must not stay in the DOM) and returns what
 * was typed into it, if it was shown.
 */
export function takeOverStartShell(doc: Document = document): ShellInput | undefined {
  const shell = doc.querySelector('.start-shell');
  if (shell === null) return undefined;
  const shown = doc.documentElement.dataset.start === 'lock';
  const input = shell.querySelector<HTMLInputElement>('#start-shell-pass');
  const form = shell.querySelector<HTMLFormElement>('#start-shell-form');
  const taken = { passphrase: input?.value ?? '', submitted: form?.dataset.submitted === 'true' };
  if (input) input.value = '';
  shell.remove();
  delete doc.documentElement.dataset.start;
  return shown ? taken : undefined;
}
