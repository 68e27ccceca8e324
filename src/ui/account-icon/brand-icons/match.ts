/**
 * @file Matching an account's issuer to a bundled brand icon. Pure (no DOM): the tables come
 * from the lazily loaded data.ts chunk; normalisation is shared by the table and the lookup.
 */

export interface BrandIcon {
  slug: string;
  title: string;
  /** Brand colour, six hex digits without '#'. */
  hex: string;
  /** SVG path on a 24×24 view box. */
  path: string;
}

/** A brand as drawn: its path in black or white, whichever reads better on its colour. */
export interface ShownBrand extends BrandIcon {
  ink: '#000000' | '#ffffff';
}

export interface BrandIndex {
  bySlug: ReadonlyMap<string, BrandIcon>;
  /** Normalised name → slug. */
  byName: ReadonlyMap<string, string>;
  exactOnly: ReadonlySet<string>;
}

/** Company-form and domain endings people leave on issuers ("GitHub, Inc.", "dropbox.com"). */
const SUFFIX = /(?:[\s,]+(?:inc|llc|ltd|limited|corp|corporation|co|gmbh|ag|sa|plc|kk|株式会社))+\.?$|\.(?:com|net|org|io|co\.jp|jp|co|app|dev)$/u;
const PREFIX = /^(?:株式会社|\(株\)|㈱)/u;

/** Case, width (NFKC), punctuation and spaces folded away; '' when nothing is left. */
export function compactName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The issuer as written, and without company/domain endings ('' when it had none). */
export function nameVariants(issuer: string): { whole: string; bare: string } {
  const base = issuer.normalize('NFKC').trim().toLowerCase();
  const whole = compactName(base);
  const bare = compactName(base.replace(PREFIX, '').replace(SUFFIX, '').trim());
  return { whole, bare: bare === whole ? '' : bare };
}

export function buildBrandIndex(icons: readonly BrandIcon[], aliases: readonly (readonly [string, string])[], exactOnly: ReadonlySet<string>): BrandIndex {
  const bySlug = new Map(icons.map((i) => [i.slug, i]));
  const byName = new Map<string, string>();
  for (const [name, slug] of aliases) {
    const key = compactName(name);
    if (key !== '' && bySlug.has(slug) && !byName.has(key)) byName.set(key, slug);
  }
  return { bySlug, byName, exactOnly };
}

/** First-word matching needs a name at least this long ("Google Workspace", "Steam Guard"). */
const MIN_WORD_MATCH = 4;

/**
 * The brand for an issuer: the whole name (with or without "Inc."/".com"), else its first word
 * when that is a distinctive brand name. Short or generic names never match by word.
 */
export function matchBrand(index: BrandIndex, issuer: string): BrandIcon | undefined {
  const { whole, bare } = nameVariants(issuer);
  const exact = index.byName.get(whole);
  if (exact !== undefined) return index.bySlug.get(exact);
  // "Mega Corp" is not MEGA: generic brand words need their name exactly.
  const trimmed = bare === '' ? undefined : index.byName.get(bare);
  if (trimmed !== undefined && !index.exactOnly.has(trimmed)) return index.bySlug.get(trimmed);
  const first = compactName(
    issuer
      .normalize('NFKC')
      .trim()
      .split(/[\s,:/|(（・]+/u)[0] ?? '',
  );
  if (first.length < MIN_WORD_MATCH) return undefined;
  const slug = index.byName.get(first);
  if (slug === undefined || index.exactOnly.has(slug)) return undefined;
  return index.bySlug.get(slug);
}
