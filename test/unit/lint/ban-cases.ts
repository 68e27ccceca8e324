/**
 * @file The ban cases of lint-rules.test.ts: crypto.subtle outside src/core/crypto, page globals in
 * core and formats, and the docs/security.md bans, each with an allowed counterpart.
 */
import type { LintCase } from './layer-cases';

const SUBTLE = 'omamori/no-subtle';
const GLOBALS = 'no-restricted-globals';
const SYNTAX = 'no-restricted-syntax';

const subtlePairs: [bad: string, good: string][] = [
  ['const { subtle } = crypto;\nexport { subtle };', 'const { getRandomValues } = crypto;\nexport { getRandomValues };'],
  ['const { subtle } = globalThis.crypto;\nexport { subtle };', 'const { randomUUID } = globalThis.crypto;\nexport { randomUUID };'],
  ['const { crypto: { subtle } } = globalThis;\nexport { subtle };', 'const { crypto: { getRandomValues } } = globalThis;\nexport { getRandomValues };'],
  ['export const s = crypto.subtle;', 'export const r = crypto.getRandomValues(new Uint8Array(4));'],
  ['export const s = globalThis.crypto.subtle;', 'export const r = globalThis.crypto.randomUUID();'],
  ['export const s = window.crypto.subtle;', 'export const r = window.crypto.randomUUID();'],
  ['export const s = self.crypto.subtle;', 'export const r = self.crypto.randomUUID();'],
  ["export const s = crypto?.['subtle'];", 'export const theme = { subtle: true }.subtle;'],
];
const inUi = ([bad, good]: [string, string]): LintCase => ({ what: `ui: ${bad.split('\n')[0]}`, file: 'src/ui/codes/planted.ts', bad, rule: SUBTLE, good });
export const subtleCases: LintCase[] = [
  ...subtlePairs.map(inUi),
  {
    what: 'services: crypto.subtle (allowed in src/core/crypto)',
    file: 'src/services/vault/planted.ts',
    bad: 'const { subtle } = crypto;\nexport { subtle };',
    rule: SUBTLE,
    good: 'const { subtle } = crypto;\nexport { subtle };',
    goodFile: 'src/core/crypto/planted.ts',
  },
  {
    what: 'cli: subtle from node:crypto',
    file: 'src/cli/planted.ts',
    bad: "import { webcrypto } from 'node:crypto';\nexport const s = webcrypto.subtle;",
    rule: SUBTLE,
    good: "import { randomBytes } from 'node:crypto';\nexport { randomBytes };",
  },
];

export const globalCases: LintCase[] = [
  {
    what: 'core reads navigator',
    file: 'src/core/planted.ts',
    bad: 'export const online = navigator.onLine;',
    rule: GLOBALS,
    message: "'navigator'",
    good: 'export const online = navigator.onLine;',
    goodFile: 'src/services/browser/planted.ts',
  },
  {
    what: 'core reads document',
    file: 'src/core/planted.ts',
    bad: 'export const title = document.title;',
    rule: GLOBALS,
    message: "'document'",
    good: 'export const bytes = crypto.getRandomValues(new Uint8Array(4));',
  },
  {
    what: 'formats call globalThis.fetch',
    file: 'src/formats/import/planted.ts',
    bad: "export const load = () => globalThis.fetch('x');",
    rule: GLOBALS,
    message: "'fetch'",
    good: 'export const decode = (b: Uint8Array) => new TextDecoder().decode(b);',
  },
  {
    what: 'formats read self.location',
    file: 'src/formats/planted.ts',
    bad: 'export const here = self.location.href;',
    rule: GLOBALS,
    message: "'location'",
    good: 'export const here = (location: { href: string }) => location.href;',
  },
  {
    what: 'core reads globalThis.localStorage',
    file: 'src/core/planted.ts',
    bad: "export const x = globalThis.localStorage.getItem('k');",
    rule: GLOBALS,
    message: "'localStorage'",
    good: "export const x = (s: Map<string, string>) => s.get('k');",
  },
  {
    what: 'core tests for window',
    file: 'src/core/planted.ts',
    bad: "export const inPage = typeof window !== 'undefined';",
    rule: GLOBALS,
    message: "'window'",
    good: 'export type Page = typeof window;',
  },
  {
    what: 'core opens indexedDB',
    file: 'src/core/planted.ts',
    bad: "export const open = () => indexedDB.open('x');",
    rule: GLOBALS,
    message: "'indexedDB'",
    good: "export const open = () => indexedDB.open('x');",
    goodFile: 'src/storage/planted.ts',
  },
  {
    what: 'formats read sessionStorage',
    file: 'src/formats/planted.ts',
    bad: "export const x = sessionStorage.getItem('k');",
    rule: GLOBALS,
    message: "'sessionStorage'",
    good: "export const x = sessionStorage.getItem('k');",
    goodFile: 'src/ui/shared/planted.ts',
  },
  {
    what: 'core destructures a page global from globalThis',
    file: 'src/core/planted.ts',
    bad: 'const { navigator: nav } = globalThis;\nexport { nav };',
    rule: SYNTAX,
    message: 'core and formats are pure',
    good: 'const { crypto: c } = globalThis;\nexport { c };',
  },
];

const banPairs: [ban: string, bad: string][] = [
  ['innerHTML', "export const f = (el: Element) => { el.innerHTML = '<b>x</b>'; };"],
  ['outerHTML', 'export const f = (el: Element) => el.outerHTML;'],
  ['eval', "export const f = () => eval('1');"],
  ['new Function', "export const f = () => new Function('return 1');"],
  ['unsafeHTML', "import { unsafeHTML } from 'lit/directives/unsafe-html.js';\nexport { unsafeHTML };"],
  ['styleMap', "import { styleMap } from 'lit/directives/style-map.js';\nexport { styleMap };"],
];
export const banCases: LintCase[] = banPairs.map(([ban, bad]) => ({
  what: `ui uses ${ban}`,
  file: 'src/ui/shared/planted.ts',
  bad,
  rule: SYNTAX,
  message: ban,
  good: "import { classMap } from 'lit/directives/class-map.js';\nexport const f = (el: Element) => { el.textContent = 'x'; return classMap; };",
}));
