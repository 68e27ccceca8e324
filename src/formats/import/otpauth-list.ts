/**
 * @file Plain lists of otpauth:// links, one per line: what Aegis ("plain text"), WinAuth,
 * Stratum and Omamori itself (the `otpauth` exporter) write. Read by `readLinkList`.
 */
import { requireText } from './input';
import { linkListLines, readLinkList } from './link-lists';
import type { Importer } from './types';

function isComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

export const otpauthListImporter: Importer = {
  id: 'otpauth-list',
  label: 'otpauth:// links (Aegis, WinAuth, Stratum, text)',
  sniff(input) {
    if (linkListLines(input) !== null) return { encrypted: false };
    // A list whose every line is a comment (an export with no accounts): ours, so the user hears
    // "no accounts" instead of "unknown format".
    const { text } = input;
    if (text === null || !text.split(/\r\n|\r|\n/).every(isComment) || !text.includes('#')) return null;
    return { encrypted: false };
  },
  async read(input) {
    return readLinkList('otpauth-list', requireText(input));
  },
};
