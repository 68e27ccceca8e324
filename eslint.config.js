// Lint enforces docs/architecture.md ("Allow-lists": which layer may import what) and the docs/security.md bans.
// Every rule here has a planted violation in test/unit/lint/ that proves it can fail.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

const banned = [
  { selector: "MemberExpression[property.name='innerHTML']", message: 'innerHTML is banned (docs/security.md).' },
  { selector: "MemberExpression[property.name='outerHTML']", message: 'outerHTML is banned (docs/security.md).' },
  { selector: "CallExpression[callee.name='eval']", message: 'eval is banned (docs/security.md).' },
  { selector: "NewExpression[callee.name='Function']", message: 'new Function is banned (docs/security.md).' },
  { selector: "ImportSpecifier[imported.name='unsafeHTML']", message: 'unsafeHTML is banned (docs/security.md).' },
  // Lit's styleMap writes a style attribute on first render, which style-src 'self' blocks.
  { selector: "ImportSpecifier[imported.name='styleMap']", message: 'styleMap sets inline style attributes; the CSP blocks them. Use classes.' },
];

// ---------------------------------------------------------------------------------------------
// Layers as allow-lists. A file's layer is the first entry whose `files` match it; a file of src/
// in no layer fails. An import passes only if its target is allowed:
//   modules      relative specifiers, resolved against the importing file, as repo paths without
//                extension: 'src/core/' is the folder, 'src/core/errors' one module; a leading '!'
//                takes a path back out; the last matching entry wins.
//   typeModules  the same, for imports erased at compile time only (`import type`, `export type`,
//                `import('x').T`). Not `import { type T }`: with verbatimModuleSyntax that
//                compiles to `import {} from 'x'`, which still loads the module.
//   packages     bare specifiers by package name ('lit' covers 'lit/directives/…'); '@scope/*'
//                and 'node:*' match by prefix; 'virtual:…' names are matched whole.
//   lazyPackages (FILE_EXCEPTIONS only) packages a file may load only lazily: by import(), in
//                types, or as a Vite `?url` asset (a URL string; the bytes are fetched later).
// Covered forms: import, import type, export … from, export * from, import(), import('x').T in
// types, import x = require(), require(), and new URL('./x', import.meta.url) (Vite bundles the
// target, e.g. the KDF worker). import() of a computed specifier fails: it cannot be checked.
// ---------------------------------------------------------------------------------------------
const LAYERS = {
  // What core uses today; @bufbuild/protobuf (named in docs/architecture.md) is used by formats only.
  // @scure/bip39 and shamir-secret-sharing: the recovery kit's audited word lists and Shamir (core/recovery/).
  // @noble/ciphers: ChaCha20 and Poly1305 for Ente's secretstream (core/crypto/sodium.ts).
  core: {
    files: ['src/core/'],
    modules: ['src/core/'],
    packages: ['otpauth', 'hash-wasm', '@noble/hashes', '@noble/ciphers', '@scure/bip39', 'shamir-secret-sharing'],
  },
  formats: { files: ['src/formats/'], modules: ['src/formats/', 'src/core/'], packages: ['@bufbuild/protobuf', '@zip.js/zip.js'] },
  storage: {
    files: ['src/storage/'],
    // Core types only, but for the typed errors: toStorageError() maps Dexie failures to
    // AppError (instanceof + new): code throws typed errors (docs/architecture.md: "core's types and errors").
    modules: ['src/storage/', 'src/core/errors'],
    typeModules: ['src/core/'],
    packages: ['dexie'],
  },
  // No packages: no lit, and no dexie (services reach the database through src/storage).
  services: { files: ['src/services/'], modules: ['src/services/', 'src/storage/', 'src/formats/', 'src/core/'], packages: [] },
  // The message tables and the error presenter: AppError codes at run time, other core types only.
  messages: { files: ['src/messages/'], modules: ['src/messages/', 'src/core/errors'], typeModules: ['src/core/'], packages: [] },
  ui: {
    files: ['src/ui/'],
    // The issue said "core types"; the UI also calls pure core functions (code generation,
    // account sorting and search, QR paths, passphrase strength), which are DOM-free and
    // side-effect-free, so moving them behind a service would add indirection and nothing else.
    // What the UI must never reach is the crypto: src/core/crypto is out, types included.
    // Not formats, not even their types: services re-export the shapes they hand over.
    modules: ['src/ui/', 'src/services/', 'src/messages/', 'src/core/', '!src/core/crypto/'],
    packages: ['lit', '@lit-labs/*', 'qrcode'],
  },
  // The update/offline prompt: toasts from the UI and their sentences.
  pwa: {
    files: ['src/pwa/'],
    modules: ['src/pwa/', 'src/messages/', 'src/ui/shared/toast-bus', 'src/ui/shared/omamori-toast'],
    packages: ['virtual:pwa-register', 'workbox-window'],
  },
  cli: {
    files: ['src/cli/'],
    // package.json: `omamori --version` prints the version Vite inlines from it.
    modules: ['src/cli/', 'src/formats/', 'src/core/', 'src/messages/', 'package.json'],
    // sharp and zxing-wasm read QR images in Node; qrcode prints them.
    packages: ['node:*', 'sharp', 'zxing-wasm', 'qrcode'],
  },
  // The entry files: boot (starts the vault), the app shell, and the service worker later; and the
  // early read's own entry (index.html loads it before the app), which only begins the start read.
  entry: {
    files: ['src/main.ts', 'src/boot.ts', 'src/early-read.ts'],
    modules: ['src/main', 'src/boot', 'src/ui/', 'src/services/browser/', 'src/pwa/', 'src/storage/early-read'],
    packages: [],
  },
};

