/**
 * @file The keys of a move between phones (docs/transfer-protocol.md): one ephemeral P-256 ECDH
 * key pair per side and per move, never stored, and the AES-256-GCM key both sides derive from
 * the shared secret with HKDF-SHA256 bound to the whole transcript (session id, both public keys).
 */
import { AppError } from '../errors';
import { importAesKey } from './aead';
import { asBytes, type Bytes } from './bytes';
import { hkdfSha256 } from './hkdf';

/** An uncompressed P-256 point: 0x04 ‖ x ‖ y. */
export const P256_PUBLIC_BYTES = 65;
const MOVE_KEY_INFO = 'omamori/move/v1/key';

export interface EphemeralKey {
  /** Not extractable: it lives only in this page's memory for the one move. */
  privateKey: CryptoKey;
  publicRaw: Bytes;
}

export async function newEphemeralKey(): Promise<EphemeralKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicRaw };
}

/**
 * ECDH with the peer's public key, then HKDF with the transcript's SHA-256 as salt. A point that is
 * not on the curve (or not 65 bytes) is refused by WebCrypto: `crypto/integrity`.
 */
export async function deriveMoveKey(own: CryptoKey, peerPublic: Uint8Array, transcript: Uint8Array): Promise<CryptoKey> {
  if (peerPublic.length !== P256_PUBLIC_BYTES || peerPublic[0] !== 4) throw new AppError('crypto/integrity');
  let shared: Bytes | undefined;
  let keyBytes: Bytes | undefined;
  try {
    const peer = await crypto.subtle.importKey('raw', asBytes(peerPublic), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, own, 256));
    const salt = new Uint8Array(await crypto.subtle.digest('SHA-256', asBytes(transcript)));
    keyBytes = await hkdfSha256(shared, salt, MOVE_KEY_INFO);
    return await importAesKey(keyBytes, false);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('crypto/integrity', { cause: err });
  } finally {
    shared?.fill(0);
    keyBytes?.fill(0);
  }
}
