/**
 * @file The made-up contents of the password managers' fixtures (issue #17): CXF 1.0 JSON, Apple
 * Passwords CSV and 1Password's 1PUX `export.data` (not a test file). Written to
 * test/fixtures/import/{cxf,apple-passwords,1password}/ by
 * test/fixture-writers/password-manager-fixtures.test.ts; the unit tests read the committed files.
 * Each file also holds what must NOT come across: passwords (the string PASSWORD_CANARY, which no
 * result may contain), passkeys, a secure note, and in CXF a TOTP of an unknown algorithm.
 */
import { ALICE, BOB, ERIN, uriOf } from './fixtures';

/** In every password column of the fixtures: a test checks it is nowhere in what the importer returns. */
export const PASSWORD_CANARY = 'hunter2-canary-password';

export const PM_FILES = {
  cxf: 'cxf/export.json',
  applePasswords: 'apple-passwords/Passwords.csv',
  onePux: '1password/export.1pux',
} as const;

// ---------- CXF 1.0 (FIDO Alliance, Credential Exchange Format, 2025-08-14) ----------

export const CXF = {
  version: { major: 1, minor: 0 },
  exporterRpId: 'passwords.example',
  exporterDisplayName: 'Example Passwords',
  timestamp: 1767225600,
  accounts: [
    {
      id: 'YWNjb3VudC0x',
      username: 'alice',
      email: 'alice@example.com',
      collections: [{ id: 'Y29sbC13b3Jr', title: 'Work', items: [{ item: 'aXRlbS1hY21l' }] }],
      items: [
        {
          id: 'aXRlbS1leGFtcGxl',
          title: 'Example',
          favorite: true,
          scope: { urls: ['https://example.com'], androidApps: [] },
          credentials: [
            { type: 'basic-auth', username: { fieldType: 'string', value: ALICE.name }, password: { fieldType: 'concealed-string', value: PASSWORD_CANARY } },
            { type: 'totp', secret: ALICE.secretB32, period: 30, digits: 6, algorithm: 'sha1' },
            { type: 'note', content: { fieldType: 'string', value: 'backup codes are in the safe' } },
          ],
          tags: ['Personal'],
        },
        {
          id: 'aXRlbS1hY21l',
          title: 'Acme',
          credentials: [
            { type: 'totp', secret: BOB.secretB32, period: 60, digits: 8, algorithm: 'sha256', username: BOB.name, issuer: BOB.issuer },
            { type: 'passkey', credentialId: 'Y3JlZA', rpId: 'acme.test', username: 'bob', userDisplayName: 'Bob', userHandle: 'dXNlcg', key: 'a2V5' },
          ],
        },
        {
          id: 'aXRlbS1lcmlu',
          title: '',
          credentials: [{ type: 'totp', secret: ERIN.secretB32, period: 30, digits: 6, algorithm: 'sha1', username: ERIN.name }],
        },
        {
          id: 'aXRlbS1mdXR1cmU',
          title: 'Future Corp',
          credentials: [{ type: 'totp', secret: ALICE.secretB32, period: 30, digits: 6, algorithm: 'sha3-256', username: 'frank' }],
        },
        { id: 'aXRlbS13aWZp', title: 'Home Wi-Fi', credentials: [{ type: 'wifi', ssid: { fieldType: 'string', value: 'home' } }] },
        { id: 'aXRlbS1ub3Rl', title: 'Safe combination', credentials: [{ type: 'note', content: { fieldType: 'string', value: '12-34-56' } }] },
      ],
    },
  ],
};

// ---------- Apple Passwords (macOS 15 / iOS 18 Passwords app, File → Export All Passwords) ----------

const csv = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvRow = (fields: string[]): string => fields.map(csv).join(',');

export const APPLE_PASSWORDS = `${[
  ['Title', 'URL', 'Username', 'Password', 'Notes', 'OTPAuth'],
  ['example.com (alice@example.com)', 'https://example.com/', ALICE.name, PASSWORD_CANARY, 'line one\nline "two", with a comma', uriOf(ALICE)],
  ['Acme', 'https://acme.test/', BOB.name, PASSWORD_CANARY, '', uriOf(BOB)],
  ['no-code.example', 'https://no-code.example/', 'someone', PASSWORD_CANARY, '', ''],
  ['Broken', 'https://broken.example/', 'x', PASSWORD_CANARY, '', 'otpauth://totp/Broken:x?secret=not-base32!'],
]
  .map(csvRow)
  .join('\r\n')}\r\n`;

