/**
 * @file The import worker's side of the protocol in import-session.ts: it holds one file,
 * recognises it on `open` (the file is read and parsed once here) and reads it on `read`.
 * Every failure leaves as its AppError code, never as another exception's text.
 */
import { AppError, toAppError } from '../../core/errors';
import { recogniseFormat, type Detected } from '../../formats/import/registry';
import type { ImportRequest, ImportResponse } from './import-session';

/**
 * `open` reads the file once and recognises it (refusals included: too large, nested too
 * deeply, cut off, account-restricted); `read` reads the file it holds, with the password when
 * one is given. One file per handler.
 */
export function createImportHandler(reply: (message: ImportResponse) => void): (message: ImportRequest) => Promise<void> {
  let detected: Detected | undefined;
  return async (message) => {
    try {
      if (message.type === 'open') {
        detected = undefined;
        detected = recogniseFormat({ bytes: message.bytes, fileName: message.fileName });
        const { encrypted, keyFile } = detected.sniff;
        reply({ type: 'recognised', app: detected.importer.label, encrypted, ...(keyFile === true ? { keyFile } : {}) });
        return;
      }
      if (detected === undefined) throw new AppError('unknown');
      const options = {
        ...(message.password === undefined ? {} : { password: message.password }),
        ...(message.keyFile === undefined ? {} : { keyFile: message.keyFile }),
      };
      reply({ type: 'result', result: await detected.importer.read(detected.input, options) });
    } catch (err) {
      reply({ type: 'error', code: toAppError(err).code });
    }
  };
}
