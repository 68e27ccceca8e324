/** @file Entry of the lazily loaded brand-icon chunk: the data, indexed, and the matcher. */
import { BRAND_ALIASES, BRAND_ICONS, EXACT_ONLY } from './data';
import { buildBrandIndex, matchBrand, type BrandIcon } from './match';

const index = buildBrandIndex(BRAND_ICONS, BRAND_ALIASES, EXACT_ONLY);

export function findBrand(issuer: string): BrandIcon | undefined {
  return matchBrand(index, issuer);
}
