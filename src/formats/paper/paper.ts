/**
 * @file The paper backup's QR codes (docs/export-format.md, "Paper backup"): the bytes of an
 * export file sealed to the recovery kit, as Blockchain Commons UR multi-part parts
 * (`@ngraveio/bc-ur`, with the `buffer` package's Buffer where there is none: both one lazy
 * chunk, loaded by loadBcUr()). On paper every fragment is printed
 * once, then spare fountain parts (SPARE_RATIO more), so that an unreadable code or a torn corner
 * does not matter, and the codes can be read in any order. The spares are chosen, not just the
 * next ones: together they hold every fragment, so any one code may be missing and the file still
 * comes whole (bc-ur's decoder only peels, and the next parts in order sometimes left a fragment
 * out). The UR type names the backup
 * (`omamori-paper-<tag>`), so a code of another paper backup is told apart, not mixed in.
 */
import { AppError } from '../../core/errors';
import type { Bytes } from '../../core/crypto/bytes';

type BcUr = typeof import('@ngraveio/bc-ur');
interface BcUrParts {
  ur: BcUr;
  /** Which fragments the part of a sequence number mixes (bc-ur's own choice, which its decoder repeats). */
  chooseFragments: typeof import('@ngraveio/bc-ur/dist/fountainUtils').chooseFragments;
  getCRC: typeof import('@ngraveio/bc-ur/dist/utils').getCRC;
}

let loading: Promise<BcUrParts> | undefined;

/** bc-ur is CommonJS written for Node's Buffer: the `buffer` package's Buffer is installed first where there is none (the browser). */
function loadBcUr(): Promise<BcUrParts> {
  loading ??= (async () => {
    const g = globalThis as { Buffer?: unknown };
    if (g.Buffer === undefined) g.Buffer = (await import('buffer')).Buffer;
    const [ur, fountain, utils] = await Promise.all([
      import('@ngraveio/bc-ur'),
      import('@ngraveio/bc-ur/dist/fountainUtils'),
      import('@ngraveio/bc-ur/dist/utils'),
    ]);
    return { ur, chooseFragments: fountain.chooseFragments, getCRC: utils.getCRC };
  })();
  return loading;
}

/**
 * Bytes of file per code. Paper is read still and close, so a code can be denser than the
 * animated one of a move: with bytewords (2 letters a byte) a part is about 2 × (360 + 20) + 40 ≈ 800
 * characters, a version 18–19 code at error correction M, printed about 6 cm wide (0.6 mm a module).
 */
export const PAPER_FRAGMENT_BYTES = 360;
/** Spare fountain parts printed after the plain fragments: half as many again (at least 2). */
export const SPARE_RATIO = 0.5;
const MIN_SPARES = 2;
const PAPER_PREFIX = 'ur:omamori-paper-';
/** The backup's tag in its UR type: letters and digits only (UR types allow a-z, 0-9 and '-'). */
const TAG_PATTERN = /^[0-9a-z]{4,16}$/u;

export function paperUrType(tag: string): string {
  if (!TAG_PATTERN.test(tag)) throw new AppError('unknown');
  return `omamori-paper-${tag}`;
}

/** How far past the plain fragments the spares are looked for, in parts per fragment. */
const SPARE_SEARCH = 64;

/**
 * The sequence numbers of the spares: first, greedily, parts that hold a fragment no spare holds
 * yet (so that each fragment is in at least one spare: with any one code missing, that spare gives
 * it back), then the next parts in order up to `count`. Degree-one parts of a fragment held already
 * are passed over while fragments are uncovered.
 */
export function chooseSpares(fragments: number, count: number, mixes: (seq: number) => number[]): number[] {
  const covered = new Set<number>();
  const chosen: number[] = [];
  const last = fragments * (SPARE_SEARCH + 1) + MIN_SPARES;
  for (let seq = fragments + 1; seq <= last && covered.size < fragments; seq++) {
    const mixed = mixes(seq);
    if (mixed.every((i) => covered.has(i))) continue;
    chosen.push(seq);
    for (const i of mixed) covered.add(i);
  }
  // Not every fragment found within the search (never seen): each missing one is printed again alone.
  const again = Array.from({ length: fragments }, (_, i) => i).filter((i) => !covered.has(i));
  const spares = [...chosen, ...again.map((i) => i + 1)];
  const taken = new Set(spares);
  for (let seq = fragments + 1; spares.length < count; seq++) if (!taken.has(seq)) spares.push(seq);
  return spares;
}

