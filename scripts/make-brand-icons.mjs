// Generates src/ui/account-icon/brand-icons/data.ts: a curated subset of simple-icons (CC0) for services
// that commonly offer 2FA, plus an alias table (incl. Japanese names) for matching by issuer.
// The output is committed, so builds never need simple-icons; it is loaded as a lazy chunk.
//   node scripts/make-brand-icons.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import * as simpleIcons from 'simple-icons';

/** Slugs to include, roughly by how often people enrol them. Missing ones fail the script. */
const SLUGS = `
google gmail youtube github gitlab bitbucket codeberg gitea apple icloud facebook meta messenger
instagram threads whatsapp x bluesky mastodon discord telegram signal line kakaotalk wechat
dropbox box mega steam epicgames playstation battledotnet ubisoft ea riotgames roblox nexon
squareenix mihoyo valve twitch kick reddit tumblr pinterest tiktok snapchat
paypal stripe wise revolut klarna venmo cashapp robinhood n26 monzo
hsbc chase americanexpress coinbase binance kucoin okx blockchaindotcom trezor
cloudflare digitalocean vercel netlify fastly hetzner ovh vultr scaleway
supabase mongodb googlecloud firebase backblaze
namecheap namesilo godaddy porkbun gandi npm pypi rubygems docker
sentry datadog newrelic pagerduty grafana hashicorp hackerone bugcrowd
proton protonmail protonvpn simplelogin bitwarden 1password lastpass keeper dashlane okta
auth0 yubico atlassian jira confluence trello notion figma asana
todoist zoom zoho mailchimp shopify wordpress
patreon ebay etsy airbnb uber aliexpress
rakuten sony samsung spotify netflix nintendo
kagi duckduckgo jetbrains tailscale nextcloud
nordvpn expressvpn mullvad
stackoverflow
anthropic openai pixiv niconico dmm qiita zenn naver
`
  .split(/\s+/)
  .filter(Boolean);

/** Slugs simple-icons has removed at the brand's request: matched nowhere, noted for humans. */
const OPTIONAL = new Set(['nintendo', 'openai']);

/** Extra names people type as issuer (matching normalises case, width and punctuation). */
const ALIASES = {
  google: ['Google LLC', 'Google Account', 'Googleアカウント', 'グーグル', 'ぐーぐる'],
  gmail: ['ジーメール'],
  youtube: ['ユーチューブ'],
  github: ['ギットハブ'],
  apple: ['Apple ID', 'アップル', 'アップルID'],
  icloud: ['アイクラウド'],
  facebook: ['フェイスブック', 'フェイスブック（Facebook）'],
  meta: ['Meta Platforms', 'メタ'],
  instagram: ['インスタグラム', 'インスタ'],
  x: ['Twitter', 'X Corp', 'X (Twitter)', 'ツイッター', 'エックス'],
  discord: ['ディスコード'],
  line: ['LINE Corporation', 'LINEヤフー', 'ライン'],
  dropbox: ['ドロップボックス'],
  steam: ['Steam Guard', 'Valve Steam', 'スチーム'],
  epicgames: ['Epic', 'エピックゲームズ'],
  playstation: ['PlayStation Network', 'PSN', 'Sony Entertainment Network', 'プレイステーション', 'プレステ'],
  battledotnet: ['Battle.net', 'Blizzard Battle.net', 'バトルネット'],
  ea: ['Electronic Arts', 'EA app', 'Origin'],
  ubisoft: ['Ubisoft Connect', 'ユービーアイソフト'],
  riotgames: ['Riot', 'ライアットゲームズ'],
  roblox: ['ロブロックス'],
  twitch: ['ツイッチ'],
  reddit: ['レディット'],
  tiktok: ['ティックトック'],
  paypal: ['ペイパル'],
  coinbase: ['コインベース'],
  binance: ['バイナンス'],
  amazon: [],
  rakuten: ['Rakuten Ichiba', '楽天', '楽天市場', '楽天銀行', '楽天証券', '楽天カード', '楽天ID'],
  sony: ['Sony Account', 'ソニー', 'ソニーアカウント'],
  samsung: ['Samsung Account', 'サムスン'],
  spotify: ['スポティファイ'],
  netflix: ['ネットフリックス'],
  nintendo: ['Nintendo Account', '任天堂', 'ニンテンドー', 'ニンテンドーアカウント'],
  openai: ['ChatGPT'],
  anthropic: ['Claude'],
  proton: ['Proton AG', 'Proton Account', 'プロトン'],
  protonmail: ['Proton Mail'],
  '1password': ['ワンパスワード'],
  zoom: ['Zoom Video', 'ズーム'],
  shopify: ['ショッピファイ'],
  pixiv: ['ピクシブ'],
  niconico: ['ニコニコ', 'ニコニコ動画', 'ニコ動'],
  dmm: ['DMM.com', 'DMM GAMES'],
  qiita: ['キータ'],
  kakaotalk: ['Kakao', 'カカオトーク'],
  mihoyo: ['HoYoverse', 'HoYoLAB', 'ホヨバース'],
  squareenix: ['SQUARE ENIX', 'スクウェア・エニックス', 'スクエニ'],
  konami: ['コナミ'],
  sega: ['セガ'],
  nexon: ['ネクソン'],
  wise: ['TransferWise'],
  googlecloud: ['GCP', 'Google Cloud Platform'],
  cloudflare: ['クラウドフレア'],
  atlassian: ['アトラシアン'],
  ebay: ['イーベイ'],
  airbnb: ['エアビーアンドビー'],
  uber: ['ウーバー', 'Uber Eats'],
  whatsapp: ['ワッツアップ'],
  telegram: ['テレグラム'],
  bitwarden: ['ビットウォーデン'],
  lastpass: ['ラストパス'],
  huawei: ['ファーウェイ', 'HUAWEI ID'],
  xiaomi: ['シャオミ', 'Mi Account'],
  nvidia: ['エヌビディア'],
};

