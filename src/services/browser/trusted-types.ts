/**
 * @file Trusted Types. The CSP requires them for scripts (`require-trusted-types-for 'script'`)
 * and names two policies (`trusted-types lit-html default`): Lit's own, which turns its template
 * strings into HTML, and this one. The browser asks the `default` policy whenever code hands a
 * plain string to a script-loading sink, which three bundled callers do: our Argon2id Worker
 * (`new Worker(url)`), qr-scanner's decoder Worker (a `blob:` URL it makes from its own code) and
 * workbox-window's service-worker registration. The policy lets through script URLs of this
 * origin, including `blob:` URLs this origin made, and nothing else. It has no `createHTML` and no
 * `createScript`: an HTML or script string from anywhere else is refused and reported, so an
 * injected name can never become markup or code even if a future change forgot the lint rules.
 *
 * Installed on import, by `boot.ts` before anything else runs (the first Worker starts later).
 */

/** The part of the Trusted Types API used here (TypeScript's DOM library does not have it yet). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL?: (input: string) => string | null }): unknown;
}

/** The URL if it is a script this origin serves or made (a same-origin `blob:`), else null. */
export function allowScriptUrl(input: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(input, origin);
  } catch {
    return null;
  }
  // A blob: URL's origin is its creator's; data:, javascript: and other origins fail here.
  const ok = (url.protocol === 'blob:' || url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
  return ok ? input : null;
}

/** Creates the `default` policy once; a browser without Trusted Types needs none. */
export function installTrustedTypesPolicy(scope: { trustedTypes?: TrustedTypesFactory; location: { origin: string } }): boolean {
  const factory = scope.trustedTypes;
  if (factory === undefined) return false;
  const origin = scope.location.origin;
  try {
    factory.createPolicy('default', { createScriptURL: (input) => allowScriptUrl(input, origin) });
    return true;
  } catch {
    // Already created (a second copy of this module): the first one stands.
    return false;
  }
}

installTrustedTypesPolicy(globalThis as unknown as { trustedTypes?: TrustedTypesFactory; location: { origin: string } });
