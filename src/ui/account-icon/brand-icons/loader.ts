/**
 * @file Loads the brand-icon chunk once, when the browser is idle after the first codes are on
 * screen (it must never delay them). Nothing of the matcher or the data is in the start-up
 * bundle. Lookups are not cached: a cache would keep issuers in memory after the vault locks.
 */
import type { ShownBrand } from './match';

let find: ((issuer: string) => ShownBrand | undefined) | undefined;
let loading: Promise<void> | undefined;
const START_AFTER_MS = 1000;

/** The brand for an issuer if the chunk is loaded; undefined otherwise or when none matches. */
export function brandFor(issuer: string): ShownBrand | undefined {
  if (find === undefined || issuer.trim() === '') return undefined;
  return find(issuer);
}

export function brandsLoaded(): boolean {
  return find !== undefined;
}

/** Starts (once) loading the chunk when the browser is idle; resolves when it is ready. */
export function whenBrandsLoaded(): Promise<void> {
  // A second after the codes first show, then when idle: icons are cosmetic and the codes come first.
  loading ??= new Promise<void>((resolve) => {
    setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : resolve()), START_AFTER_MS);
  })
    .then(() => import('./chunk'))
    .then((chunk) => {
      find = chunk.findBrand;
    })
    .catch(() => {
      // Offline before the chunk was cached, or a failed load: letter badges stay, nothing breaks.
      loading = undefined;
    });
  return loading;
}
