/**
 * @file Android SharedPreferences files (`shared_prefs/*.xml`), where Authy, Battle.net, FreeOTP
 * and TOTP Authenticator keep their accounts: a `<map>` of `<string name="…">value</string>`
 * (and `<int>`, `<long>`, `<boolean>` with a `value` attribute). People reach them from a rooted
 * phone or a device backup. Sniffers only look at the text; read() parses it with
 * `@xmldom/xmldom`, loaded on first use (the import Worker and the CLI have no DOMParser).
 */
import { AppError } from '../../core/errors';

/** Whether the text is a SharedPreferences file: an optional XML declaration, then `<map>`. */
export function isSharedPrefs(text: string | null): text is string {
  return text !== null && /^\s*(<\?xml[^>]*\?>\s*)?<map\s*\/?>/.test(text);
}

/** Whether the file has an entry of this name (as the app writes it, XML-escaped). */
export function hasPref(text: string, name: string): boolean {
  return text.includes(`name="${name}"`);
}

/**
 * The preferences by name: strings as their text, the others as their `value` attribute. Any
 * XML error (a cut-off file, a stray `&`) is 'import/damaged'; a DOCTYPE is refused before
 * parsing, so no entity of the file is expanded.
 */
export async function readSharedPrefs(text: string): Promise<Map<string, string>> {
  if (!isSharedPrefs(text) || /<!DOCTYPE/i.test(text)) throw new AppError('import/damaged');
  const { DOMParser } = await import('@xmldom/xmldom');
  let doc;
  try {
    doc = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') throw new AppError('import/damaged');
      },
    }).parseFromString(text, 'text/xml');
  } catch {
    throw new AppError('import/damaged');
  }
  const root = doc.documentElement;
  if (root?.tagName !== 'map') throw new AppError('import/damaged');
  const prefs = new Map<string, string>();
  for (let node = root.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const el = node as unknown as { tagName: string; getAttribute(n: string): string | null; textContent: string | null };
    const name = el.getAttribute('name');
    if (name === null) continue;
    prefs.set(name, el.tagName === 'string' ? (el.textContent ?? '') : (el.getAttribute('value') ?? ''));
  }
  return prefs;
}
