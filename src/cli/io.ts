/** @file What the commands need from the outside world; tests pass their own. */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** True when a person can be asked for a passphrase. */
  interactive: boolean;
  /** Asks on the terminal with echo off; only called when `interactive`. */
  promptHidden(question: string): Promise<string>;
  now(): number;
}
