/**
 * @file The animated QR code of a move between phones: the sealed message (core/move-protocol.ts)
 * cut by RaptorQ (RFC 6330), a fountain code whose receiver rebuilds a message of K symbols from
 * any K distinct frames, or a very few more (docs/transfer-protocol.md, "Frames"). The `raptorq`
 * package is the Rust crate's own WebAssembly build. It replaced bc-ur's multi-part UR here
 * because bc-ur's decoder only peels: with 30 % of frames missed it needed 1.9–2.0× the frames
 * of a run with none (issue 15's bound is 1.6×); RaptorQ needs about 1.43× (1 / 0.7).
 *
 * A frame is `OMAMORI-FRAME:<session tag>:<message length>:<frame number>:<base45 packet>`, all in
 * QR alphanumeric characters; the session tag makes a frame of another move "ignored" before the
 * decoder sees it. Nothing the decoder is given can make it fail: raptorq panics (and is then
 * unusable) on a packet of the wrong size or block, so only packets of exactly this session's size,
 * length and single source block reach it.
 */
import raptorqWasmUrl from 'raptorq/raptorq_bg.wasm?url';
import { AppError } from '../../core/errors';
import { base45Decode, base45Encode } from '../../core/base45';
import type { Bytes } from '../../core/crypto/bytes';
// The longest sealed message (8 MiB): about 32,000 frames, and one RaptorQ source block at this
// symbol size (raptorq splits past about 14 MiB), which the decoder relies on.
import { MAX_MOVE_MESSAGE_BYTES } from '../../core/move-protocol';

type RaptorQ = typeof import('raptorq');

/**
 * Bytes of message per frame (RaptorQ's symbol size T, a multiple of 8). With its 4-byte packet
 * header in base45 that is 402 characters, about 460 with the frame's prefix: a version 11–12 code
 * at error correction L, which a mid-range phone reads at arm's length when drawn full width.
 */
export const SYMBOL_BYTES = 264;
const PACKET_BYTES = SYMBOL_BYTES + 4;
/** Repair packets made after the K plain ones, as a multiple of K: the animation then starts over. */
const REPAIR_RATIO = 4;
const MIN_REPAIR = 16;
const PREFIX = 'OMAMORI-FRAME:';

let wasmSource: BufferSource | undefined;
let loading: Promise<RaptorQ> | undefined;

/**
 * Node only (tests, where Vite's asset URL cannot be fetched): the bytes of raptorq's wasm. The
 * browser build fetches the wasm from its own origin, precached with the rest.
 */
export function setMoveFramesWasm(bytes: BufferSource): void {
  wasmSource = bytes;
}

export function loadMoveFrames(): Promise<RaptorQ> {
  loading ??= import('raptorq')
    .then(async (raptorq) => {
      await raptorq.default(wasmSource ?? raptorqWasmUrl);
      return raptorq;
    })
    .catch((err: unknown) => {
      loading = undefined; // a failed fetch (offline before the precache) may succeed later
      throw err;
    });
  return loading;
}

function framePrefix(tag: string): string {
  return `${PREFIX}${tag.toUpperCase()}:`;
}

/** Endless frames of one message: first its K plain packets once, then repair packets, then again. */
export class MoveFrameEncoder {
  readonly #packets: string[];
  readonly #head: string;
  readonly fragments: number;
  #shown = 0;

  constructor(raptorq: RaptorQ, message: Uint8Array, tag: string) {
    if (message.length === 0 || message.length > MAX_MOVE_MESSAGE_BYTES) throw new AppError('file/too-large');
    const encoder = raptorq.Encoder.with_defaults(message, SYMBOL_BYTES);
    try {
      this.fragments = Math.ceil(message.length / SYMBOL_BYTES);
      const packets = encoder.encode(Math.max(MIN_REPAIR, this.fragments * REPAIR_RATIO));
      this.#packets = packets.map((p) => base45Encode(p));
    } finally {
      encoder.free();
    }
    this.#head = `${framePrefix(tag)}${message.length}:`;
  }

  /** The next frame's text (QR alphanumeric characters only). */
  next(): string {
    const packet = this.#packets[this.#shown % this.#packets.length]!;
    this.#shown++;
    return `${this.#head}${this.#shown}:${packet}`;
  }
}

export type FrameResult = 'accepted' | 'ignored';

