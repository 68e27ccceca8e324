// node scripts/make-licences.mjs → src/ui/about/licences.ts, the about page's licence list.
//
// Which packages: the ones whose code actually ends up in the app. A production build runs in
// memory (nothing written) with a plugin that records every node_modules module of every chunk,
// worker chunk and asset; their package.json gives name, version and SPDX licence, and the
// package's own LICENSE file gives the full text. simple-icons is added by hand: its icons reach
// the app as generated data, not as a module import.
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { build } from 'vite';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'src/ui/about/licences.ts');

/** Packages that ship no licence file: where their text is found instead. */
const TEXT_FALLBACKS = {
  // Apache-2.0 for the package, BSD-3-Clause for code derived from Google's protobuf (its header).
  '@bufbuild/protobuf': (dir) =>
    [
      readFileSync('/usr/share/common-licenses/Apache-2.0', 'utf8'),
      readFileSync(join(dir, 'dist/esm/wire/varint.js'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('//'))
        .map((l) => l.replace(/^\/\/ ?/, ''))
        .join('\n'),
    ].join('\n\n----\n\n'),
};

function packageRoot(file) {
  const parts = file.split(`${sep}node_modules${sep}`);
  if (parts.length < 2) return undefined;
  const rest = parts.at(-1).split(sep);
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return { name, dir: join(parts.slice(0, -1).join(`${sep}node_modules${sep}`), 'node_modules', name) };
}

const packages = new Map();
function record(id) {
  const clean = id.replace(/^\0/, '').split('?')[0];
  const pkg = packageRoot(clean);
  if (pkg && !packages.has(pkg.name)) packages.set(pkg.name, pkg.dir);
}
const collector = () => ({
  name: 'omamori-licence-collector',
  generateBundle(_options, bundle) {
    for (const item of Object.values(bundle)) {
      if (item.type === 'chunk') for (const id of item.moduleIds ?? Object.keys(item.modules ?? {})) record(id);
      else for (const name of item.originalFileNames ?? []) record(join(ROOT, name));
    }
  },
});

await build({
  root: ROOT,
  logLevel: 'warn',
  // Nothing of the app is written, but the PWA plugin writes its service worker: keep it out of dist/.
  build: { write: false, outDir: 'dist-e2e-licences', emptyOutDir: true },
  plugins: [collector()],
  worker: { plugins: () => [collector()] },
});

// The generated service worker bundles these workbox modules (precache, navigation route, claim).
const SERVICE_WORKER = ['workbox-core', 'workbox-precaching', 'workbox-routing'];
// Node-only dependencies (the CLI's image decoding): never in the app.
const NODE_ONLY = new Set(['sharp']);

/** A declared runtime dependency the build did not reach yet still counts, with its own dependencies. */
function addDeclared(name) {
  if (packages.has(name) || NODE_ONLY.has(name)) return;
  const dir = join(ROOT, 'node_modules', name);
  if (!existsSync(join(dir, 'package.json'))) return;
  packages.set(name, dir);
  for (const dep of Object.keys(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies ?? {})) addDeclared(dep);
}
for (const name of SERVICE_WORKER) addDeclared(name);
for (const name of Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies)) addDeclared(name);

function licenceText(name, dir) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (file) return readFileSync(join(dir, file), 'utf8').trim();
  const fallback = TEXT_FALLBACKS[name];
  if (fallback) return fallback(dir).trim();
  throw new Error(`${name} has no licence file; add a TEXT_FALLBACKS entry`);
}

const entries = [];
for (const [name, dir] of packages) {
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  entries.push({ name, version: meta.version, license: licenceName(meta), text: licenceText(name, dir) });
}

/** The SPDX name; older package.json files give `license` (or `licenses`) as `{ type, url }` objects. */
function licenceName(meta) {
  const named = [meta.license ?? meta.licenses].flat().map((l) => (typeof l === 'string' ? l : l?.type));
  if (named.length === 0 || named.some((l) => typeof l !== 'string')) throw new Error(`${meta.name} names no licence`);
  return named.join(' OR ');
}
const icons = join(ROOT, 'node_modules/simple-icons');
if (existsSync(icons)) {
  const meta = JSON.parse(readFileSync(join(icons, 'package.json'), 'utf8'));
  entries.push({ name: 'simple-icons', version: meta.version, license: meta.license, text: licenceText('simple-icons', icons), icons: true });
}
entries.sort((a, b) => a.name.localeCompare(b.name));
const own = {
  name: 'omamori',
  version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
  license: 'MIT',
  text: readFileSync(join(ROOT, 'LICENSE'), 'utf8').trim(),
};

const body = `/**
 * @file GENERATED by scripts/make-licences.mjs — do not edit; run \`node scripts/make-licences.mjs\`
 * after changing dependencies. The packages bundled into the app, with their licence texts.
 */
export interface LicenceEntry {
  readonly name: string;
  readonly version: string;
  /** SPDX expression from the package's package.json. */
  readonly license: string;
  readonly text: string;
  /** The icon set (brand names and logos are trademarks of their owners). */
  readonly icons?: boolean;
}

export const OWN_LICENCE: LicenceEntry = ${JSON.stringify(own, null, 2)};

export const LICENCES: readonly LicenceEntry[] = ${JSON.stringify(entries, null, 2)};
`;
writeFileSync(OUT, body);
console.log(`wrote ${OUT}: ${entries.map((e) => `${e.name} (${e.license})`).join(', ')}`);
