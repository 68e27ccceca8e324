#!/usr/bin/env node
// The `omamori` command. The code is built from src/cli by `npm run build:cli` (run by `npm ci`).
let cli;
try {
  cli = await import('../cli-dist/omamori.mjs');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  process.stderr.write('omamori: the command line is not built yet; run `npm run build:cli` in the Omamori folder.\n');
  process.exit(1);
}
await cli.runCli();
