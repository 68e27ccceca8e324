/**
 * @file One cancellable key derivation seen from a screen: the AbortSignal and progress callback
 * handed to the service, the step shown (an operation may derive more than once: an export
 * writes, then reads back), and Cancel. Aborting makes the worker terminate at once
 * (services/browser/kdf-worker.ts) and the service throw `aborted` before it writes anything.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAppError } from '../../core/errors';

export interface KdfRunOptions {
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

export class KdfRun implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #controller: AbortController | undefined;
  /** The derivation under way, from 1; 0 before the first has started. */
  step = 0;
  steps = 1;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get running(): boolean {
    return this.#controller !== undefined;
  }

  /**
   * Runs `task` with a fresh signal. Resolves with its result, or with `cancelled` when the user
   * pressed Cancel (any other error is thrown). `steps` is how many derivations the task runs.
   */
  async run<T>(steps: number, task: (opts: KdfRunOptions) => Promise<T>): Promise<{ cancelled: true } | { cancelled: false; value: T }> {
    const controller = new AbortController();
    this.#controller = controller;
    this.step = 0;
    this.steps = steps;
    this.#host.requestUpdate();
    const onProgress = (fraction: number): void => {
      // The worker reports 0 when a derivation starts and 1 when it ends; a fallback derivation
      // (32 MiB after 64 MiB failed) is counted within the same step.
      if (fraction === 0 && this.#controller === controller) {
        this.step = Math.min(this.step + 1, this.steps);
        this.#host.requestUpdate();
      }
    };
    try {
      return { cancelled: false, value: await task({ signal: controller.signal, onProgress }) };
    } catch (err) {
      if (controller.signal.aborted && isAppError(err) && err.code === 'aborted') return { cancelled: true };
      throw err;
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
      this.#host.requestUpdate();
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  /** Leaving the screen stops its derivation: nothing keeps a worker busy for a page gone. */
  hostDisconnected(): void {
    this.cancel();
  }
}
