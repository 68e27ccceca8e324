/**
 * @file The format registry: every importer, sniffed in order, so one "Import" button (and
 * `omamori inspect`) reads any supported export. Specific formats come before generic ones.
 */
import { AppError } from '../../core/errors';
import { importersA } from './family-a';
import { importersB } from './family-b';
import type { ImportInput, ImportOptions, ImportResult, Importer, SniffResult } from './types';

export type { ImportedAccount, ImportInput, ImportOptions, ImportProblem, ImportResult, Importer } from './types';

/** Largest export we parse (a 10,000-account vault with notes is a few MiB). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export const IMPORTERS: readonly Importer[] = [...importersA, ...importersB];

export interface Detected {
  importer: Importer;
  sniff: SniffResult;
}

/** The first importer that recognises the file, or null. Never throws. */
export function detectFormat(input: ImportInput): Detected | null {
  if (input.bytes.length > MAX_IMPORT_BYTES) return null;
  for (const importer of IMPORTERS) {
    let sniff: SniffResult | null = null;
    try {
      sniff = importer.sniff(input);
    } catch {
      sniff = null;
    }
    if (sniff !== null) return { importer, sniff };
  }
  return null;
}

/** Detects and reads; throws 'import/unknown-format' when no importer recognises the file. */
export async function readImport(input: ImportInput, options: ImportOptions = {}): Promise<ImportResult> {
  if (input.bytes.length > MAX_IMPORT_BYTES) throw new AppError('file/too-large');
  const detected = detectFormat(input);
  if (detected === null) throw new AppError('import/unknown-format');
  return detected.importer.read(input, options);
}
