/** @file Entry of the lazily loaded brand-icon chunk: the data, indexed, and the matcher. */
import { BRAND_ALIASES, BRAND_ICONS, EXACT_ONLY } from './data';
import { inkOn } from '../colour-contrast';
import { buildBrandIndex, matchBrand, type ShownBrand } from './match';

const index = buildBrandIndex(BRAND_ICONS, BRAND_ALIASES, EXACT_ONLY);

export function findBrand(issuer: string): ShownBrand | undefined {
  const brand = matchBrand(index, issuer);
  return brand && { ...brand, ink: inkOn(`#${brand.hex}`) };
}
