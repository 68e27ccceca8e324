import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORTERS } from '../../../src/formats/import/registry';
import { indefiniteArticle } from '../../../src/messages/article';
import { ja } from '../../../src/messages/ja';
import { loadAllMessages, setLocaleSetting, t } from '../../../src/messages/translate';

/**
 * How each importer's name is said, decided by ear; a new importer fails the first test until
 * someone decides its article here.
 */
const SPOKEN: Readonly<Record<string, 'a' | 'an'>> = {
  aegis: 'an',
  '2fas': 'a',
  andotp: 'an',
  'andotp-encrypted': 'an',
  bitwarden: 'a',
  'bitwarden-authenticator': 'a',
  'bitwarden-csv': 'a',
  cxf: 'a',
  'apple-passwords-csv': 'an',
  '1password-1pux': 'a',
  keepass: 'a',
  'keepassxc-csv': 'a',
  'google-migration-text': 'a',
  'ente-auth': 'an',
  'ente-encrypted': 'an',
  'otpauth-list': 'an',
  omamori: 'an',
  'proton-authenticator': 'a',
  stratum: 'a',
  'stratum-html': 'a',
  'freeotp-plus': 'a',
  'freeotp-v2': 'a',
  lastpass: 'a',
  raivo: 'a',
  'raivo-zip': 'a',
  steam: 'a',
  'authenticator-plus': 'an',
  'winauth-zip': 'a',
  'totp-authenticator': 'a',
  duo: 'a',
  'google-authenticator-db': 'a',
  'microsoft-authenticator-db': 'a',
  'stratum-db': 'a',
  'authy-xml': 'an',
  'freeotp-xml': 'a',
  'totp-authenticator-xml': 'a',
  'battlenet-xml': 'a',
  'authenticator-plus-db': 'an',
};

describe('English articles before app names', () => {
  beforeAll(async () => {
    await loadAllMessages();
    await setLocaleSetting('en');
  });

  it('has a decided article for every importer', () => {
    expect(IMPORTERS.map((i) => i.id).filter((id) => SPOKEN[id] === undefined)).toEqual([]);
  });

  it.each(IMPORTERS.map((i) => [i.label, i.id] as const))('"Read as … export" is right for %s', (label, id) => {
    expect(t('import.readAs', { app: label })).toBe(`Read as ${SPOKEN[id]} ${label} export.`);
  });

  it('goes by the first sound, not the first letter', () => {
    const cases: [string, 'a' | 'an'][] = [
      ['Aegis', 'an'],
      ['2FAS Authenticator', 'a'],
      ['8-digit code', 'an'],
      ['11 accounts', 'an'],
      ['110 accounts', 'a'],
      ['18,000 accounts', 'an'],
      ['HOTP account', 'an'],
      ['TOTP Authenticator', 'a'],
      ['FIDO2 key', 'an'],
      ['SMS code', 'an'],
      ['one-time code', 'a'],
      ['hour', 'an'],
      ['Heroku', 'a'],
      ['Uber', 'an'],
      ['Ubiquiti', 'a'],
      ['unique name', 'a'],
      ['European bank', 'a'],
      ['otpauth:// list', 'an'],
      ['Yandex', 'a'],
      ['', 'a'],
    ];
    for (const [name, article] of cases) expect(indefiniteArticle(name), name).toBe(article);
  });

  it('leaves Japanese without an article', async () => {
    await setLocaleSetting('ja');
    try {
      expect(ja['import.readAs']).not.toContain(':a}');
      expect(t('import.readAs', { app: 'Aegis' })).toBe('Aegis のエクスポートとして読み込みました。');
    } finally {
      await setLocaleSetting('en');
    }
  });
});
