/**
 * @file Moving a vault between phones by QR codes (docs/transfer-protocol.md). The new phone
 * shows a pairing code (session id, its ephemeral P-256 key); the old phone answers with a hello
 * code (same session id, its own ephemeral key); both show a 6-digit check code computed from the
 * transcript, which the person compares. The old phone then seals the export file's payload
 * (export-file.ts), gzip-compressed, under the derived AES-256-GCM key with the transcript as AAD;
 * move-frames.ts cuts the sealed message into fountain-coded QR frames. Nothing here is stored:
 * each side's keys live for one move, and a receiver opens one message only.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AccountData, AccountExtras } from './account';
import { IV_BYTES, open, seal } from './crypto/aead';
import { b64UrlToBytes, bytesEqual, bytesToB64Url, concatBytes, utf8Encode, type Bytes } from './crypto/bytes';
import { deriveMoveKey, newEphemeralKey, P256_PUBLIC_BYTES, type EphemeralKey } from './crypto/move-keys';
import { randomBytes } from './crypto/aead';
import { AppError } from './errors';
import { exportPayloadBytes, readExportPayload, type ExportPayload } from './export-file';
import { MAX_EXPORT_FILE_BYTES } from './export-file-parse';
import { gunzipBounded, gzip } from './move-compression';

/** 2: the animated code's frames are RaptorQ packets in base45 (1 was bc-ur's multi-part UR). */
export const MOVE_VERSION = 2;
export const SESSION_ID_BYTES = 16;
const PREFIX = 'OMAMORI-MOVE';
/** The sealed message: far above any real vault (1,000 accounts gzip to well under 1 MB). */
export const MAX_MOVE_MESSAGE_BYTES = 8 * 1024 * 1024;

type Kind = 'PAIR' | 'HELLO';

export function moveText(kind: Kind, sessionId: Uint8Array, publicRaw: Uint8Array): string {
  return `${PREFIX}:${MOVE_VERSION}:${kind}:${bytesToB64Url(sessionId)}:${bytesToB64Url(publicRaw)}`;
}

/** Strict: anything else is `move/not-a-move-code`; a higher version is `move/newer-version`, a lower one `move/older-version`. */
export function parseMoveText(text: string, kind: Kind): { sessionId: Bytes; publicRaw: Bytes } {
  const parts = text.trim().split(':');
  if (parts[0] !== PREFIX || parts.length !== 5) throw new AppError('move/not-a-move-code');
  const version = /^[0-9]{1,4}$/.test(parts[1] ?? '') ? Number(parts[1]) : NaN;
  if (version > MOVE_VERSION) throw new AppError('move/newer-version');
  if (version >= 1 && version < MOVE_VERSION) throw new AppError('move/older-version');
  if (version !== MOVE_VERSION || parts[2] !== kind) throw new AppError('move/not-a-move-code');
  const sessionId = b64UrlToBytes(parts[3] ?? '');
  const publicRaw = b64UrlToBytes(parts[4] ?? '');
  if (sessionId?.length !== SESSION_ID_BYTES || publicRaw?.length !== P256_PUBLIC_BYTES || publicRaw[0] !== 4) {
    throw new AppError('move/not-a-move-code');
  }
  return { sessionId, publicRaw };
}

/** What both sides bind: the key (HKDF salt), the check code and the AAD of the sealed message. */
export function moveTranscript(sessionId: Uint8Array, newPublic: Uint8Array, oldPublic: Uint8Array): Bytes {
  return concatBytes(utf8Encode(`omamori/move/v${MOVE_VERSION}\0`), sessionId, newPublic, oldPublic);
}

/**
 * The short authentication string: 6 digits from SHA-256 of the transcript (40 bits mod 10^6,
 * bias below 10^-6). A substituted key on either side changes it.
 */
export function moveCheckCode(transcript: Uint8Array): string {
  const hash = sha256(concatBytes(utf8Encode('omamori/move/check\0'), transcript));
  let n = 0;
  for (let i = 0; i < 5; i++) n = n * 256 + (hash[i] ?? 0);
  return String(n % 1_000_000).padStart(6, '0');
}

/** Lower-case hex of the session id: names the frames' UR type, so other sessions' frames are ignored. */
export function sessionTag(sessionId: Uint8Array): string {
  return bytesToHex(sessionId);
}

/** The new phone's side: shows `pairing`, reads the hello, then opens one message. */
export class MoveReceiver {
  readonly pairing: string;
  readonly sessionTag: string;
  #own: EphemeralKey | undefined;
  readonly #sessionId: Bytes;
  #peer: Bytes | undefined;
  #key: CryptoKey | undefined;
  #transcript: Bytes | undefined;
  #check = '';

