/** @file The app's one MoveService (moving between phones): the app's vault and backup service. */
import { MoveService } from '../move/move';
import { getBackup } from './backup';
import { workerFrames } from './move-frames';
import { getVault } from './vault';

declare const __APP_VERSION__: string;

export type { MoveFrames, ReceivingMove, SendingMove } from '../move/move';

let move: MoveService | undefined;

export function getMove(): MoveService {
  move ??= new MoveService({
    vault: getVault(),
    backup: getBackup(),
    frames: workerFrames,
    app: `Omamori ${typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : ''}`.trim(),
  });
  return move;
}
