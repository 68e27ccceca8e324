import { defineConfig } from 'vitest/config';

// Writers of committed test fixtures: run by hand, once per released format version.
export default defineConfig({ test: { include: ['test/fixture-writers/**/*.test.ts'], environment: 'node' } });
