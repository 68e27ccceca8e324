/**
 * @file Stratum's HTML export (docs/formats.md): a table whose cells hold each account's
 * otpauth:// (or motp://) URI as text, next to a QR image. Read without a DOM: the URIs are
 * found as text and their HTML character references decoded.
 */
import { AppError } from '../../core/errors';
import { collectAccounts } from './drafts';
import { requireText } from './input';
import { parseForeignUri, uriEntryLabel } from './link-lists';
import type { Importer } from './types';

const URI = /(?:otpauth|motp):\/\/[^\s<>"']+/gi;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** The URIs an HTML export shows, in order, each once. */
export function urisInHtml(html: string): string[] {
  const found = (html.match(URI) ?? []).map((u) => decodeEntities(u));
  return [...new Set(found)];
}

export const stratumHtmlImporter: Importer = {
  id: 'stratum-html',
  label: 'Stratum / Authenticator Pro (HTML)',
  sniff(input) {
    const { text } = input;
    if (input.bytes.length < 16 || text === null || !looksLikeHtml(text) || !/(?:otpauth|motp):\/\//i.test(text)) return null;
    return { encrypted: false };
  },
  async read(input) {
    const text = requireText(input);
    const uris = urisInHtml(text);
    if (uris.length > 100_000) throw new AppError('import/damaged');
    return collectAccounts('stratum-html', uris, (uri) => ({ data: parseForeignUri(uri) }), uriEntryLabel);
  },
};