// Single files that may import what the rest of their layer may not (added to their layer's lists).
const FILE_EXCEPTIONS = [
  // The decoders are big lazy chunks: one module owns them (docs/architecture.md). Its static
  // import of 'zxing-wasm/reader/zxing_reader.wasm?url' is only the wasm file's URL.
  { files: ['src/ui/scan/qr-decoder.ts'], lazyPackages: ['qr-scanner'] },
  // zxing reads in its own Worker (started by qr-decoder.ts), which loads it on the first request.
  { files: ['src/ui/scan/zxing-worker.ts'], lazyPackages: ['zxing-wasm'] },
  // Preferences files (#17): an XML parser, loaded by one module when such a file is read.
  { files: ['src/formats/import/android-xml.ts'], lazyPackages: ['@xmldom/xmldom'] },
  // kdbxweb (KeePass databases) is a lazy chunk of its own: one module loads it (#17).
  { files: ['src/formats/kdbx/kdbxweb.ts'], lazyPackages: ['kdbxweb'] },
  // bc-ur (the paper backup's codes) needs Node's Buffer: one module loads both, lazily.
  { files: ['src/formats/paper/paper.ts'], lazyPackages: ['@ngraveio/bc-ur', 'buffer'] },
  // RaptorQ in WebAssembly (the animated QR code of a move between phones): one module loads it,
  // lazily; its static import of 'raptorq/raptorq_bg.wasm?url' is only the wasm file's URL.
  { files: ['src/formats/move/frames.ts'], lazyPackages: ['raptorq'] },
];

const PACKAGE_HINTS = {
  'qr-scanner': 'Only src/ui/scan/qr-decoder.ts imports qr-scanner (a lazy chunk).',
  'zxing-wasm': 'Only src/ui/scan/zxing-worker.ts (and the CLI) import zxing-wasm (in its Worker, lazily).',
  'libsodium-wrappers-sumo': 'libsodium is a development dependency: the unit tests check core/crypto/sodium.ts against it.',
  kdbxweb: 'Only src/formats/kdbx/kdbxweb.ts loads kdbxweb (lazily).',
  dexie: 'Only src/storage talks to Dexie; services go through it.',
  lit: 'Lit belongs to src/ui.',
};

const toPosix = (p) => p.split(path.sep).join('/');
const dropExt = (p) => p.replace(/\.(d\.ts|ts|mts|js|mjs)$/, '');

/** Gitignore-like: the last matching entry wins, '!' negates. */
function matchesPath(list, target) {
  let hit = false;
  for (const entry of list) {
    const negated = entry.startsWith('!');
    const pat = negated ? entry.slice(1) : entry;
    const matched = pat.endsWith('/') ? target === pat.slice(0, -1) || target.startsWith(pat) : target === dropExt(pat);
    if (matched) hit = !negated;
  }
  return hit;
}

/** 'lit/directives/live.js' → 'lit', '@noble/hashes/sha2.js' → '@noble/hashes'; 'node:…' and 'virtual:…' whole. */
function packageName(spec) {
  if (spec.includes(':')) return spec;
  const parts = spec.split('/');
  return parts.slice(0, spec.startsWith('@') ? 2 : 1).join('/');
}
const matchesPackage = (list, name) => list.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));

