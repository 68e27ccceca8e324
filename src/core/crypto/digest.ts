/**
 * @file SHA-256 for the export file's damage checksum and entries digest. Synchronous
 * (@noble/hashes, as in codes.ts) so that a file can be inspected without awaiting WebCrypto.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export function sha256Hex(data: Uint8Array): string {
  return bytesToHex(sha256(data));
}
