/**
 * @file The two libsodium operations Ente Auth's encrypted export uses (src/formats/import), without
 * libsodium: crypto_pwhash with ALG_ARGON2ID13 is standard Argon2id (hash-wasm, as for the vault),
 * and one crypto_secretstream_xchacha20poly1305 pull is built here from @noble/ciphers' audited
 * HChaCha20, ChaCha20 (IETF) and Poly1305, following libsodium's
 * crypto_secretstream/xchacha20poly1305/secretstream_xchacha20poly1305.c step by step. libsodium's
 * build was 151 KB (brotli) of the service worker's precache for this one import (#13); its
 * wrapper stays a development dependency, and the unit tests check this pull against its push.
 * Callers bound the KDF parameters; failures here are thrown as AppErrors.
 */
import { AppError } from '../errors';
import { concatBytes, utf8Encode, type Bytes } from './bytes';
import { argon2idRaw } from './kdf';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const HEADER_BYTES = 24;
const MAC_BYTES = 16;
/** What each secretstream message adds to its plaintext: a tag byte and the 16-byte MAC. */
const ABYTES = 1 + MAC_BYTES;
const TAG_REKEY = 0x02;
const TAG_FINAL = 0x03;

/** crypto_pwhash(32 bytes, ALG_ARGON2ID13): Argon2id v1.3, one lane, memLimit bytes (rounded down to KiB), opsLimit passes. */
export async function sodiumArgon2id(password: Uint8Array, salt: Uint8Array, opsLimit: number, memLimit: number): Promise<Bytes> {
  if (salt.length !== SALT_BYTES) throw new AppError('crypto/kdf-params');
  return argon2idRaw(password, { salt, m: Math.floor(memLimit / 1024), t: opsLimit, p: 1 });
}

/** @noble/ciphers' parts, loaded with the first pull: nothing else (no other importer, no CLI command) loads them. */
type Primitives = typeof import('@noble/ciphers/chacha.js') & typeof import('@noble/ciphers/_poly1305.js') & typeof import('@noble/ciphers/utils.js');
let loading: Promise<Primitives> | undefined;
function primitives(): Promise<Primitives> {
  loading ??= Promise.all([import('@noble/ciphers/chacha.js'), import('@noble/ciphers/_poly1305.js'), import('@noble/ciphers/utils.js')]).then(
    ([chacha, poly, utils]) => ({ ...chacha, ...poly, ...utils }),
  );
  return loading;
}

/** A 32-bit word view of bytes (a copy), in the host order @noble/ciphers' word functions take. */
const words = (bytes: Uint8Array): Uint32Array => new Uint32Array(Uint8Array.from(bytes).buffer);

/** HChaCha20(key, first 16 bytes of the header): the stream's key (crypto_core_hchacha20). */
function subkey({ hchacha }: Primitives, key: Uint8Array, input: Uint8Array): Uint8Array {
  const out = new Uint32Array(8);
  hchacha(words(utf8Encode('expand 32-byte k')), words(key), words(input), out);
  return new Uint8Array(out.buffer);
}

/** The pull side's state: the key, and the ChaCha20 nonce = 4-byte little-endian counter ‖ 8-byte inonce. */
interface PullState {
  k: Uint8Array;
  nonce: Uint8Array;
}

function resetCounter(state: PullState): void {
  state.nonce.set([1, 0, 0, 0]);
}

/** crypto_secretstream_xchacha20poly1305_rekey: key ‖ inonce XORed with the stream at block 0. */
function rekey({ chacha20 }: Primitives, state: PullState): void {
  const both = new Uint8Array(KEY_BYTES + 8);
  both.set(state.k);
  both.set(state.nonce.subarray(4), KEY_BYTES);
  chacha20(state.k, state.nonce, both, both, 0);
  state.k = both.slice(0, KEY_BYTES);
  state.nonce.set(both.subarray(KEY_BYTES), 4);
  resetCounter(state);
}

const le64 = (n: number): Uint8Array => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
};

/** One crypto_secretstream_xchacha20poly1305_pull without additional data: the message and its tag, or null on a bad MAC. */
function pullOne(p: Primitives, state: PullState, input: Uint8Array): { message: Uint8Array; tag: number } | null {
  const { chacha20, poly1305, equalBytes } = p;
  const mlen = input.length - ABYTES;
  const polyKey = chacha20(state.k, state.nonce, new Uint8Array(64), undefined, 0).subarray(0, 32);
  // The tag byte is encrypted as the first byte of block 1; the MAC covers that block whole.
  const block = new Uint8Array(64);
  block[0] = input[0]!;
  chacha20(state.k, state.nonce, block, block, 1);
  const tag = block[0]!;
  block[0] = input[0]!;
  const c = input.subarray(1, 1 + mlen);
  // libsodium pads the ciphertext with (0x10 - 64 + mlen) & 0xf zero bytes, i.e. mlen mod 16.
  const mac = poly1305
    .create(polyKey)
    .update(block)
    .update(c)
    .update(new Uint8Array((0x10 - 64 + mlen) & 0xf))
    .update(le64(0))
    .update(le64(64 + mlen))
    .digest();
  if (!equalBytes(mac, input.subarray(1 + mlen))) return null;
  const message = chacha20(state.k, state.nonce, c, undefined, 2);
  for (let i = 0; i < 8; i++) state.nonce[4 + i]! ^= mac[i]!;
  // The 32-bit little-endian counter; at 0 again (after 2^32 - 1 messages) the stream rekeys.
  const counter = (new DataView(state.nonce.buffer).getUint32(0, true) + 1) >>> 0;
  new DataView(state.nonce.buffer).setUint32(0, counter, true);
  if ((tag & TAG_REKEY) !== 0 || counter === 0) rekey(p, state);
  return { message, tag };
}

/**
 * Decrypts a secretstream that holds its messages back to back (`chunkBytes` of plaintext each,
 * plus 17 bytes of overhead; one message when the stream is shorter). 'crypto/integrity' on a
 * bad MAC, on TAG_FINAL before the last message, and on a stream of several messages whose last
 * is not TAG_FINAL (cut after a whole message). A stream of one message may have any tag: Ente
 * Auth writes its export as one TAG_MESSAGE message (the corpus's file does).
 */
export async function secretstreamPull(key: Uint8Array, header: Uint8Array, stream: Uint8Array, chunkBytes: number): Promise<Bytes> {
  if (header.length !== HEADER_BYTES || key.length !== KEY_BYTES) throw new AppError('crypto/integrity');
  const p = await primitives();
  const state: PullState = { k: subkey(p, key, header.subarray(0, 16)), nonce: new Uint8Array(12) };
  resetCounter(state);
  state.nonce.set(header.subarray(16), 4);
  const parts: Uint8Array[] = [];
  const step = chunkBytes + ABYTES;
  for (let offset = 0; offset < stream.length; offset += step) {
    const chunk = stream.subarray(offset, offset + step);
    const out = chunk.length < ABYTES ? null : pullOne(p, state, chunk);
    if (out === null) throw new AppError('crypto/integrity');
    parts.push(out.message);
    const last = offset + step >= stream.length;
    if (out.tag === TAG_FINAL ? !last : last && offset > 0) throw new AppError('crypto/integrity');
  }
  if (parts.length === 0) throw new AppError('crypto/integrity');
  state.k.fill(0);
  return concatBytes(...parts);
}