/**
 * Brands whose name is also a common word: their own title/slug matches, but the name is not
 * used for "first word" matching (so "Square Bank" or "Ghost Kitchen" keep their letter badge).
 */
const EXACT_ONLY = [
  'x',
  'ea',
  'box',
  'line',
  'mega',
  'wise',
  'square',
  'ghost',
  'kick',
  'signal',
  'matrix',
  'element',
  'linear',
  'render',
  'railway',
  'zoom',
  'chase',
  'proton',
  'threads',
  'session',
  'plex',
  'miro',
  'uber',
  'meta',
  'dmm',
  'sega',
];

const bySlug = new Map(
  Object.values(simpleIcons)
    .filter((i) => i && typeof i === 'object' && 'slug' in i)
    .map((i) => [i.slug, i]),
);
const icons = [];
const aliases = [];
const missing = [];
for (const slug of [...new Set(SLUGS)]) {
  const icon = bySlug.get(slug);
  if (!icon) {
    if (!OPTIONAL.has(slug)) missing.push(slug);
    continue;
  }
  icons.push({ slug, title: icon.title, hex: icon.hex, path: icon.path, license: icon.license?.type ?? 'CC0-1.0 (simple-icons)' });
  for (const name of [slug, icon.title, ...(icon.aliases?.aka ?? []), ...Object.values(icon.aliases?.loc ?? {}), ...(ALIASES[slug] ?? [])]) {
    aliases.push([name, slug]);
  }
}
if (missing.length) {
  console.error(`simple-icons ${simpleIcons.siGithub ? '' : '(?)'}has no icon for: ${missing.join(', ')}`);
  process.exit(1);
}
const version = JSON.parse(readFileSync(new URL('../node_modules/simple-icons/package.json', import.meta.url), 'utf8')).version;
const nonCc0 = icons.filter((i) => !i.license.startsWith('CC0'));
const ts = `/**
 * @file GENERATED by scripts/make-brand-icons.mjs from simple-icons ${version} (CC0-1.0) — do not edit.
 * ${icons.length} brand icons for services that commonly offer 2FA, and the names they go by.
 * Loaded lazily (dynamic import) so it never weighs on start-up. Brand names and logos are
 * trademarks of their owners; see ./README.md.
 */
import type { BrandIcon } from './match';

export const SIMPLE_ICONS_VERSION = ${JSON.stringify(version)};

export const BRAND_ICONS: readonly BrandIcon[] = [
${icons.map((i) => `  { slug: ${JSON.stringify(i.slug)}, title: ${JSON.stringify(i.title)}, hex: ${JSON.stringify(i.hex)}, path: ${JSON.stringify(i.path)} },`).join('\n')}
];

/** [name as people write it, slug]; normalised when the chunk loads (see match.ts). */
export const BRAND_ALIASES: readonly (readonly [string, string])[] = [
${aliases.map(([n, s]) => `  [${JSON.stringify(n)}, ${JSON.stringify(s)}],`).join('\n')}
];

/** Slugs matched only by their whole name, never as the first word of a longer issuer. */
export const EXACT_ONLY: ReadonlySet<string> = new Set(${JSON.stringify(EXACT_ONLY.filter((s) => icons.some((i) => i.slug === s)))});
`;
writeFileSync(new URL('../src/ui/account-icon/brand-icons/data.ts', import.meta.url), ts);

const md = `# Bundled brand icons

Generated by \`node scripts/make-brand-icons.mjs\` from **simple-icons ${version}**
(<https://simpleicons.org>, <https://github.com/simple-icons/simple-icons>). Only the
${icons.length} icons listed in the script are bundled, in \`data.ts\`, which the app loads lazily.

## Licence

simple-icons is released under **CC0 1.0 Universal** (public domain dedication,
<https://creativecommons.org/publicdomain/zero/1.0/>). Attribution is not required; we give it anyway.
${nonCc0.length ? `Icons with their own licence data: ${nonCc0.map((i) => `${i.title} (${i.license})`).join(', ')}.` : 'None of the bundled icons carries licence data other than CC0.'}

Text for the about page:

> Service icons: Simple Icons ${version} (https://simpleicons.org), CC0 1.0 Universal.
> All brand names, logos and trademarks are the property of their respective owners; they are
> shown only to help you recognise your accounts and do not imply endorsement.

## Trademarks

CC0 waives copyright only: "No trademark or patent rights held by Affirmer are waived" (CC0 §4.1).
The logos are trademarks of their owners. Omamori shows them only next to the user's own
account for that service, in the service's colour, unmodified, as simple-icons asks
(see its DISCLAIMER.md). A brand that asks for removal is taken out of the script's list.

Not bundled because simple-icons removed them at the owners' request: Microsoft, Amazon/AWS,
Yahoo, LinkedIn, Slack, Nintendo, Xbox, OpenAI, Mercari, Heroku and others; those accounts get
a letter badge.
`;
writeFileSync(new URL('../src/ui/account-icon/brand-icons/README.md', import.meta.url), md);
console.log(`${icons.length} icons, ${aliases.length} names → src/ui/account-icon/brand-icons/data.ts`);
