/**
 * One small page interface over two WebDriver clients, so that the journeys (journeys.mjs) are
 * written once and run the same steps in both engines:
 * - WebKit: Debian's WebKitWebDriver + MiniBrowser under Xvfb, through webdriverio (WebDriver
 *   classic: the driver has no BiDi). MiniBrowser runs --full-screen so that a window of 390 px is
 *   a viewport of 390 px. One driver and session per profile; MiniBrowser's automation
 *   sessions keep their data in memory, so a new session is a fresh profile.
 * - Firefox ESR: puppeteer-core over WebDriver BiDi (no geckodriver). One browser; a BiDi user
 *   context per profile (its own cookies, storage and service workers).
 * Elements are found in the page by test id through shadow roots (page-scripts.mjs), then handed
 * to the client, so clicks, typing and file uploads are the driver's own input, not scripted DOM calls.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { cards, deepAll, deepTexts, features, overflowX } from './page-scripts.mjs';

const PRELUDE = [cards, deepAll, deepTexts, features, overflowX].map((f) => `const ${f.name} = ${f};`).join('\n');

/** The body of a script that runs `fn(...args)` in the page with the helpers in scope. */
function script(fn, args) {
  return `${PRELUDE}\nreturn (${fn})(...${JSON.stringify(args)});`;
}

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value seen. */
export async function waitFor(what, probe, timeout = 20_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(150);
  }
}

/** What both engines' pages offer; `raw*` methods are engine-specific, the rest shared. */
class BasePage {
  /** Runs `fn(...args)` in the page (awaited), with page-scripts.mjs in scope. */
  exec() {
    throw new Error('not implemented');
  }

  async texts(id, scope) {
    return this.exec(deepTexts, id, scope);
  }

  async count(id, scope) {
    return (await this.texts(id, scope)).length;
  }

  async text(id, scope) {
    const all = await waitFor(`"${id}"${scope ? ` in "${scope}"` : ''}`, () => this.texts(id, scope).then((t) => (t.length ? t : null)));
    return all[0];
  }

  /** Waits until the first "id" reads `expected` (a string or a RegExp). */
  async expectText(id, expected, opts = {}) {
    const ok = (t) => (expected instanceof RegExp ? expected.test(t) : t === expected);
    return waitFor(
      `"${id}" to read ${expected}`,
      () => this.texts(id, opts.scope).then((t) => (t.length && ok(t[opts.index ?? 0]) ? t[opts.index ?? 0] : null)),
      opts.timeout,
    );
  }

  async expectCount(id, n, opts = {}) {
    return waitFor(`${n} × "${id}"`, () => this.count(id, opts.scope).then((c) => c === n || null), opts.timeout).then(() => n);
  }

  /** The driver's handle of the `index`th visible "id" (waits for it; a re-render in between is retried). */
  async element(id, opts = {}) {
    return waitFor(`"${id}" to be visible`, () => this.handle(id, opts.scope, opts.index ?? 0), opts.timeout);
  }

  /**
   * Clicks the driver's way. Retried while the element is re-rendered or covered for a moment (a
   * toast sliding away: WebDriver then answers "element click intercepted"); the journeys assert
   * what the click must lead to.
   */
  async click(id, opts = {}) {
    await waitFor(
      `a click on "${id}"`,
      async () => {
        const el = await this.handle(id, opts.scope, opts.index ?? 0);
        if (!el) return null;
        await el.click();
        return true;
      },
      opts.timeout,
    );
  }

  /**
   * Clicks "id" until "next" is visible (3 s per try, `timeout` in all): for a button on a screen
   * still laying out its lazily loaded sections, where a click on a moving target can land beside
   * it under load. A button that never leads to "next" still fails.
   */
  async clickUntil(id, next, opts = {}) {
    await waitFor(
      `a click on "${id}" to show "${next}"`,
      async () => {
        if ((await this.count(next)) > 0) return true;
        await this.click(id, { timeout: 3_000 });
        return waitFor(`"${next}"`, async () => (await this.count(next)) > 0, 3_000).catch(() => false);
      },
      opts.timeout ?? 30_000,
    );
  }
}

class WebKitPage extends BasePage {
  constructor(browser) {
    super();
    this.browser = browser;
  }

  exec(fn, ...args) {
    return this.browser.execute(script(fn, args));
  }

  /** Runs a library's source (axe) as the body of a WebDriver script: no eval in the page, so the CSP allows it. */
  async inject(source) {
    await this.browser.execute(`${source}\n;return true;`);
  }

  async handle(id, scope, index) {
    const ref = await this.browser.execute(script((i, s, n) => deepAll(i, s)[n] ?? null, [id, scope, index]));
    return ref ? this.browser.$(ref) : null;
  }

