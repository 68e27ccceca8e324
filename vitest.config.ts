import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // raptorq names its entry only as "module" (a browser build), which Node's resolution skips.
  resolve: { alias: [{ find: /^raptorq$/u, replacement: fileURLToPath(new URL('node_modules/raptorq/raptorq.js', import.meta.url)) }] },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // The move's frame codec reads raptorq's wasm from node_modules (test/unit/setup/raptorq-wasm.ts).
    setupFiles: ['test/unit/setup/raptorq-wasm.ts'],
    // …and an ES module in a package without "type": "module": Vite transforms it, not Node.
    server: { deps: { inline: ['raptorq'] } },
    testTimeout: 30_000,
  },
});
