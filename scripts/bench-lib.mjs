// What the bench scripts share: the figures gathered into bench/results.json (git-ignored; one
// object with named fields, units in the names: …Ms, …Bytes, …Pct, …Ratio…; each script adds its
// own, scripts/bench-all.mjs starts the file afresh), the production preview server, and a vault
// seeded through the app's own restore screens.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RESULTS_FILE = path.resolve(import.meta.dirname, '..', 'bench', 'results.json');

/** Merges `fields` into bench/results.json, rounded (ratios to 0.01, the rest to 0.1: no figure is more exact). */
export function recordResults(fields) {
  const old = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
  const round = (k, v) => (/Ratio/.test(k) ? Math.round(v * 100) / 100 : Math.round(v * 10) / 10);
  const rounded = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'number' ? round(k, v) : v]));
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...old, ...rounded }, null, 2)}\n`);
}

/** Median of at least one value (the middle one; the lower middle for an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** `vite preview` of a build on `port`, stopped when the process exits; resolves once it answers (within a minute: a loaded machine takes over ten seconds). */
export async function startPreview(port, outDir = 'dist') {
  const origin = `http://localhost:${port}`;
  const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(origin)).ok) return { origin, stop };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('preview server did not start');
}

/**
 * First run → "Restore from a backup" → a vault of `count` accounts (Service i / user i; or the
 * given `accounts`), from a
 * backup written in Node by e2e/support/seed-backup.ts (`seed`); on the list when it returns.
 */
export async function restoreVault(page, { origin, seed, count, passphrase, deviceSlot = false, accounts: given }) {
  const accounts = given ?? Array.from({ length: count }, (_, i) => ({ issuer: `Service ${i}`, name: `user${i}@example.com` }));
  const { bytes, code } = await seed.backupOf(accounts);
  await page.goto(origin);
  await page.getByTestId('start-restore').click();
  await page.getByTestId('new-passphrase').fill(passphrase);
  await page.getByTestId('confirm-passphrase').fill(passphrase);
  if (deviceSlot) await page.getByTestId('device-slot').check();
  await page.getByTestId('create-submit').click();
  await page.getByTestId('restore-file').waitFor({ timeout: 60_000 });
  await page.getByTestId('restore-file').setInputFiles({ name: 'bench.omamori', mimeType: 'application/json', buffer: bytes });
  await page.getByTestId('restore-code').fill(code);
  await page.getByTestId('restore-submit').click();
  await page.getByTestId('restore-import').click({ timeout: 120_000 });
  await page.getByTestId('code').first().waitFor({ timeout: 240_000 });
}
