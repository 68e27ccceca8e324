import { defineConfig } from 'vitest/config';

// `npm run bench` part 2: figures printed by scripts written as vitest files (TypeScript sources).
export default defineConfig({ test: { include: ['bench/**/*.bench.test.ts'], environment: 'node', testTimeout: 120_000 } });
