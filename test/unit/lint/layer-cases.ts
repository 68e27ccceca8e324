/**
 * @file The layer cases of lint-rules.test.ts: per layer, one import that docs/architecture.md
 * ("Allow-lists") forbids, and an allowed counterpart next to it.
 */

export const LAYERS = 'omamori/layer-imports';

export interface LintCase {
  what: string;
  /** Where the planted code pretends to live; the file need not exist. */
  file: string;
  bad: string;
  rule: string;
  /** A piece of the expected message, where one rule has several messages. */
  message?: string;
  /** The allowed counterpart; it lints `goodFile` (default: `file`). */
  good: string;
  goodFile?: string;
}

export const layerCases: LintCase[] = [
  {
    what: 'services import dexie directly',
    file: 'src/services/vault/planted.ts',
    bad: "import Dexie from 'dexie';\nexport { Dexie };",
    rule: LAYERS,
    message: "package 'dexie'",
    good: "import { liveQuery } from '../../storage/db';\nexport { liveQuery };",
  },
  {
    what: 'services import lit',
    file: 'src/services/vault/planted.ts',
    bad: "import { html } from 'lit';\nexport { html };",
    rule: LAYERS,
    message: "package 'lit'",
    good: "import { html } from 'lit';\nexport { html };",
    goodFile: 'src/ui/codes/planted.ts',
  },
  {
    what: 'services import ui',
    file: 'src/services/vault/planted.ts',
    bad: "import { showToast } from '../../ui/shared/toast-bus';\nexport { showToast };",
    rule: LAYERS,
    message: 'src/ui/shared/toast-bus',
    good: "import { parseImport } from '../../formats/import/registry';\nimport { AppError } from '../../core/errors';\nexport { parseImport, AppError };",
  },
  {
    what: 'ui imports the database module',
    file: 'src/ui/codes/planted.ts',
    bad: "import { openDb } from '../../storage/db';\nexport { openDb };",
    rule: LAYERS,
    message: 'src/storage/db',
    good: "import { getVault } from '../../services/browser/vault';\nexport { getVault };",
  },
  {
    what: 'ui imports core crypto',
    file: 'src/ui/codes/planted.ts',
    bad: "import { seal } from '../../core/crypto/aead';\nexport { seal };",
    rule: LAYERS,
    message: 'src/core/crypto/aead',
    good: "import { generateCode } from '../../core/codes';\nimport { t } from '../../messages/translate';\nexport { generateCode, t };",
  },
  {
    what: 'ui imports formats, even only their types',
    file: 'src/ui/backup/planted.ts',
    bad: "import type { ExportSkip } from '../../formats/export/registry';\nexport type { ExportSkip };",
    rule: LAYERS,
    message: 'src/formats/export/registry',
    good: "import type { ExportSkip } from '../../services/other-apps/other-apps';\nexport type { ExportSkip };",
  },
  {
    what: 'ui imports qr-scanner outside the decoder module',
    file: 'src/ui/scan/planted.ts',
    bad: "import type QrScanner from 'qr-scanner';\nexport type { QrScanner };",
    rule: LAYERS,
    message: 'qr-decoder.ts',
    good: "import type QrScanner from 'qr-scanner';\nexport type { QrScanner };",
    goodFile: 'src/ui/scan/qr-decoder.ts',
  },
  {
    what: 'the decoder module imports qr-scanner statically (it is a lazy chunk)',
    file: 'src/ui/scan/qr-decoder.ts',
    bad: "import QrScanner from 'qr-scanner';\nexport { QrScanner };",
    rule: LAYERS,
    message: 'only lazily',
    good: "export const load = () => import('qr-scanner');",
  },
  {
    what: 'ui loads zxing-wasm lazily outside the zxing Worker',
    file: 'src/ui/scan/planted.ts',
    bad: "export const load = () => import('zxing-wasm/reader');",
    rule: LAYERS,
    message: "package 'zxing-wasm'",
    good: "import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';\nexport const load = () => import('zxing-wasm/reader');\nexport { wasmUrl };",
    goodFile: 'src/ui/scan/zxing-worker.ts',
  },
  {
    what: 'the zxing Worker imports zxing-wasm statically (it loads on the first request)',
    file: 'src/ui/scan/zxing-worker.ts',
    bad: "import { readBarcodes } from 'zxing-wasm/reader';\nexport { readBarcodes };",
    rule: LAYERS,
    message: 'only lazily',
    good: "export const load = () => import('zxing-wasm/reader');",
  },
  {
    what: 'a dynamic import crosses a layer',
    file: 'src/services/backup/planted.ts',
    bad: "export const load = () => import('../../ui/about/omamori-about');",
    rule: LAYERS,
    message: 'src/ui/about/omamori-about',
    good: "export const load = () => import('../../formats/google-migration/codec');",
  },
  {
    what: 'a dynamic import has a computed specifier',
    file: 'src/ui/codes/planted.ts',
    bad: "const name = 'lit';\nexport const load = () => import(name);",
    rule: LAYERS,
    message: 'computed specifier',
    good: 'export const load = () => import(`@lit-labs/virtualizer/virtualize.js`);',
  },
  {
    what: 'export … from crosses a layer',
    file: 'src/services/enroll/planted.ts',
    bad: "export { OmamoriApp } from '../../ui/omamori-app';",
    rule: LAYERS,
    message: 'src/ui/omamori-app',
    good: "export { MigrationSession } from '../../formats/google-migration/session';",
  },
  {
    what: 'import(…) in a type crosses a layer',
    file: 'src/services/enroll/planted.ts',
    bad: "export type Scanner = typeof import('qr-scanner');",
    rule: LAYERS,
    message: "package 'qr-scanner'",
    good: "export type Session = import('../../formats/google-migration/session').MigrationSession;",
  },
  {
    what: 'a worker URL points into another layer',
    file: 'src/services/browser/planted.ts',
    bad: "export const url = new URL('../../ui/shared/toast-bus.ts', import.meta.url);",
    rule: LAYERS,
    message: 'src/ui/shared/toast-bus',
    good: "export const url = new URL('../../core/crypto/argon2.worker.ts', import.meta.url);",
  },
  {
    what: 'core imports formats',
    file: 'src/core/planted.ts',
    bad: "import { IMPORTERS } from '../formats/import/registry';\nexport { IMPORTERS };",
    rule: LAYERS,
    message: 'src/formats/import/registry',
    good: "import { AppError } from './errors';\nimport { hmac } from '@noble/hashes/hmac.js';\nexport { AppError, hmac };",
  },
  {
    what: 'core imports an unlisted package',
    file: 'src/core/planted.ts',
    bad: "export const load = () => import('@zip.js/zip.js');",
    rule: LAYERS,
    message: "package '@zip.js/zip.js'",
    good: "export const load = () => import('@zip.js/zip.js');",
    goodFile: 'src/formats/import/planted.ts',
  },
  {
    what: 'the app loads libsodium (a development dependency: the tests check core/crypto/sodium.ts against it)',
    file: 'src/core/crypto/sodium.ts',
    bad: "export const load = () => import('libsodium-wrappers-sumo');",
    rule: LAYERS,
    message: 'development dependency',
    good: "import { chacha20 } from '@noble/ciphers/chacha.js';\nexport { chacha20 };",
  },
  {
    what: 'formats import services',
    file: 'src/formats/import/planted.ts',
    bad: "import { getVault } from '../../services/browser/vault';\nexport { getVault };",
    rule: LAYERS,
    message: 'src/services/browser/vault',
    good: "import { AppError } from '../../core/errors';\nimport { openSealed } from '../../core/crypto/other-apps';\nexport { AppError, openSealed };",
  },
  {
    what: 'storage imports services',
    file: 'src/storage/planted.ts',
    bad: "import { getVault } from '../services/browser/vault';\nexport { getVault };",
    rule: LAYERS,
    message: 'src/services/browser/vault',
    good: "import Dexie from 'dexie';\nimport type { AccountData } from '../core/account';\nimport { AppError } from '../core/errors';\nexport { Dexie, AppError };\nexport type { AccountData };",
  },
  {
    what: 'storage imports core code (core types only, and the typed errors)',
    file: 'src/storage/planted.ts',
    bad: "import { validateAccount } from '../core/account';\nexport { validateAccount };",
    rule: LAYERS,
    message: 'except with `import type`',
    good: "import type { validateAccount } from '../core/account';\nexport type { validateAccount };",
  },
  {
    what: 'messages import ui',
    file: 'src/messages/planted.ts',
    bad: "import { showToast } from '../ui/shared/toast-bus';\nexport { showToast };",
    rule: LAYERS,
    message: 'src/ui/shared/toast-bus',
    good: "import { AppError } from '../core/errors';\nimport type { AccountData } from '../core/account';\nexport { AppError };\nexport type { AccountData };",
  },
  {
    what: 'messages import core code beyond errors',
    file: 'src/messages/planted.ts',
    bad: "import { generateCode } from '../core/codes';\nexport { generateCode };",
    rule: LAYERS,
    message: 'except with `import type`',
    good: "import { en } from './en';\nexport { en };",
  },
  {
    what: 'pwa imports a ui module other than the toasts',
    file: 'src/pwa/planted.ts',
    bad: "import { OmamoriApp } from '../ui/omamori-app';\nexport { OmamoriApp };",
    rule: LAYERS,
    message: 'src/ui/omamori-app',
    good: "import { registerSW } from 'virtual:pwa-register';\nimport { showToast } from '../ui/shared/toast-bus';\nimport { t } from '../messages/translate';\nexport { registerSW, showToast, t };",
  },
  {
    what: 'cli imports ui',
    file: 'src/cli/planted.ts',
    bad: "import { showToast } from '../ui/shared/toast-bus';\nexport { showToast };",
    rule: LAYERS,
    message: 'src/ui/shared/toast-bus',
    good: "import { readFile } from 'node:fs/promises';\nimport { IMPORTERS } from '../formats/import/registry';\nimport { en } from '../messages/en';\nimport { version } from '../../package.json';\nexport { readFile, IMPORTERS, en, version };",
  },
  {
    what: 'cli imports a Node built-in without node:',
    file: 'src/cli/planted.ts',
    bad: "import { readFile } from 'fs/promises';\nexport { readFile };",
    rule: LAYERS,
    message: "package 'fs'",
    good: "export const load = () => Promise.all([import('sharp'), import('zxing-wasm/reader'), import('qrcode')]);",
  },
  {
    what: 'an entry file imports storage',
    file: 'src/main.ts',
    bad: "import { openDb } from './storage/db';\nexport { openDb };",
    rule: LAYERS,
    message: 'src/storage/db',
    good: "import './boot';\nimport './ui/omamori-app';\nexport const load = () => import('./pwa/register-sw');",
  },
  {
    what: 'an entry file imports a service other than the browser wiring',
    file: 'src/boot.ts',
    bad: "import { Vault } from './services/vault/vault';\nexport { Vault };",
    rule: LAYERS,
    message: 'src/services/vault/vault',
    good: "import { startVault } from './services/browser/vault';\nexport { startVault };",
  },
  {
    what: 'a file of src/ is in no layer',
    file: 'src/widgets/planted.ts',
    bad: 'export const x = 1;',
    rule: LAYERS,
    message: 'no layer',
    good: 'export const x = 1;',
    goodFile: 'src/ui/widgets/planted.ts',
  },
];
