// npm run screenshots: README pictures from the real production build, so they stay current.
// Phone (360×780) and desktop (1280×800), English and Japanese, light and dark, of the code list,
// "Add account" and settings, into docs/screenshots/. One vault per size (with the device slot,
// so a reload opens straight to the codes); language and theme change between reloads.
import { spawn, execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from './chromium.mjs';
import sharp from 'sharp';

const PORT = Number(process.env.OMAMORI_SCREENSHOT_PORT ?? 4175);
const ORIGIN = `http://localhost:${PORT}`;
const OUT_DIR = 'docs/screenshots';
const BUILD_DIR = 'dist-e2e-screenshots'; // ignored like the e2e builds
/** A fixed clock keeps the pictures identical between runs (and away from a code boundary). */
const NOW = new Date('2026-01-01T09:00:10Z');
const PASSPHRASE = 'correct horse battery staple';
const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 780 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
];
const VARIANTS = [
  { lang: 'en', theme: 'light' },
  { lang: 'en', theme: 'dark' },
  { lang: 'ja', theme: 'light' },
  { lang: 'ja', theme: 'dark' },
];
const ACCOUNTS = [
  ['GitHub', 'octocat', 'JBSWY3DPEHPK3PXP', 'totp'],
  ['Google', 'taro@gmail.com', 'GEZDGNBVGY3TQOJQ', 'totp'],
  ['楽天', '山田 太郎', 'MFRGGZDFMZTWQ2LK', 'totp'],
  ['Microsoft', 'taro@outlook.jp', 'KRSXG5CTMVRXEZLU', 'totp'],
  ['Steam', 'gamer', 'NBSWY3DPEB3W64TMMQ', 'steam'],
  ['Dropbox', 'taro@example.jp', 'ONSWG4TFORRW6ZDF', 'totp'],
  // A phone's worth of rows (#14: the list shows 8+ accounts on a phone).
  ['Amazon', 'taro@example.jp', 'MZXW6YTBOI3DEMRR', 'totp'],
  ['Apple', 'taro@icloud.com', 'NB2HI4DTHIXS6ZLY', 'totp'],
  ['Discord', 'taro#1234', 'ORSXG5A3KRSXG5AY', 'totp'],
  ['Slack', 'taro@work.example', 'GEZDGNBVGY3TQOJR', 'totp'],
  ['Yahoo! JAPAN', 'taro_yamada', 'JBSWY3DPEHPK3PXQ', 'totp'],
  ['1Password', 'taro@example.jp', 'KRSXG5CTMVRXEZLV', 'totp'],
  ['Cloudflare', 'admin@example.jp', 'MFRGGZDFMZTWQ2LL', 'totp'],
];

execSync(`npx vite build --outDir ${BUILD_DIR} --emptyOutDir`, { stdio: 'ignore' });
const server = spawn('npx', ['vite', 'preview', '--outDir', BUILD_DIR, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
  stdio: 'ignore',
  detached: true,
});
process.on('exit', () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* gone */
  }
});
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(ORIGIN)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}
mkdirSync(OUT_DIR, { recursive: true });

/** Playwright's PNGs, recompressed (a palette is plenty for UI pictures and keeps the repo small). */
async function save(page, file) {
  // Service icons load a moment after the codes (a lazy chunk, when the browser is idle).
  if (file.includes('-list')) await page.waitForTimeout(2500);
  const png = await page.screenshot();
  await sharp(png).png({ palette: true, quality: 95, effort: 10, compressionLevel: 9 }).toFile(`${OUT_DIR}/${file}`);
  console.log(`wrote ${OUT_DIR}/${file}`);
}

async function fillVault(page) {
  await page.goto(ORIGIN);
  await page.getByTestId('start-create').click();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await page.getByTestId('device-slot').check();
  await page.getByTestId('create-submit').click();
  await page.getByTestId('empty-list').waitFor({ timeout: 60_000 });
  for (const [issuer, name, secret, type] of ACCOUNTS) {
    await page.getByTestId('add-account').first().click();
    await page.getByTestId('add-key').click();
    await page.getByTestId('field-issuer').fill(issuer);
    await page.getByTestId('field-name').fill(name);
    await page.getByTestId('field-secretB32').fill(secret);
    if (type !== 'totp') {
      await page.getByTestId('advanced').click();
      await page.getByTestId('field-type').selectOption(type);
    }
    await page.getByTestId('save-account').click();
    await page.getByTestId('account-form').waitFor({ state: 'detached' });
  }
  // As after an export a minute later: no "not in any backup" banner in the pictures.
  await page.evaluate((at) => localStorage.setItem('omamori.last-export', String(at)), NOW.getTime() + 60_000);
}

const browser = await chromium.launch({
  executablePath: findChromium()?.executablePath,
  args: chromiumArgs(),
});
for (const size of SIZES) {
  const context = await browser.newContext({ viewport: size.viewport, locale: 'en-US', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  await fillVault(page);
  for (const { lang, theme } of VARIANTS) {
    const tag = `${size.name}-${lang}-${theme}`;
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((l) => localStorage.setItem('omamori.locale', l), lang);
    await page.reload();
    await page.getByTestId('code-card').first().waitFor({ timeout: 30_000 });
    await page
      .getByTestId('toast')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
    await save(page, `${tag}-list.png`);
    await page.getByTestId('add-account').first().click();
    await page.getByTestId('add-key').click();
    await page.getByTestId('account-form').waitFor();
    await save(page, `${tag}-add.png`);
    await page
      .getByTestId('account-form')
      .getByRole('button', { name: lang === 'ja' ? 'キャンセル' : 'Cancel' })
      .click();
    await page.getByTestId('settings').click();
    await page.getByTestId('settings-page').waitFor();
    // On the phone, the appearance group (the desktop shows the top with the group index).
    if (size.name === 'phone') await page.getByTestId('index-appearance').click();
    await page.waitForTimeout(200);
    await save(page, `${tag}-settings.png`);
    await page.getByTestId('settings-back').click();
  }
  await context.close();
}
await browser.close();
process.exit(0);
