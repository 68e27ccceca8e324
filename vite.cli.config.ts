import { defineConfig } from 'vite';

// `npm run build:cli`: the Node CLI as ES modules in cli-dist/ (gitignored), built from the same
// src/core and src/formats as the app. Node has no compile cache before 22.1, so every file a
// command loads is found, read and compiled on each run: the small pure-JS packages every command
// needs are bundled in (one file instead of some thirty under node_modules; issue 13 measured the
// commands chunk's load at less than half). Everything else stays external and loaded from
// node_modules at run time: native and WASM packages (sharp, zxing-wasm, hash-wasm) must, and the rest are imported lazily by the one kind of file that needs them.
export default defineConfig({
  publicDir: false,
  ssr: { noExternal: ['@noble/hashes', 'otpauth', '@bufbuild/protobuf'] },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'cli-dist',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    rollupOptions: { output: { entryFileNames: 'omamori.mjs' } },
  },
});