  async goto(url) {
    await this.browser.url(url);
  }

  async reload() {
    await this.browser.refresh();
  }

  async fill(id, text, opts) {
    await (await this.element(id, opts)).setValue(text);
  }

  async upload(id, file, opts) {
    // Element Send Keys with a path is how WebDriver classic sets a file input.
    await (await this.element(id, opts)).addValue(file);
  }

  async select(id, value, opts) {
    await (await this.element(id, opts)).selectByAttribute('value', value);
  }

  /**
   * Sets the layout viewport. MiniBrowser runs full-screen (no toolbar, whose minimum width would
   * keep the window above 440 px); should a window frame remain, measure and correct.
   */
  async setViewport(width, height) {
    await this.browser.setWindowSize(width, height);
    // Read until the page answers with a number: right after a navigation or a resize the
    // script can come back empty (seen on CI: undefined, then a NaN window size).
    const inner = await waitFor('the page to report its width', () =>
      this.exec(() => window.innerWidth).then((w) => (typeof w === 'number' && w > 0 ? w : null)),
    );
    if (inner !== width) await this.browser.setWindowSize(Math.max(1, width + (width - inner)), height);
  }

  async screenshot(file) {
    await this.browser.saveScreenshot(file);
  }

  async close() {
    await this.browser.deleteSession().catch(() => {});
  }
}

class FirefoxPage extends BasePage {
  constructor(context, page) {
    super();
    this.context = context;
    this.page = page;
  }

  exec(fn, ...args) {
    return this.page.evaluate(`(async () => { ${script(fn, args)} })()`);
  }

  async inject(source) {
    await this.page.evaluate(`${source}\n;true`);
  }

  async handle(id, scope, index) {
    const h = await this.page.evaluateHandle(`(() => { ${script((i, s, n) => deepAll(i, s)[n] ?? null, [id, scope, index])} })()`);
    return h.asElement();
  }

  async goto(url) {
    await this.page.goto(url);
  }

  async reload() {
    await this.page.reload();
  }

  async fill(id, text, opts) {
    const el = await this.element(id, opts);
    await el.evaluate((e) => {
      e.value = '';
    });
    await el.type(text);
  }

  async upload(id, file, opts) {
    await (await this.element(id, opts)).uploadFile(file);
  }

  async select(id, value, opts) {
    await (await this.element(id, opts)).select(value);
  }

  async setViewport(width, height) {
    await this.page.setViewport({ width, height });
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

/** A WebKitWebDriver on `port`, its MiniBrowsers on X `display`; stopped with the session it serves. */
async function spawnDriver(driver, port, display) {
  const proc = spawn(driver, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  await waitFor(`WebKitWebDriver on port ${port}`, () => fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok), 15_000);
  return proc;
}

/**
 * WebKit through WebKitWebDriver, its windows on X `display` (the runner's Xvfb). The driver serves one session at
 * a time, so each profile (`newPage()`) gets its own driver, on `port` or the next free one above.
 */
export async function startWebKit({ driver, miniBrowser, port, display, args = [] }) {
  const { remote } = await import('webdriverio');
  const busy = new Set();
  const drivers = new Set();
  let version = '';
  return {
    engine: 'webkit',
    async newPage() {
      let own = port;
      while (busy.has(own)) own++;
      busy.add(own);
      const proc = await spawnDriver(driver, own, display);
      drivers.add(proc);
      try {
        const browser = await remote({
          hostname: '127.0.0.1',
          port: own,
          logLevel: 'silent',
          capabilities: {
            browserName: 'MiniBrowser',
            'wdio:enforceWebDriverClassic': true,
            'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation', '--full-screen', ...args] },
          },
        });
        await browser.setTimeout({ script: 120_000 });
        version = `${browser.capabilities.browserName ?? 'MiniBrowser'}/${browser.capabilities.browserVersion ?? '?'}`;
        const page = new WebKitPage(browser);
        const close = page.close.bind(page);
        page.close = async () => {
          await close();
          proc.kill();
          busy.delete(own);
        };
        return page;
      } catch (err) {
        proc.kill();
        busy.delete(own);
        throw err;
      }
    },
    async version() {
      return version;
    },
    /** Ends what a page left open (its MiniBrowser goes with its driver's session or process). */
    async stop() {
      for (const proc of drivers) proc.kill();
    },
  };
}

/** Launches Firefox over WebDriver BiDi; `newPage()` opens a fresh user context (profile). */
export async function startFirefox({ executablePath }) {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, protocol: 'webDriverBiDi' });
  return {
    engine: 'firefox',
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      return new FirefoxPage(context, page);
    },
    async version() {
      return browser.version();
    },
    async stop() {
      await browser.close().catch(() => {});
    },
  };
}
