import { defineConfig } from 'vite';

// `npm run build:cli`: the Node CLI as one ES module in cli-dist/ (gitignored), built from the
// same src/core and src/formats as the app. Dependencies stay external (node_modules at run time).
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'cli-dist',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    rollupOptions: { output: { entryFileNames: 'omamori.mjs' } },
  },
});
