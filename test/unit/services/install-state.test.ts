/** InstallState: the browser's install signals in, the snapshot the Install button and Settings show out. */
import { describe, expect, it, vi } from 'vitest';
import { InstallState, isIosDevice, type InstallSnapshot, type NavigatorLike } from '../../../src/services/install/install-state';

const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

class FakeMedia extends EventTarget {
  matches = false;
  set(matches: boolean): void {
    this.matches = matches;
    this.dispatchEvent(new Event('change'));
  }
}

function promptEvent(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  const prompt = vi.fn(() => Promise.resolve());
  Object.assign(event, { prompt, userChoice: Promise.resolve({ outcome }) });
  return { event, prompt };
}

function harness(nav: NavigatorLike = { userAgent: CHROME_ANDROID }) {
  const target = new EventTarget();
  const media = new FakeMedia();
  const state = new InstallState({ target, navigator: nav, displayMode: media });
  const seen: InstallSnapshot[] = [];
  state.subscribe((s) => seen.push(s));
  return { target, media, state, seen, last: () => seen[seen.length - 1]! };
}

describe('InstallState', () => {
  it('offers the prompt after beforeinstallprompt, and keeps the browser from showing its own', () => {
    const h = harness();
    expect(h.last()).toEqual({ standalone: false, canPrompt: false, installed: false, ios: false });
    const { event } = promptEvent('accepted');
    h.target.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(h.last().canPrompt).toBe(true);
  });

  it('calls prompt() once, reports the choice, and offers no second prompt from the same event', async () => {
    const h = harness();
    const { event, prompt } = promptEvent('dismissed');
    h.target.dispatchEvent(event);
    await expect(h.state.promptInstall()).resolves.toBe('dismissed');
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(h.last().canPrompt).toBe(false);
    await expect(h.state.promptInstall()).resolves.toBe('unavailable');
    expect(prompt).toHaveBeenCalledTimes(1);
  });

  it('hides the prompt once appinstalled arrives, and says the app is installed', () => {
    const h = harness();
    h.target.dispatchEvent(promptEvent('accepted').event);
    h.target.dispatchEvent(new Event('appinstalled'));
    expect(h.last()).toMatchObject({ canPrompt: false, installed: true, standalone: false });
  });

  it('is standalone while display-mode matches, and then offers no prompt', () => {
    const h = harness();
    h.target.dispatchEvent(promptEvent('accepted').event);
    h.media.set(true);
    expect(h.last()).toMatchObject({ standalone: true, canPrompt: false });
    h.media.set(false);
    expect(h.last()).toMatchObject({ standalone: false, canPrompt: true });
  });

  it("is standalone from iOS's navigator.standalone alone", () => {
    expect(harness({ userAgent: IPHONE, standalone: true }).last()).toMatchObject({ standalone: true, ios: true });
    expect(harness({ userAgent: IPHONE, standalone: false }).last()).toMatchObject({ standalone: false, ios: true });
  });

  it('a prompt that throws is reported as unavailable, not as an error', async () => {
    const h = harness();
    const event = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(event, { prompt: () => Promise.reject(new Error('already shown')), userChoice: new Promise(() => undefined) });
    h.target.dispatchEvent(event);
    await expect(h.state.promptInstall()).resolves.toBe('unavailable');
  });

  it('stops telling a listener after it unsubscribes', () => {
    const target = new EventTarget();
    const state = new InstallState({ target, navigator: { userAgent: CHROME_ANDROID }, displayMode: null });
    const listener = vi.fn();
    const stop = state.subscribe(listener);
    stop();
    target.dispatchEvent(new Event('appinstalled'));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('isIosDevice', () => {
  it('knows an iPhone by its user agent', () => {
    expect(isIosDevice({ userAgent: IPHONE })).toBe(true);
  });
  it('knows an iPad that reports a Mac user agent by its touch points', () => {
    expect(isIosDevice({ userAgent: MAC, platform: 'MacIntel', maxTouchPoints: 5 })).toBe(true);
  });
  it('does not take a Mac, or Android, for iOS', () => {
    expect(isIosDevice({ userAgent: MAC, platform: 'MacIntel', maxTouchPoints: 0 })).toBe(false);
    expect(isIosDevice({ userAgent: CHROME_ANDROID, platform: 'Linux armv8l', maxTouchPoints: 5 })).toBe(false);
  });
});
