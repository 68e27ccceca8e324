import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastRatio, inkOn } from '../../../src/ui/account-icon/colour-contrast';
import { BADGE_PALETTE, badgeColourIndex, badgeLetter } from '../../../src/ui/account-icon/letter-badge';

describe('letter badge', () => {
  it('takes the first grapheme, upper-cased', () => {
    expect(badgeLetter('github')).toBe('G');
    expect(badgeLetter('  ünïcode')).toBe('Ü');
    expect(badgeLetter('楽天')).toBe('楽');
    expect(badgeLetter('👩‍💻 Dev')).toBe('👩‍💻');
    expect(badgeLetter('ｇｏｏｇｌｅ')).toBe('G');
    expect(badgeLetter('')).toBe('?');
    expect(badgeLetter('   ')).toBe('?');
  });

  it('gives an issuer the same colour every time, whatever its case or width', () => {
    expect(badgeColourIndex('Example')).toBe(badgeColourIndex('Example'));
    expect(badgeColourIndex('Example')).toBe(badgeColourIndex('EXAMPLE'));
    expect(badgeColourIndex('Example')).toBe(badgeColourIndex('Ｅｘａｍｐｌｅ '));
    // Pinned values: a change of hash or palette would recolour every user's list.
    expect([badgeColourIndex('GitHub'), badgeColourIndex('Acme'), badgeColourIndex('楽天')]).toEqual([2, 7, 7]);
    fc.assert(
      fc.property(fc.string(), (s) => {
        const i = badgeColourIndex(s);
        return Number.isInteger(i) && i >= 0 && i < BADGE_PALETTE.length && i === badgeColourIndex(s);
      }),
    );
  });

  it('spreads issuers over the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => badgeColourIndex(`Service ${i}`)));
    expect(used.size).toBe(BADGE_PALETTE.length);
  });

  it('keeps white letters at 4.5:1 or more on every badge colour (light and dark themes alike)', () => {
    for (const colour of BADGE_PALETTE) expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
  });

  it('picks readable ink for brand colours', () => {
    expect(inkOn('#000000')).toBe('#ffffff');
    expect(inkOn('#FFFC00')).toBe('#000000');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
