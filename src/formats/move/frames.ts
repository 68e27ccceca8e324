/**
 * @file The animated QR code of a move between phones: the sealed message (core/move-protocol.ts)
 * as Blockchain Commons' Uniform Resources multi-part encoding (@ngraveio/bc-ur), a rateless
 * fountain code: after the first pass each frame mixes several fragments, so frames can be missed
 * or read in any order and the receiver still completes (docs/transfer-protocol.md, "Frames").
 * The UR type names the session (`omamori-move-<session id in hex>`), so a frame of another move
 * is ignored before the decoder sees it. bc-ur is CommonJS written for Node's Buffer: it is loaded
 * only by loadMoveFrames(), which first installs the `buffer` package's Buffer where there is none
 * (the browser), so neither enters the start-up bundle.
 */
import { AppError } from '../../core/errors';
import type { Bytes } from '../../core/crypto/bytes';

type BcUr = typeof import('@ngraveio/bc-ur');

/**
 * Bytes of message per frame. With bytewords (2 letters a byte) in QR alphanumeric mode, a frame
 * is about 2 × (180 + 20) + 60 ≈ 460 characters: a version 12–13 code at error correction L,
 * which a mid-range phone reads at arm's length when drawn full width (docs/transfer-protocol.md).
 */
export const FRAGMENT_BYTES = 180;

let loading: Promise<BcUr> | undefined;

export function loadMoveFrames(): Promise<BcUr> {
  loading ??= (async () => {
    const g = globalThis as { Buffer?: unknown };
    if (g.Buffer === undefined) g.Buffer = (await import('buffer')).Buffer;
    return import('@ngraveio/bc-ur');
  })();
  return loading;
}

export function moveUrType(tag: string): string {
  return `omamori-move-${tag}`;
}

/** Endless frames of one message: first each fragment once, then fountain mixes. */
export class MoveFrameEncoder {
  readonly #encoder: InstanceType<BcUr['UREncoder']>;

  constructor(ur: BcUr, message: Uint8Array, tag: string, fragmentBytes = FRAGMENT_BYTES) {
    const buffer = (globalThis as unknown as { Buffer: { from(b: Uint8Array): unknown } }).Buffer;
    const payload = ur.UR.fromBuffer(buffer.from(message) as Parameters<BcUr['UR']['fromBuffer']>[0]);
    const typed = new ur.UR(payload.cbor, moveUrType(tag));
    this.#encoder = new ur.UREncoder(typed, fragmentBytes, 0, Math.min(10, fragmentBytes));
  }

  /** How many frames one pass of the plain fragments takes. */
  get fragments(): number {
    return this.#encoder.fragmentsLength;
  }

  /** The next frame's text, in upper case (QR alphanumeric mode is denser than byte mode). */
  next(): string {
    return this.#encoder.nextPart().toUpperCase();
  }
}

export type FrameResult = 'accepted' | 'ignored';

/** Frames of the sender's recent run the share is taken over, and the fewest worth judging. */
const CATCH_WINDOW = 24;
const CATCH_MIN_SPAN = 8;

/**
 * The share of the frames the sender showed that this camera read, from the frames' sequence
 * numbers (`ur:type/<seq>-<count>/…`, counting up by one per frame shown whatever the speed): the
 * old phone cannot hear back, so the new phone tells its person to ask for *Slower* when it misses
 * many (docs/transfer-protocol.md, "Frames").
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

/** The sequence number of a frame's text (`ur:type/12-30/…` → 12), or NaN for one without. */
export function frameSeq(lowerText: string): number {
  const match = /^ur:[a-z0-9-]+\/(\d{1,9})-\d{1,9}\//.exec(lowerText);
  return match === null ? Number.NaN : Number(match[1]);
}

/** Collects the frames of one session in any order; other sessions' and unreadable frames are ignored. */
export class MoveFrameDecoder {
  readonly #decoder: InstanceType<BcUr['URDecoder']>;
  readonly #prefix: string;
  readonly #catch = new FrameCatch();

  constructor(ur: BcUr, tag: string) {
    this.#decoder = new ur.URDecoder(undefined, moveUrType(tag));
    this.#prefix = `ur:${moveUrType(tag)}/`;
  }

  receive(text: string): FrameResult {
    const lower = text.trim().toLowerCase();
    if (!lower.startsWith(this.#prefix) || this.done) return 'ignored';
    try {
      if (!this.#decoder.receivePart(lower)) return 'ignored';
      this.#catch.note(frameSeq(lower));
      return 'accepted';
    } catch {
      // A frame bc-ur cannot parse (misread, cut off): the next ones will do.
      return 'ignored';
    }
  }

  get done(): boolean {
    return this.#decoder.isComplete() === true || this.#decoder.isError();
  }

  /** 0…1, bc-ur's estimate: received fragments over those needed (about 1 once complete). */
  get progress(): number {
    if (this.#decoder.isComplete() === true) return 1;
    return Math.min(0.99, Math.max(0, this.#decoder.estimatedPercentComplete()));
  }

  /** Share of the recently shown frames this side read (FrameCatch), or null until it can say. */
  get catchShare(): number | null {
    return this.#catch.share;
  }

  /** The whole message once complete, else null. A decoder that failed is `move/damaged`. */
  result(): Bytes | null {
    if (this.#decoder.isError()) throw new AppError('move/damaged');
    if (this.#decoder.isComplete() !== true) return null;
    const decoded = this.#decoder.resultUR().decodeCBOR() as Uint8Array;
    return new Uint8Array(decoded);
  }
}