// ---------- 1Password 1PUX (1Password 8, File → Export → 1PUX): export.data ----------

const login = (username: string): unknown[] => [
  { value: username, id: '', name: 'username', fieldType: 'T', designation: 'username' },
  { value: PASSWORD_CANARY, id: '', name: 'password', fieldType: 'P', designation: 'password' },
];

const otpSection = (value: string): unknown => ({
  title: '',
  name: 'Section_1',
  fields: [
    { title: 'one-time password', id: 'TOTP_1', value: { totp: value }, indexAtSource: 0, guarded: false, multiline: false, dontGenerate: false },
    { title: 'pin', id: 'pin', value: { concealed: PASSWORD_CANARY }, indexAtSource: 1, guarded: false, multiline: false, dontGenerate: false },
  ],
});

export const ONEPUX_DATA = {
  accounts: [
    {
      attrs: { accountName: 'Alice', name: 'Alice', avatar: '', email: ALICE.name, uuid: 'ACCOUNT1', domain: 'https://my.1password.com/' },
      vaults: [
        {
          attrs: { uuid: 'vault1', desc: '', avatar: '', name: 'Personal', type: 'P' },
          items: [
            {
              uuid: 'item1',
              favIndex: 1,
              createdAt: 1767225600,
              updatedAt: 1767225600,
              state: 'active',
              categoryUuid: '001',
              details: {
                loginFields: login(ALICE.name),
                notesPlain: 'backup codes are in the safe',
                sections: [otpSection(uriOf(ALICE))],
                passwordHistory: [],
              },
              overview: { subtitle: ALICE.name, urls: [], title: 'Example', url: 'https://example.com', ps: 0, pbe: 0, pgrng: false, tags: ['Personal'] },
            },
            {
              uuid: 'item2',
              favIndex: 0,
              createdAt: 1767225600,
              updatedAt: 1767225600,
              state: 'active',
              categoryUuid: '001',
              // A bare secret, as 1Password also stores one typed in by hand: TOTP SHA-1/6/30.
              details: { loginFields: login('erin'), notesPlain: '', sections: [otpSection(ERIN.secretB32.toLowerCase())], passwordHistory: [] },
              overview: { subtitle: 'erin', urls: [], title: 'Erin Mail', url: '', ps: 0, pbe: 0, pgrng: false, tags: [] },
            },
            {
              uuid: 'item3',
              favIndex: 0,
              createdAt: 1767225600,
              updatedAt: 1767225600,
              state: 'active',
              categoryUuid: '001',
              details: { loginFields: login('someone'), notesPlain: '', sections: [], passwordHistory: [] },
              overview: { subtitle: 'someone', urls: [], title: 'Password only', url: '', ps: 0, pbe: 0, pgrng: false, tags: [] },
            },
            {
              uuid: 'item4',
              favIndex: 0,
              createdAt: 1767225600,
              updatedAt: 1767225600,
              state: 'trashed',
              categoryUuid: '001',
              details: { loginFields: login('old'), notesPlain: '', sections: [otpSection(uriOf(BOB))], passwordHistory: [] },
              overview: { subtitle: 'old', urls: [], title: 'Deleted item', url: '', ps: 0, pbe: 0, pgrng: false, tags: [] },
            },
          ],
        },
        {
          attrs: { uuid: 'vault2', desc: '', avatar: '', name: 'Shared', type: 'U' },
          // The older layout: each item wrapped as { item: {…} }.
          items: [
            {
              item: {
                uuid: 'item5',
                favIndex: 0,
                createdAt: 1767225600,
                updatedAt: 1767225600,
                trashed: false,
                categoryUuid: '001',
                details: { loginFields: login(BOB.name), notesPlain: '', sections: [otpSection(uriOf(BOB))], passwordHistory: [] },
                overview: { subtitle: BOB.name, urls: [], title: 'Acme', url: '', ps: 0, pbe: 0, pgrng: false, tags: ['Work'] },
              },
            },
          ],
        },
      ],
    },
  ],
};

export const ONEPUX_ATTRIBUTES = { version: 3, description: '1Password Unencrypted Export', createdAt: 1767225600 };