function policyFor(file) {
  const entry = Object.entries(LAYERS).find(([, l]) => matchesPath(l.files, file));
  if (!entry) return undefined;
  const [name, layer] = entry;
  const extra = FILE_EXCEPTIONS.filter((e) => matchesPath(e.files, file));
  return {
    name,
    modules: [...layer.modules, ...extra.flatMap((e) => e.modules ?? [])],
    typeModules: layer.typeModules ?? [],
    packages: [...layer.packages, ...extra.flatMap((e) => e.packages ?? [])],
    lazyPackages: extra.flatMap((e) => e.lazyPackages ?? []),
  };
}

const stringValue = (node) => {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
};
const isImportMetaUrl = (node) =>
  node?.type === 'MemberExpression' && node.object.type === 'MetaProperty' && node.object.meta.name === 'import' && node.property.name === 'url';

const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer of src/ imports only what LAYERS in eslint.config.js allows.' },
    schema: [],
    messages: {
      noLayer: '{{file}} is in no layer: add its folder to LAYERS in eslint.config.js.',
      computed: 'import() with a computed specifier cannot be checked against the layer allow-list: use a string literal.',
      module: "Layer '{{layer}}' may not import {{target}}{{typeHint}} (allowed: {{allowed}}).",
      package: "Layer '{{layer}}' may not import the package '{{target}}' (allowed: {{allowed}}).{{hint}}",
      lazy: "{{file}} may load '{{target}}' only lazily: import() it (types and `?url` assets are fine).",
    },
  },
  create(context) {
    const file = toPosix(path.relative(ROOT, context.filename));
    const policy = policyFor(dropExt(file));
    if (!policy) {
      return { Program: (node) => context.report({ node, messageId: 'noLayer', data: { file } }) };
    }
    // kind: 'static' (loads the module with this one), 'dynamic' (import()), or 'type' (erased).
    const check = (node, spec, kind) => {
      const [bare, query] = spec.split('?');
      const typeOnly = kind === 'type';
      if (bare.startsWith('.') || bare.startsWith('/')) {
        const abs = bare.startsWith('/') ? path.join(ROOT, bare) : path.resolve(path.dirname(context.filename), bare);
        const target = dropExt(toPosix(path.relative(ROOT, abs)));
        if (matchesPath(policy.modules, target)) return;
        if (typeOnly && matchesPath(policy.typeModules, target)) return;
        const typeHint = !typeOnly && matchesPath(policy.typeModules, target) ? ' except with `import type`' : '';
        const allowed = [...policy.modules, ...policy.typeModules.map((m) => `${m} (types)`)].join(', ');
        context.report({ node, messageId: 'module', data: { layer: policy.name, target, typeHint, allowed } });
        return;
      }
      const name = packageName(bare);
      if (matchesPackage(policy.packages, name)) return;
      if (matchesPackage(policy.lazyPackages, name)) {
        if (kind !== 'static' || query === 'url') return;
        context.report({ node, messageId: 'lazy', data: { file, target: name } });
        return;
      }
      const hint = PACKAGE_HINTS[name] ? ` ${PACKAGE_HINTS[name]}` : '';
      const allowed = policy.packages.join(', ') || 'none';
      context.report({ node, messageId: 'package', data: { layer: policy.name, target: name, allowed, hint } });
    };
    const checkSource = (node, source, kind) => {
      const spec = stringValue(source);
      if (spec === undefined) context.report({ node, messageId: 'computed' });
      else check(node, spec, kind);
    };
    const declKind = (node) => ((node.importKind ?? node.exportKind) === 'type' ? 'type' : 'static');
    return {
      ImportDeclaration: (node) => check(node, node.source.value, declKind(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, declKind(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, declKind(node)),
      ImportExpression: (node) => checkSource(node, node.source, 'dynamic'),
      TSImportType: (node) => {
        const spec = stringValue(node.argument?.literal ?? node.argument);
        if (spec !== undefined) check(node, spec, 'type');
      },
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') checkSource(node, node.moduleReference.expression, declKind(node));
      },
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) checkSource(node, node.arguments[0], 'static');
      },
      NewExpression: (node) => {
        const spec = stringValue(node.arguments[0]);
        if (node.callee.name === 'URL' && isImportMetaUrl(node.arguments[1]) && spec !== undefined && /^\.\.?\//.test(spec)) check(node, spec, 'static');
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// crypto.subtle only in src/core/crypto: member access on anything crypto-like (`crypto`,
// `x.crypto`, Node's `webcrypto`, a name bound to 'node:crypto'), computed or optional, and
// destructuring (`const { subtle } = crypto`, `= globalThis.crypto`, `{ crypto: { subtle } } =
// globalThis`), and `import { subtle } from 'node:crypto'`. Plain aliasing (`const c = crypto;
// c.subtle`) needs type information and is left to review.
// ---------------------------------------------------------------------------------------------
const CRYPTO_NAMES = new Set(['crypto', 'webcrypto']);
const CRYPTO_MODULES = new Set(['crypto', 'node:crypto']);
const propertyName = (node) => (node.computed ? stringValue(node.property) : node.property.name);
const keyName = (prop) => (prop.computed ? stringValue(prop.key) : (prop.key.name ?? prop.key.value));

const noSubtle = {
  meta: {
    type: 'problem',
    docs: { description: 'Only src/core/crypto/ calls crypto.subtle.' },
    schema: [],
    messages: { subtle: 'Only src/core/crypto/ calls crypto.subtle (docs/architecture.md, docs/security.md).' },
  },
  create(context) {
    const cryptoBindings = new Set();
    const isCrypto = (node) => {
      if (!node) return false;
      if (node.type === 'ChainExpression') return isCrypto(node.expression);
      if (node.type === 'Identifier') return CRYPTO_NAMES.has(node.name) || cryptoBindings.has(node.name);
      if (node.type === 'MemberExpression') return CRYPTO_NAMES.has(propertyName(node));
      return false;
    };
    // The value an object pattern destructures: `= init`, `= right`, a default, or `crypto: {…}`.
    const isCryptoPattern = (pattern) => {
      const parent = pattern.parent;
      if (parent.type === 'VariableDeclarator' && parent.id === pattern) return isCrypto(parent.init);
      if ((parent.type === 'AssignmentExpression' || parent.type === 'AssignmentPattern') && parent.left === pattern) return isCrypto(parent.right);
      if (parent.type === 'Property' && parent.value === pattern) return CRYPTO_NAMES.has(keyName(parent));
      return false;
    };
    return {
      ImportDeclaration(node) {
        if (!CRYPTO_MODULES.has(node.source.value)) return;
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier' && (s.imported.name ?? s.imported.value) === 'subtle') context.report({ node: s, messageId: 'subtle' });
          else if (s.type !== 'ImportSpecifier') cryptoBindings.add(s.local.name);
        }
      },
      MemberExpression(node) {
        if (propertyName(node) === 'subtle' && isCrypto(node.object)) context.report({ node, messageId: 'subtle' });
      },
      'ObjectPattern > Property'(node) {
        if (keyName(node) === 'subtle' && isCryptoPattern(node.parent)) context.report({ node, messageId: 'subtle' });
      },
    };
  },
};

const omamori = { meta: { name: 'omamori-local' }, rules: { 'layer-imports': layerImports, 'no-subtle': noSubtle } };

// core and formats are pure: no page, no storage, no network (tsconfig.core.json hides the DOM
// types too; this also catches the globals that WebWorker types still declare).
const PAGE_GLOBALS = ['window', 'document', 'navigator', 'indexedDB', 'localStorage', 'sessionStorage', 'location', 'fetch'];
const pureMessage = 'core and formats are pure: no page, storage or network globals (docs/architecture.md).';
const noPageGlobalDestructuring = {
  selector: `VariableDeclarator[init.name=/^(globalThis|self|window)$/] > ObjectPattern > Property[key.name=/^(${PAGE_GLOBALS.join('|')})$/]`,
  message: pureMessage,
};

export default tseslint.config(
  {
    ignores: ['dist/', 'dist-e2e-*/', 'dist-engines*/', 'cli-dist/', 'dev-dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/', '.tmp/'],
  },
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
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.config.{js,ts}', 'e2e/**/*.ts', 'test/**/*.ts', 'e2e-engines/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The engine journeys' in-page functions run with e2e-engines/page-scripts.mjs in scope.
    files: ['e2e-engines/journeys.mjs', 'e2e-engines/steps.mjs'],
    languageOptions: { globals: { cards: 'readonly', deepAll: 'readonly', features: 'readonly', overflowX: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { omamori },
    rules: { 'omamori/layer-imports': 'error', 'omamori/no-subtle': 'error' },
  },
  {
    files: ['src/core/crypto/**/*.ts'],
    rules: { 'omamori/no-subtle': 'off' },
  },
  {
    files: ['src/core/**/*.ts', 'src/formats/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { globals: PAGE_GLOBALS.map((name) => ({ name, message: pureMessage })), checkGlobalObject: true }],
      'no-restricted-syntax': ['error', ...banned, noPageGlobalDestructuring],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
