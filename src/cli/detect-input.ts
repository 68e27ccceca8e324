/**
 * @file Which importer reads a file, as the registry's detectFormat decides, without loading
 * every importer for the commonest input: a text file of links. The registry imports all forty
 * (and what they import); compiling them is a large part of a short command's time, and Node 20
 * has no compile cache. So a file that is not JSON is first offered to the link-list importers,
 * in the registry's order, and the registry is loaded only when none of them claims it.
 *
 * Why the answer is the same: the importers the registry sniffs before these (Aegis, 2FAS,
 * andOTP, Bitwarden ×2, CXF) look only at the parsed JSON, so for a file that is not JSON the
 * first of these three that says yes is the registry's first yes too.
 * test/unit/cli/detect-input.test.ts checks both halves against the registry and the corpus.
 */
import { enteImporter } from '../formats/import/ente';
import { googleMigrationTextImporter } from '../formats/import/google-migration-text';
import { otpauthListImporter } from '../formats/import/otpauth-list';
import type { Importer, ParsedInput, SniffResult } from '../formats/import/types';

/** The registry's link-list importers, in its order (a test holds them to it). */
export const LINK_LIST_IMPORTERS: readonly Importer[] = [googleMigrationTextImporter, enteImporter, otpauthListImporter];

export interface DetectedInput {
  importer: Importer;
  sniff: SniffResult;
}

/** A link-list importer that claims `input`, or null (then only the registry can tell). */
export function detectLinkList(input: ParsedInput): DetectedInput | null {
  if (input.json !== undefined || input.text === null) return null;
  for (const importer of LINK_LIST_IMPORTERS) {
    let sniff: SniffResult | null;
    try {
      sniff = importer.sniff(input);
    } catch {
      // As detectFormat: a sniffer that throws is skipped.
      sniff = null;
    }
    if (sniff !== null) return { importer, sniff };
  }
  return null;
}

/** detectFormat's answer for `input` (already read by prepareInput), loading the registry only when needed. */
export async function detectInput(input: ParsedInput): Promise<DetectedInput | null> {
  return detectLinkList(input) ?? (await import('../formats/import/registry')).detectFormat(input);
}
