import { describe, expect, it } from 'vitest';
import { BRAND_ALIASES, BRAND_ICONS, EXACT_ONLY } from '../../../src/ui/account-icon/brand-icons/data';
import { buildBrandIndex, compactName, matchBrand } from '../../../src/ui/account-icon/brand-icons/match';

const index = buildBrandIndex(BRAND_ICONS, BRAND_ALIASES, EXACT_ONLY);
const slug = (issuer: string): string | undefined => matchBrand(index, issuer)?.slug;

describe('issuer → bundled brand icon', () => {
  it('matches English names as sites write them', () => {
    expect(slug('GitHub')).toBe('github');
    expect(slug('Google')).toBe('google');
    expect(slug('Epic Games')).toBe('epicgames');
    expect(slug('Battle.net')).toBe('battledotnet');
    expect(slug('Proton Mail')).toBe('protonmail');
    expect(slug('Twitter')).toBe('x');
    expect(slug('1Password')).toBe('1password');
  });

  it('matches common Japanese names', () => {
    expect(slug('グーグル')).toBe('google');
    expect(slug('楽天')).toBe('rakuten');
    expect(slug('楽天銀行')).toBe('rakuten');
    expect(slug('ソニー')).toBe('sony');
    expect(slug('ライン')).toBe('line');
    expect(slug('フェイスブック')).toBe('facebook');
    expect(slug('ツイッター')).toBe('x');
    expect(slug('ディスコード')).toBe('discord');
    expect(slug('プレイステーション')).toBe('playstation');
  });

  it('ignores case, full width, punctuation and company or domain endings', () => {
    expect(slug('GITHUB')).toBe('github');
    expect(slug('ＧｉｔＨｕｂ')).toBe('github');
    expect(slug('ｸﾞｰｸﾞﾙ')).toBe('google');
    expect(slug('  github  ')).toBe('github');
    expect(slug('GitHub, Inc.')).toBe('github');
    expect(slug('dropbox.com')).toBe('dropbox');
    expect(slug('Discord Inc.')).toBe('discord');
    expect(slug('Cloud-Flare')).toBe('cloudflare');
    expect(slug('株式会社ソニー')).toBe('sony');
  });

  it('matches a distinctive brand as the first word of a longer issuer', () => {
    expect(slug('Google Workspace')).toBe('google');
    expect(slug('Steam Guard')).toBe('steam');
    expect(slug('GitHub Enterprise')).toBe('github');
  });

  it('gives no icon for short or generic names', () => {
    for (const issuer of [
      '',
      ' ',
      'X Bank',
      'Line of Credit Union',
      'Box Hill Council',
      'Wise Owl Books',
      'Mega Corp',
      'Zoom Bikes',
      'Meta',
      'My Company',
      'Git',
      'Goo',
      'Stea',
      'ACME',
      'Proton Therapy Clinic',
      'EA Sports Fan Club',
      'Google?!'.slice(0, 3),
    ]) {
      const found = slug(issuer);
      if (issuer === 'Meta') expect(found).toBe('meta');
      else expect(found, issuer).toBeUndefined();
    }
  });

  it('folds names the same way on both sides', () => {
    expect(compactName('Ｂａｔｔｌｅ．ｎｅｔ')).toBe('battlenet');
    expect(compactName('!!!')).toBe('');
  });

  it('only bundles icons it can match, each with a colour and a path', () => {
    expect(BRAND_ICONS.length).toBeGreaterThanOrEqual(100);
    expect(BRAND_ICONS.length).toBeLessThanOrEqual(160);
    for (const icon of BRAND_ICONS) {
      expect(icon.hex).toMatch(/^[0-9A-F]{6}$/);
      expect(icon.path).toMatch(/^[Mm][\d.\-\s,a-zA-Z]+$/);
      expect(slug(icon.title), icon.title).toBe(icon.slug);
    }
  });
});