/** Frames of the sender's recent run the share is taken over, and the fewest worth judging. */
const CATCH_WINDOW = 24;
const CATCH_MIN_SPAN = 8;

/**
 * The share of the frames the sender showed that this camera read, from the frames' numbers
 * (counting up by one per frame shown whatever the speed): the old phone cannot hear back, so the
 * new phone tells its person to ask for *Slower* when it misses many (docs/transfer-protocol.md,
 * "Frames").
 */
export class FrameCatch {
  readonly #seen: number[] = [];

  note(seq: number): void {
    if (!Number.isSafeInteger(seq) || seq < 1 || this.#seen.includes(seq)) return;
    this.#seen.push(seq);
    this.#seen.sort((a, b) => a - b);
    if (this.#seen.length > CATCH_WINDOW) this.#seen.shift();
  }

  /** 0…1 over the latest frames, or null until they span enough frames to say. */
  get share(): number | null {
    const seen = this.#seen;
    if (seen.length === 0) return null;
    const span = seen[seen.length - 1]! - seen[0]! + 1;
    return span < CATCH_MIN_SPAN ? null : seen.length / span;
  }
}

interface Frame {
  length: number;
  seq: number;
  packet: Uint8Array;
}

/** A frame of session `tag`, whole and well formed, or null for anything else. */
function parseFrame(text: string, prefix: string): Frame | null {
  if (!text.startsWith(prefix)) return null;
  const match = /^([1-9][0-9]{0,8}):([1-9][0-9]{0,8}):(.+)$/su.exec(text.slice(prefix.length));
  if (match === null) return null;
  const length = Number(match[1]);
  const packet = base45Decode(match[3]!);
  // One source block (byte 0, the SBN, is 0) of this symbol size, or raptorq would panic.
  if (length > MAX_MOVE_MESSAGE_BYTES || packet?.length !== PACKET_BYTES || packet[0] !== 0) return null;
  return { length, seq: Number(match[2]), packet };
}

/** Collects the frames of one session in any order; other sessions' and unreadable frames are ignored. */
export class MoveFrameDecoder {
  readonly #raptorq: RaptorQ;
  readonly #prefix: string;
  readonly #catch = new FrameCatch();
  readonly #symbols = new Set<number>();
  #decoder: InstanceType<RaptorQ['Decoder']> | undefined;
  #length = 0;
  #message: Bytes | null = null;
  #failed = false;

  constructor(raptorq: RaptorQ, tag: string) {
    this.#raptorq = raptorq;
    this.#prefix = framePrefix(tag);
  }

  receive(text: string): FrameResult {
    const frame = this.done ? null : parseFrame(text.trim(), this.#prefix);
    // A frame whose length is not the first one's is a misread: the message has one length.
    if (frame === null || (this.#length !== 0 && frame.length !== this.#length)) return 'ignored';
    this.#catch.note(frame.seq);
    const symbol = (frame.packet[1]! << 16) | (frame.packet[2]! << 8) | frame.packet[3]!;
    if (this.#symbols.has(symbol)) return 'accepted';
    this.#symbols.add(symbol);
    try {
      if (this.#decoder === undefined) {
        this.#length = frame.length;
        this.#decoder = this.#raptorq.Decoder.with_defaults(BigInt(frame.length), SYMBOL_BYTES);
      }
      const message = this.#decoder.decode(frame.packet);
      if (message !== undefined) this.#finish(message);
    } catch {
      this.#finish(null); // raptorq failed: a new move starts (`move/damaged` from result())
    }
    return 'accepted';
  }

  #finish(message: Uint8Array | null): void {
    this.#message = message === null ? null : new Uint8Array(message);
    this.#failed = message === null;
    this.#decoder?.free();
    this.#decoder = undefined;
  }

  get done(): boolean {
    return this.#message !== null || this.#failed;
  }

  /** 0…1: distinct packets received over the K needed (1 once the message is whole). */
  get progress(): number {
    if (this.#message !== null) return 1;
    if (this.#length === 0) return 0;
    return Math.min(0.99, this.#symbols.size / Math.ceil(this.#length / SYMBOL_BYTES));
  }

  /** Share of the recently shown frames this side read (FrameCatch), or null until it can say. */
  get catchShare(): number | null {
    return this.#catch.share;
  }

  /** The whole message once complete, else null. A decoder that failed is `move/damaged`. */
  result(): Bytes | null {
    if (this.#failed) throw new AppError('move/damaged');
    return this.#message;
  }
}
