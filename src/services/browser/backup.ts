/** @file The app's one BackupService: the Argon2id worker and localStorage for the last-export time. */
import { BackupService } from '../backup/backup';
import { createWorkerKdf } from './kdf-worker';
import { getLastExportStore } from './last-export';

declare const __APP_VERSION__: string;

let backup: BackupService | undefined;

export function getBackup(): BackupService {
  backup ??= new BackupService({
    kdf: createWorkerKdf(),
    app: `Omamori ${typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : ''}`.trim(),
    lastExport: getLastExportStore(),
  });
  return backup;
}
