/**
 * @file The one module that loads kdbxweb (KeeWeb's KDBX 3.1/4 reader and writer), on first
 * use: it is a lazy chunk of its own, fetched only when a KeePass database is opened or
 * written (docs/architecture.md). kdbxweb ships no Argon2: it is given hash-wasm's, through
 * core/crypto (the Argon2 the vault already uses), before the first call.
 */
import { argon2Raw } from '../../core/crypto/other-apps';

export type Kdbxweb = typeof import('kdbxweb');

let loading: Promise<Kdbxweb> | undefined;

/** kdbxweb with Argon2d/Argon2id from hash-wasm. */
export function loadKdbxweb(): Promise<Kdbxweb> {
  loading ??= import('kdbxweb').then((mod) => {
    // A UMD (CommonJS) module: Node's ESM loader puts it under `default`, bundlers may not.
    const kdbxweb = (mod as Kdbxweb & { default?: Kdbxweb }).default ?? mod;
    kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type) => {
      // kdbxweb passes memory in KiB; type 0 is Argon2d, 2 Argon2id (the version is 1.3: header.ts refuses others).
      const out = await argon2Raw(type === 0 ? 'd' : 'id', new Uint8Array(password), new Uint8Array(salt), {
        memoryKiB: memory,
        iterations,
        parallelism,
        length,
      });
      return out.slice().buffer;
    });
    return kdbxweb;
  });
  return loading;
}
