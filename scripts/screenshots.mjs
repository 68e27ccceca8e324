// npm run screenshots: README pictures from the real production build (so they stay current).
// Starts `vite preview` on a spare port, fills a vault through the UI, and writes docs/*.png.
import { spawn, execSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = 4175;
const ORIGIN = `http://localhost:${PORT}`;
const SHOTS = [
  { file: 'docs/screenshot.png', viewport: { width: 390, height: 700 }, colorScheme: 'light', locale: 'en-US' },
  { file: 'docs/screenshot-ja-dark.png', viewport: { width: 1100, height: 560 }, colorScheme: 'dark', locale: 'ja-JP' },
];
const ACCOUNTS = [
  ['GitHub', 'octocat', 'JBSWY3DPEHPK3PXP', 'totp'],
  ['Google', 'taro@gmail.com', 'GEZDGNBVGY3TQOJQ', 'totp'],
  ['楽天', '山田 太郎', 'MFRGGZDFMZTWQ2LK', 'totp'],
  ['Steam', 'gamer', 'NBSWY3DPEB3W64TMMQ', 'steam'],
];

execSync('npx vite build', { stdio: 'ignore' });
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
process.on('exit', () => { try { process.kill(-server.pid); } catch { /* gone */ } });
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(ORIGIN)).ok) break; } catch { await new Promise((r) => setTimeout(r, 100)); }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
for (const shot of SHOTS) {
  const context = await browser.newContext({ viewport: shot.viewport, colorScheme: shot.colorScheme, locale: shot.locale });
  const page = await context.newPage();
  // A fixed clock keeps the pictures identical between runs (and off a code boundary).
  await page.clock.setFixedTime(new Date('2026-01-01T09:00:10Z'));
  await page.goto(ORIGIN);
  await page.getByTestId('start-create').click();
  await page.getByTestId('new-passphrase').fill('correct horse battery staple');
  await page.getByTestId('confirm-passphrase').fill('correct horse battery staple');
  await page.getByTestId('create-submit').click();
  await page.getByTestId('empty-list').waitFor({ timeout: 60_000 });
  for (const [issuer, name, secret, type] of ACCOUNTS) {
    await page.getByTestId('add-account').first().click();
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
  await page.getByTestId('toast').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await page.screenshot({ path: shot.file });
  console.log(`wrote ${shot.file}`);
  await context.close();
}
await browser.close();
process.exit(0);
