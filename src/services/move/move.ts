/**
 * @file Moving the vault between phones by QR codes (docs/transfer-protocol.md). The old phone's
 * side needs a recent passphrase or passkey (it exports every account), before pairing and again
 * before sealing; the new phone's side ends in the backup restore's preview and its one
 * all-or-nothing transaction (BackupService.previewPayload / commitImport). The protocol is pure
 * (core/move-protocol.ts); the frames codec loads lazily (formats/move/frames.ts).
 */
import { AppError } from '../../core/errors';
import { MoveReceiver, MoveSender } from '../../core/move-protocol';
import { loadMoveFrames, MoveFrameEncoder } from '../../formats/move/frames';
import type { BackupService, ImportPreview, VaultForBackup } from '../backup/backup';
import { inProcessFrames, openFrameReader, type FramesChannel } from './frame-reader';

export type MoveVault = VaultForBackup;

/** The animated code's frames, endless: one pass of the plain packets, then repair packets. */
export interface MoveFrames {
  next(): string;
  /** Frames in one pass (the least a receiver needs with no loss). */
  readonly fragments: number;
}

/** Old phone, after it read the pairing code: show `hello` and `check`; `send()` on *Yes, send*. */
export interface SendingMove {
  readonly hello: string;
  readonly check: string;
  /**
   * Seals every account (needs a recent proof again): the frames, how many accounts they carry,
   * and `file()`, the same move as text for a new phone whose camera cannot read the frames.
   */
  send(): Promise<{ frames: MoveFrames; count: number; ids: string[]; file: () => string }>;
}

/** New phone: show `pairing`; read the hello, then frames; then preview and import. */
export interface ReceivingMove {
  readonly pairing: string;
  /** The check code, once the hello has been read; null before. */
  readonly check: string | null;
  /**
   * One scanned text: the hello (→ 'hello'), a frame of this move (→ 'frame'), or anything else
   * ('ignored'). A hello of another move throws `move/other-session`; not-a-move texts are ignored.
   */
  receive(text: string): Promise<'hello' | 'frame' | 'ignored'>;
  /**
   * The old phone's move file (SendingMove's `file()`): its lines are read as if scanned; a file
   * of another move throws `move/other-session`, one that does not complete the message `move/damaged`.
   */
  readFile(text: string): Promise<void>;
  /** 0…1 */
  readonly progress: number;
  /** Share of the frames the old phone showed lately that this camera read; null until known. */
  readonly catchShare: number | null;
  readonly complete: boolean;
  /** Opens the message and compares it with the vault; nothing is written (`move/damaged` on any fault). */
  preview(): Promise<ImportPreview>;
  cancel(): void;
}

export class MoveService {
  readonly #vault: MoveVault;
  readonly #backup: BackupService;
  readonly #app: string;
  readonly #now: () => number;
  readonly #frames: () => FramesChannel;

  /** `frames`: where the new phone decodes the animated code (the app: a Worker; by default this thread). */
  constructor(options: { vault: MoveVault; backup: BackupService; app: string; now?: () => number; frames?: () => FramesChannel }) {
    this.#vault = options.vault;
    this.#backup = options.backup;
    this.#app = options.app;
    this.#now = options.now ?? Date.now;
    this.#frames = options.frames ?? inProcessFrames;
  }

  /** Old phone: `vault/reauth-required` without a recent proof; move/* errors for a wrong code. */
  async pair(pairingText: string): Promise<SendingMove> {
    this.#vault.requireRecentProof();
    const sender = await MoveSender.pair(pairingText);
    const raptorq = await loadMoveFrames();
    return {
      hello: sender.hello,
      check: sender.check,
      send: async () => {
        this.#vault.requireRecentProof();
        const accounts = await this.#vault.listAccounts();
        if (accounts.length === 0) throw new AppError('file/empty');
        const message = await sender.seal(accounts, new Date(this.#now()), this.#app);
        // The file: the hello, then one pass of the plain packets (all the message, no repair), one per line.
        const file = () => {
          const once = new MoveFrameEncoder(raptorq, message, sender.sessionTag);
          return [sender.hello, ...Array.from({ length: once.fragments }, () => once.next()), ''].join('\n');
        };
        return { frames: new MoveFrameEncoder(raptorq, message, sender.sessionTag), count: accounts.length, ids: accounts.map((a) => a.id), file };
      },
    };
  }

  /** New phone: a fresh session; nothing is written until commitImport. */
  async receive(): Promise<ReceivingMove> {
    const receiver = await MoveReceiver.start();
    const decoder = await openFrameReader(this.#frames(), receiver.sessionTag);
    let check: string | null = null;
    const vault = this.#vault;
    const backup = this.#backup;
    const receive = async (text: string): Promise<'hello' | 'frame' | 'ignored'> => {
      if (text.startsWith('OMAMORI-MOVE:')) {
        if (text === receiver.pairing) return 'ignored';
        check = await receiver.acceptHello(text);
        return 'hello';
      }
      // Frames count only after the hello, when the check code is on screen.
      if (check === null) return 'ignored';
      return (await decoder.receive(text)) === 'accepted' ? 'frame' : 'ignored';
    };
    return {
      pairing: receiver.pairing,
      get check() {
        return check;
      },
      receive,
      async readFile(text) {
        for (const line of text.split(/\r?\n/)) if (line.trim() !== '') await receive(line.trim());
        if (!decoder.done) throw new AppError('move/damaged');
      },
      get progress() {
        return decoder.progress;
      },
      get catchShare() {
        return decoder.catchShare;
      },
      get complete() {
        return decoder.done;
      },
      async preview() {
        const message = await decoder.result();
        decoder.close(); // the Worker's work is done: the message is here
        if (message === null) throw new AppError('move/damaged');
        const payload = await receiver.open(message);
        return backup.previewPayload(vault, payload);
      },
      cancel() {
        receiver.cancel();
        decoder.close();
      },
    };
  }
}
