// Lint zones enforce ARCHITECTURE.md: which layer may import what, and the SECURITY.md bans.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const banned = [
  { selector: "MemberExpression[property.name='innerHTML']", message: 'innerHTML is banned (SECURITY.md).' },
  { selector: "MemberExpression[property.name='outerHTML']", message: 'outerHTML is banned (SECURITY.md).' },
  { selector: "CallExpression[callee.name='eval']", message: 'eval is banned (SECURITY.md).' },
  { selector: "NewExpression[callee.name='Function']", message: 'new Function is banned (SECURITY.md).' },
  { selector: "ImportSpecifier[imported.name='unsafeHTML']", message: 'unsafeHTML is banned (SECURITY.md).' },
  // Lit's styleMap writes a style attribute on first render, which style-src 'self' blocks.
  { selector: "ImportSpecifier[imported.name='styleMap']", message: 'styleMap sets inline style attributes; the CSP blocks them. Use classes.' },
];

// The decoders are big and lazily loaded: one module owns them (ARCHITECTURE.md, the scanner wrapper).
const noDecoders = {
  // A regex, not a gitignore-style group: 'qr-scanner' would also match './qr-scanner'.
  regex: '^(qr-scanner|zxing-wasm)',
  message: 'Only src/ui/scan/qr-decoder.ts imports qr-scanner and zxing-wasm (they are lazy chunks).',
};
const noDynamicDecoders = {
  selector: 'ImportExpression[source.value=/^(qr-scanner|zxing-wasm)/]',
  message: noDecoders.message,
};
const uiZone = [
  { group: ['dexie', '**/storage/**'], message: 'ui talks to services, never to the database.' },
  { group: ['**/core/crypto/**'], message: 'ui never does crypto.' },
];

const restrict = (patterns, extra = [], { decoders = false } = {}) => ({
  'no-restricted-imports': ['error', { patterns: decoders ? patterns : [...patterns, noDecoders] }],
  'no-restricted-syntax': ['error', ...banned, ...extra, ...(decoders ? [] : [noDynamicDecoders])],
});

const noSubtle = {
  selector: "MemberExpression[object.property.name='crypto'][property.name='subtle'], MemberExpression[object.name='crypto'][property.name='subtle']",
  message: 'Only src/core/crypto/ calls crypto.subtle.',
};

export default tseslint.config(
  { ignores: ['dist/', 'dist-e2e-*/', 'cli-dist/', 'dev-dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...banned],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.config.{js,ts}', 'e2e/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/**/*.ts'],
    rules: restrict([]),
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/crypto/**'],
    rules: restrict(
      [
        { group: ['dexie', 'lit', 'lit/*', 'qr-scanner', 'workbox-window', 'virtual:*'], message: 'core is pure (ARCHITECTURE.md).' },
        { group: ['**/storage/**', '**/services/**', '**/ui/**', '**/pwa/**', '**/formats/**'], message: 'core imports only core.' },
      ],
      [noSubtle],
    ),
  },
  {
    files: ['src/core/crypto/**/*.ts'],
    rules: restrict([
      { group: ['dexie', 'lit', 'lit/*', 'qr-scanner', 'workbox-window', 'virtual:*'], message: 'core is pure (ARCHITECTURE.md).' },
      { group: ['**/storage/**', '**/services/**', '**/ui/**', '**/pwa/**', '**/formats/**'], message: 'core imports only core.' },
    ]),
  },
  {
    files: ['src/formats/**/*.ts'],
    rules: restrict(
      [
        { group: ['dexie', 'lit', 'lit/*', 'qr-scanner', 'workbox-window', 'virtual:*'], message: 'formats are pure.' },
        { group: ['**/storage/**', '**/services/**', '**/ui/**', '**/pwa/**'], message: 'formats import only core.' },
      ],
      [noSubtle],
    ),
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: restrict(
      [{ group: ['lit', 'lit/*', 'qr-scanner', '**/services/**', '**/ui/**', '**/pwa/**'], message: 'storage sits below services.' }],
      [noSubtle],
    ),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: restrict(
      [{ group: ['lit', 'lit/*', 'qr-scanner', '**/ui/**', '**/pwa/**'], message: 'services must not import lit or ui.' }],
      [noSubtle],
    ),
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: restrict(uiZone, [noSubtle]),
  },
  {
    // The Node CLI: core, formats and Node; the en message table is a plain object it may reuse.
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict(
      [
        { group: ['dexie', 'lit', 'lit/*', 'qr-scanner', 'workbox-window', 'virtual:*'], message: 'the CLI runs in Node: no DOM libraries.' },
        { group: ['**/storage/**', '**/services/**', '**/pwa/**'], message: 'the CLI imports core and formats only.' },
        { regex: '/ui/(?!i18n/en$)', message: 'the CLI imports no ui module but the en message table (a plain object).' },
      ],
      [noSubtle],
      { decoders: true },
    ),
  },
  {
    files: ['src/ui/scan/qr-decoder.ts'],
    rules: restrict(uiZone, [noSubtle], { decoders: true }),
  },
);
