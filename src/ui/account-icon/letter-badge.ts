/**
 * @file The generated letter badge: the first character a reader sees in the issuer (a whole
 * grapheme, so emoji, combining marks and kana stay intact) on a colour picked by a stable hash.
 * Pure: the element renders it with a CSS class per palette entry (no style attributes).
 */

/**
 * Badge backgrounds. White letters on each reach at least 4.5:1 (WCAG AA for text), so the
 * badge reads the same in the light and the dark theme; a unit test checks every entry
 * (with colour-contrast.ts, which stays out of the start-up bundle).
 */
export const BADGE_PALETTE = [
  '#b3261e', // red
  '#a8326e', // raspberry
  '#7b3fa6', // purple
  '#4f46b8', // indigo
  '#1f5fa8', // blue
  '#0b6e7a', // teal
  '#1b6e3a', // green
  '#5a6b12', // olive
  '#8a5300', // amber brown
  '#a34a12', // orange brown
  '#5f5650', // warm grey
  '#3d5a80', // slate
] as const;

/** FNV-1a over UTF-16 units: small, fast, and the same on every device and run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Index into BADGE_PALETTE; the same issuer always gets the same colour, whatever its case or width. */
export function badgeColourIndex(issuer: string): number {
  return hash(issuer.normalize('NFKC').trim().toLowerCase()) % BADGE_PALETTE.length;
}

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/** The first grapheme, upper-cased where that means something; '?' for an empty name. */
export function badgeLetter(text: string): string {
  const trimmed = text.normalize('NFKC').trim();
  if (trimmed === '') return '?';
  const first = segmenter ? (segmenter.segment(trimmed)[Symbol.iterator]().next().value?.segment ?? '') : (Array.from(trimmed)[0] ?? '');
  return first.toLocaleUpperCase();
}
