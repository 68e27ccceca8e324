// The figures `npm run bench` measures, gathered into bench/results.json (git-ignored): one object
// with named fields, units in the names (…Ms, …Bytes, …Pct, …Ratio…). Each bench script adds its
// own fields; scripts/bench-all.mjs starts the file afresh at the beginning of a run.
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
