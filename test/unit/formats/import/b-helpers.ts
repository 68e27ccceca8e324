/** Shared by the family-B tests (not a test file). */
import { AppError } from '../../../../src/core/errors';

/** The AppError code a promise rejects with, 'no error', or 'untyped: …' for anything else. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof AppError ? err.code : `untyped: ${String(err)}`;
  }
}