  private constructor(own: EphemeralKey, sessionId: Bytes) {
    this.#own = own;
    this.#sessionId = sessionId;
    this.pairing = moveText('PAIR', sessionId, own.publicRaw);
    this.sessionTag = sessionTag(sessionId);
  }

  static async start(): Promise<MoveReceiver> {
    return new MoveReceiver(await newEphemeralKey(), randomBytes(SESSION_ID_BYTES));
  }

  /**
   * The old phone's hello → the check code. A hello of another session, or a second hello with
   * another key for this one (a substituted or replayed code), is `move/other-session`.
   */
  async acceptHello(text: string): Promise<string> {
    const { sessionId, publicRaw } = parseMoveText(text, 'HELLO');
    if (this.#own === undefined || !bytesEqual(sessionId, this.#sessionId)) throw new AppError('move/other-session');
    if (this.#peer !== undefined) {
      if (!bytesEqual(publicRaw, this.#peer)) throw new AppError('move/other-session');
      return this.#check;
    }
    const transcript = moveTranscript(this.#sessionId, this.#own.publicRaw, publicRaw);
    try {
      this.#key = await deriveMoveKey(this.#own.privateKey, publicRaw, transcript);
    } catch (err) {
      throw new AppError('move/not-a-move-code', { cause: err });
    }
    this.#peer = publicRaw;
    this.#transcript = transcript;
    this.#check = moveCheckCode(transcript);
    return this.#check;
  }

  /**
   * Decrypts, decompresses and validates the whole payload, or throws (`move/damaged`) with
   * nothing returned. Once a message has opened the keys are forgotten: a replay is refused.
   */
  async open(message: Uint8Array): Promise<ExportPayload> {
    const key = this.#key;
    const transcript = this.#transcript;
    if (key === undefined || transcript === undefined) throw new AppError('move/other-session');
    if (message.length > MAX_MOVE_MESSAGE_BYTES || message.length < 1 + IV_BYTES + 16) throw new AppError('move/damaged');
    if (message[0] !== MOVE_VERSION) throw new AppError(message[0]! > MOVE_VERSION ? 'move/newer-version' : 'move/damaged');
    let packed: Bytes;
    try {
      packed = await open(key, { iv: message.slice(1, 1 + IV_BYTES), ct: message.slice(1 + IV_BYTES) }, transcript);
    } catch (err) {
      throw new AppError('move/damaged', { cause: err });
    }
    let plain: Bytes | undefined;
    try {
      plain = await gunzipBounded(packed, MAX_EXPORT_FILE_BYTES);
      const payload = readExportPayload(plain);
      this.cancel();
      return payload;
    } catch (err) {
      throw new AppError('move/damaged', { cause: err });
    } finally {
      packed.fill(0);
      plain?.fill(0);
    }
  }

  /** Forgets the keys: this session can open nothing more. */
  cancel(): void {
    this.#own = undefined;
    this.#key = undefined;
  }
}

/** The old phone's side: reads the pairing code, shows `hello` and `check`, seals one payload. */
export class MoveSender {
  readonly hello: string;
  readonly check: string;
  readonly sessionTag: string;
  #key: CryptoKey | undefined;
  readonly #transcript: Bytes;

  private constructor(hello: string, check: string, tag: string, key: CryptoKey, transcript: Bytes) {
    this.hello = hello;
    this.check = check;
    this.sessionTag = tag;
    this.#key = key;
    this.#transcript = transcript;
  }

  static async pair(pairingText: string): Promise<MoveSender> {
    const { sessionId, publicRaw: newPublic } = parseMoveText(pairingText, 'PAIR');
    const own = await newEphemeralKey();
    const transcript = moveTranscript(sessionId, newPublic, own.publicRaw);
    let key: CryptoKey;
    try {
      key = await deriveMoveKey(own.privateKey, newPublic, transcript);
    } catch (err) {
      throw new AppError('move/not-a-move-code', { cause: err });
    }
    return new MoveSender(moveText('HELLO', sessionId, own.publicRaw), moveCheckCode(transcript), sessionTag(sessionId), key, transcript);
  }

  /** The sealed message: version byte ‖ IV ‖ AES-256-GCM(gzip(export payload)). Once per move. */
  async seal(accounts: readonly (AccountData & Partial<AccountExtras>)[], now: Date, app: string): Promise<Bytes> {
    const key = this.#key;
    if (key === undefined) throw new AppError('move/other-session');
    this.#key = undefined;
    const plain = exportPayloadBytes(accounts, now, app);
    let packed: Bytes | undefined;
    try {
      packed = await gzip(plain);
      const { iv, ct } = await seal(key, packed, this.#transcript);
      return concatBytes(Uint8Array.of(MOVE_VERSION), iv, ct);
    } finally {
      plain.fill(0);
      packed?.fill(0);
    }
  }
}
