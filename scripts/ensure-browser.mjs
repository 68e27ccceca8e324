#!/usr/bin/env node
// Makes sure the end-to-end tests have a Chromium (run by `npm run test:e2e`, so by `npm test`).
// Finds one the way playwright.config.ts does (scripts/chromium.mjs); when there is none, installs
// one: Debian's chromium (+ fonts-noto-cjk) with apt-get as root on Debian, else Playwright's own
// build with `npx playwright install chromium`. Where it cannot, it stops with one sentence that
// names the command to run.
import { spawnSync } from 'node:child_process';
import { findChromium, installPlan, isExecutable } from './chromium.mjs';

const LABEL = { CHROMIUM_PATH: 'CHROMIUM_PATH', system: 'system Chromium', playwright: "Playwright's Chromium" };

function stop(sentence) {
  console.error(`ensure-browser: ${sentence}`);
  process.exit(1);
}

function report(found) {
  if (found.source === 'CHROMIUM_PATH' && !isExecutable(found.file)) {
    stop(`CHROMIUM_PATH is ${found.file}, which is not an executable file: point it to a Chromium or Chrome binary, or unset it.`);
  }
  console.log(`ensure-browser: end-to-end tests use ${found.file} (${LABEL[found.source]})`);
}

function run(cmd, args, env = process.env, quiet = false) {
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'], shell: process.platform === 'win32' });
  return r.status === 0;
}

const found = findChromium();
if (found) {
  report(found);
  process.exit(0);
}

const plan = installPlan();
const OR_SET = 'or set CHROMIUM_PATH to a Chromium or Chrome binary';
if (plan.kind === 'apt-manual') {
  stop(`no Chromium for the end-to-end tests: run \`${plan.command}\` (${OR_SET}), then npm test again.`);
}
if (plan.kind === 'apt') {
  console.log("ensure-browser: no Chromium found; installing Debian's chromium and fonts-noto-cjk with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok = run('apt-get', ['update', '-qq'], env, true) && run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], env, true);
  if (!ok) stop(`apt-get could not install chromium: run \`${plan.command}\` yourself (${OR_SET}), then npm test again.`);
} else {
  console.log(`ensure-browser: no Chromium found; installing Playwright's with \`${plan.command}\`…`);
  if (!run('npx', plan.argv ?? [])) stop(`Playwright's Chromium could not be installed: run \`${plan.command}\` (${OR_SET}), then npm test again.`);
}

const installed = findChromium();
if (!installed) stop(`the install finished but no Chromium was found: run \`${plan.command}\` (${OR_SET}), then npm test again.`);
report(installed);
