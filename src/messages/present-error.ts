/** @file The one error presenter: any thrown value → a sentence in the user's language. */
import { toAppError, type ErrorCode } from '../core/errors';
import { t, type MessageKey } from './translate';

// Every error code must have a message: this line fails to compile when one is missing.
type ErrorKey = `error.${ErrorCode}`;
const assertKeys: ErrorKey extends MessageKey ? true : never = true;
void assertKeys;

export function presentError(err: unknown): string {
  const appError = toAppError(err);
  return t(`error.${appError.code}` as ErrorKey);
}
