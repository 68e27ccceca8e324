/**
 * A guard for the small design system (src/ui/shared/global.css tokens, shared/styles.ts): screens
 * take their colours and their focus ring from the tokens, so light and dark stay one decision and
 * no screen keeps its own variant. A colour written into a screen's CSS is allowed only where the
 * colour must not follow the theme, each with its reason below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI = join(import.meta.dirname, '../../../src/ui');

/** Files that may name colours themselves, and why. */
const FIXED_COLOURS: Record<string, string> = {
  'shared/global.css': 'the tokens themselves',
  'shared/omamori-qr.ts': 'a QR code is black on white in every theme, or cameras fail to read it',
  'backup/omamori-google-export.ts': 'the transfer QR codes sit on white in every theme, for the camera',
  'move/phone-move-styles.ts': 'the animated QR code sits on white in every theme, for the camera',
  'recovery/omamori-kit-print.ts': 'a printed sheet is black on white paper whatever the screen theme',
  'recovery/code-sheet-styles.ts': "the paper backup's pages and the unencrypted sheet are black on white paper whatever the screen theme",
  'scan/scanner-styles.ts': 'the viewfinder overlays live video, which has no theme',
  'account-icon/omamori-account-icon.ts': 'letter badges use ink chosen for contrast against the brand colour',
  'account-icon/colour-contrast.ts': 'computes that ink (black or white)',
  'account-icon/brand-icons/match.ts': 'the type of that ink',
  'account-icon/letter-badge.ts': "letter badges' own palette, each colour checked for contrast with its ink",
  'shared/styles.ts': "a dialog's ::backdrop does not inherit custom properties in every engine",
  'codes/omamori-large-code.ts': 'the same ::backdrop limit, darker on purpose',
};

const COLOUR = /#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(/;
const OWN_FOCUS_RING = /outline:\s*\d+px\s+solid\s+var\(--om-focus\)/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|css)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Lines of a file without its comments (a comment may mention a colour). */
function codeLines(path: string): { line: number; text: string }[] {
  const src = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return src
    .split('\n')
    .map((text, i) => ({ line: i + 1, text: text.replace(/(^|\s)\/\/.*$/, '') }))
    .filter((l) => l.text.trim() !== '');
}

function findings(re: RegExp, allowed: (file: string) => boolean): string[] {
  return files(UI).flatMap((path) => {
    const file = relative(UI, path).split('\\').join('/');
    if (allowed(file)) return [];
    return codeLines(path)
      .filter((l) => re.test(l.text))
      .map((l) => `${file}:${l.line}: ${l.text.trim()}`);
  });
}

describe('design system', () => {
  it('screens take their colours from the tokens (fixed colours only where the theme must not apply)', () => {
    expect(findings(COLOUR, (file) => file in FIXED_COLOURS)).toEqual([]);
  });

  it('every focus ring is the shared one (var(--om-focus-ring)), none drawn by hand', () => {
    expect(findings(OWN_FOCUS_RING, (file) => file === 'shared/global.css')).toEqual([]);
  });

  it('every file allowed a fixed colour still uses one (the list does not outlive its reasons)', () => {
    for (const file of Object.keys(FIXED_COLOURS)) {
      expect(
        codeLines(join(UI, file)).some((l) => COLOUR.test(l.text)),
        file,
      ).toBe(true);
    }
  });
});
