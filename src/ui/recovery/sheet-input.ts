/**
 * @file What a recovery sheet typed or scanned wrong is called on screen: the word's position, or
 * the range of words whose checksum fails (core/recovery/words.ts), never the words themselves.
 */
import { isAppError } from '../../core/errors';
import { presentError } from '../../messages/present-error';
import { t } from '../../messages/translate';

export function sheetError(err: unknown): string {
  if (isAppError(err) && 'from' in err && 'to' in err && typeof err.from === 'number' && typeof err.to === 'number') {
    if (err.code === 'recovery/unknown-word') return t('kit.unknownWord', { n: err.from });
    if (err.code === 'recovery/checksum') return t('kit.checksum', { from: err.from, to: err.to });
  }
  return presentError(err);
}
