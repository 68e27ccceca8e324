/**
 * @file libsodium primitives that Ente Auth's encrypted export uses (src/formats/import):
 * crypto_pwhash Argon2id13 and one crypto_secretstream_xchacha20poly1305 pull. libsodium is
 * ~1 MB of wasm, so it is imported on first use and never enters the start-up bundle.
 * Callers bound the KDF parameters; failures here are thrown as AppErrors.
 */
import { AppError } from '../errors';
import { asBytes, type Bytes } from './bytes';

type Sodium = typeof import('libsodium-wrappers-sumo').default;

let loading: Promise<Sodium> | undefined;

async function loadSodium(): Promise<Sodium> {
  loading ??= import('libsodium-wrappers-sumo').then(async (mod) => {
    const sodium = mod.default;
    await sodium.ready;
    return sodium;
  });
  return loading;
}

const SECRETSTREAM_HEADER_BYTES = 24;
/** What each secretstream message adds to its plaintext: a tag byte and the 16-byte MAC. */
const SECRETSTREAM_ABYTES = 17;

/** crypto_pwhash(32 bytes, ALG_ARGON2ID13). memLimit in bytes. 'crypto/kdf-memory' when it cannot allocate. */
export async function sodiumArgon2id(password: Uint8Array, salt: Uint8Array, opsLimit: number, memLimit: number): Promise<Bytes> {
  const sodium = await loadSodium();
  if (salt.length !== sodium.crypto_pwhash_SALTBYTES) throw new AppError('crypto/kdf-params');
  try {
    return asBytes(sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13));
  } catch (err) {
    // libsodium's only failure for valid parameters is running out of memory.
    throw new AppError('crypto/kdf-memory', { cause: err });
  }
}

/**
 * Decrypts a secretstream that holds its messages back to back (`chunkBytes` of plaintext each,
 * plus 17 bytes of overhead; one message when the stream is shorter). 'crypto/integrity' on a
 * bad tag or a stream that does not end with TAG_FINAL or a single message.
 */
export async function secretstreamPull(key: Uint8Array, header: Uint8Array, stream: Uint8Array, chunkBytes: number): Promise<Bytes> {
  const sodium = await loadSodium();
  if (header.length !== SECRETSTREAM_HEADER_BYTES || key.length !== 32) throw new AppError('crypto/integrity');
  let state;
  try {
    state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  } catch (err) {
    throw new AppError('crypto/integrity', { cause: err });
  }
  const parts: Uint8Array[] = [];
  const step = chunkBytes + SECRETSTREAM_ABYTES;
  for (let offset = 0; offset < stream.length; offset += step) {
    let out: { message: Uint8Array; tag: number } | false;
    try {
      out = sodium.crypto_secretstream_xchacha20poly1305_pull(state, stream.subarray(offset, offset + step), null);
    } catch (err) {
      throw new AppError('crypto/integrity', { cause: err });
    }
    if (out === false) throw new AppError('crypto/integrity');
    parts.push(out.message);
    const last = offset + step >= stream.length;
    if (out.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL && !last) throw new AppError('crypto/integrity');
  }
  if (parts.length === 0) throw new AppError('crypto/integrity');
  const total = parts.reduce((n, p) => n + p.length, 0);
  const plain = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    plain.set(p, at);
    at += p.length;
  }
  return plain;
}