/** Every code of one paper backup, in print order: the fragments, then the spares. Upper case for QR alphanumeric mode. */
export async function paperParts(file: Uint8Array, tag: string, fragmentBytes = PAPER_FRAGMENT_BYTES): Promise<string[]> {
  const { ur, chooseFragments, getCRC } = await loadBcUr();
  const buffer = (globalThis as unknown as { Buffer: { from(b: Uint8Array): unknown } }).Buffer;
  const payload = ur.UR.fromBuffer(buffer.from(file) as Parameters<BcUr['UR']['fromBuffer']>[0]);
  const message = new ur.UR(payload.cbor, paperUrType(tag));
  const minFragment = Math.min(10, fragmentBytes);
  const encoderAt = (first: number) => new ur.UREncoder(message, fragmentBytes, first, minFragment);
  const plain = encoderAt(0);
  const fragments = plain.fragmentsLength;
  const parts = Array.from({ length: fragments }, () => plain.nextPart());
  const count = Math.max(MIN_SPARES, Math.ceil(fragments * SPARE_RATIO));
  if (fragments === 1) {
    // One fragment is a single-part UR: every copy is the same code.
    parts.push(...Array.from({ length: count }, () => parts[0]!));
  } else {
    const checksum = getCRC(message.cbor);
    for (const seq of chooseSpares(fragments, count, (s) => chooseFragments(s, fragments, checksum))) {
      parts.push(encoderAt(seq - 1).nextPart());
    }
  }
  return parts.map((p) => p.toUpperCase());
}

/**
 * What one scanned text did: a new part of this backup, one already read, a part of another
 * paper backup than the first one read, or not a paper-backup code at all.
 */
export type PartResult = 'accepted' | 'duplicate' | 'other-backup' | 'not-paper';

/** `ur:<type>/<seq>-<len>/<body>` or single-part `ur:<type>/<body>`. */
function partOf(lower: string): { type: string; seq: string } | null {
  const match = /^ur:([0-9a-z-]+)\/(?:(\d+-\d+)\/)?[a-z]+$/u.exec(lower);
  return match === null ? null : { type: match[1]!, seq: match[2] ?? '1-1' };
}

/** Collects the codes of one paper backup in any order, until the file is whole. */
export class PaperPartDecoder {
  readonly #ur: BcUr;
  #decoder: InstanceType<BcUr['URDecoder']> | undefined;
  #type = '';
  readonly #seen = new Set<string>();
  #needed = 0;

  constructor(ur: BcUr) {
    this.#ur = ur;
  }

  static async create(): Promise<PaperPartDecoder> {
    return new PaperPartDecoder((await loadBcUr()).ur);
  }

  receive(text: string): PartResult {
    const lower = text.trim().toLowerCase();
    const part = lower.startsWith(PAPER_PREFIX) ? partOf(lower) : null;
    if (part === null) return 'not-paper';
    if (this.#type !== '' && part.type !== this.#type) return 'other-backup';
    if (this.#seen.has(part.seq) || this.done) return 'duplicate';
    const decoder = this.#decoder ?? new this.#ur.URDecoder(undefined, part.type);
    try {
      // A part bc-ur cannot take (misread, or of the same type but another file): not counted.
      if (!decoder.receivePart(lower)) return this.#decoder === undefined ? 'not-paper' : 'other-backup';
    } catch {
      return 'not-paper';
    }
    this.#decoder = decoder;
    this.#type = part.type;
    this.#seen.add(part.seq);
    this.#needed = Number(part.seq.split('-')[1]);
    return 'accepted';
  }

  /** Distinct codes of this backup read so far. */
  get received(): number {
    return this.#seen.size;
  }

  /** How many codes a complete read needs at the least (the plain fragments); 0 before the first. */
  get needed(): number {
    return this.#needed;
  }

  get done(): boolean {
    return this.#decoder !== undefined && (this.#decoder.isComplete() === true || this.#decoder.isError());
  }

  /** The file once complete, else null; a decoder that failed is `file/damaged`. */
  result(): Bytes | null {
    const decoder = this.#decoder;
    if (decoder === undefined) return null;
    if (decoder.isError()) throw new AppError('file/damaged');
    if (decoder.isComplete() !== true) return null;
    return new Uint8Array(decoder.resultUR().decodeCBOR() as Uint8Array);
  }
}
