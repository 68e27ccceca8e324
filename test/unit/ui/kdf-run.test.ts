/**
 * KdfRun (ui/shared/kdf-run.ts), what every Cancel button of the backup and vault screens uses:
 * Cancel aborts the signal the service got and reads as "cancelled", never as an error; a task that
 * finished before the Cancel landed keeps its result; leaving the screen cancels.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { KdfRun, type KdfRunOptions } from '../../../src/ui/shared/kdf-run';

function host() {
  const controllers: { hostDisconnected?: () => void }[] = [];
  return {
    updates: 0,
    controllers,
    addController(c: { hostDisconnected?: () => void }) {
      controllers.push(c);
    },
    removeController() {},
    requestUpdate() {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
}

/** A service call that derives `steps` times and rejects with `aborted` when its signal fires, as the worker KDF does. */
function derivation(steps: number) {
  let release: () => void = () => {};
  const task = (opts: KdfRunOptions) =>
    new Promise<string>((resolve, reject) => {
      for (let i = 0; i < steps; i++) opts.onProgress(0);
      opts.signal.addEventListener('abort', () => reject(new AppError('aborted')));
      release = () => resolve('file');
    });
  return { task, release: () => release() };
}

describe('KdfRun', () => {
  it('counts the derivations as steps, up to the number announced', async () => {
    const run = new KdfRun(host());
    const d = derivation(3);
    const pending = run.run(2, d.task);
    expect([run.running, run.step, run.steps]).toEqual([true, 2, 2]);
    d.release();
    expect(await pending).toEqual({ cancelled: false, value: 'file' });
    expect(run.running).toBe(false);
  });

  it('Cancel aborts the signal and resolves as cancelled', async () => {
    const run = new KdfRun(host());
    let signal: AbortSignal | undefined;
    const d = derivation(1);
    const pending = run.run(1, (opts) => ((signal = opts.signal), d.task(opts)));
    run.cancel();
    expect(signal?.aborted).toBe(true);
    expect(await pending).toEqual({ cancelled: true });
    expect(run.running).toBe(false);
  });

  it('passes other errors on, and an "aborted" the user did not ask for too', async () => {
    const run = new KdfRun(host());
    await expect(run.run(1, () => Promise.reject(new AppError('file/wrong-passphrase')))).rejects.toMatchObject({ code: 'file/wrong-passphrase' });
    await expect(run.run(1, () => Promise.reject(new AppError('aborted')))).rejects.toMatchObject({ code: 'aborted' });
  });

  it('keeps the result of a task that finished although Cancel came late', async () => {
    const run = new KdfRun(host());
    const pending = run.run(1, async (opts) => {
      run.cancel();
      expect(opts.signal.aborted).toBe(true);
      return 'written';
    });
    expect(await pending).toEqual({ cancelled: false, value: 'written' });
  });

  it('cancels when the screen goes away', async () => {
    const h = host();
    const run = new KdfRun(h);
    const d = derivation(1);
    const pending = run.run(1, d.task);
    h.controllers[0]?.hostDisconnected?.();
    expect(await pending).toEqual({ cancelled: true });
  });
});
