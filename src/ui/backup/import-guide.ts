/**
 * @file The data of the import guide ("Which app are your accounts in?"): the apps, derived from
 * the importers' labels (services' importableApps, from formats/import/app-names.ts) so that an
 * importer added there appears with no change here, and each app's export steps — one table,
 * with a general line for an app that has no steps of its own yet.
 */
import type { MessageKey } from '../../messages/en';

export interface GuideApp {
  /** The app's name as shown (and as the brand-icon matcher reads it). */
  name: string;
  /** The importer labels that read this app's files, e.g. "Aegis" for an Aegis export. */
  labels: string[];
}

/** Labels that name a kind of file rather than an app: listed last. */
const GENERIC = /^otpauth:\/\//;

/** "andOTP (encrypted)" → "andOTP", "Google Authenticator (transfer links as text)" → "Google Authenticator". */
export function appName(label: string): string {
  const name = label.replace(/\s*\([^)]*\)\s*$/, '').trim();
  return name === '' ? label : name;
}

/** One entry per app, in the registry's order (the most used first), file kinds last. */
export function guideApps(labels: readonly string[]): GuideApp[] {
  const apps = new Map<string, GuideApp>();
  for (const label of labels) {
    const name = appName(label);
    const app = apps.get(name) ?? { name, labels: [] };
    app.labels.push(label);
    apps.set(name, app);
  }
  const all = [...apps.values()];
  return [...all.filter((a) => !GENERIC.test(a.name)), ...all.filter((a) => GENERIC.test(a.name))];
}

/** Case-, width- and accent-insensitive match of the search box against an app's name. */
export function matchesApp(app: GuideApp, query: string): boolean {
  const fold = (s: string): string =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const q = fold(query.trim());
  return q === '' || fold(app.name).includes(q) || app.labels.some((l) => fold(l).includes(q));
}

/** Each app's export steps (two or three short sentences); `{app}` in the general line. */
const STEPS: Readonly<Record<string, readonly MessageKey[]>> = {
  Aegis: ['importGuide.aegis'],
  '2FAS Authenticator': ['importGuide.2fas'],
  andOTP: ['importGuide.andotp'],
  Bitwarden: ['importGuide.bitwarden'],
  'Bitwarden Authenticator': ['importGuide.bitwardenAuthenticator'],
  // The Google steps of the "Moving from another app?" guide, as they are.
  'Google Authenticator': ['guide.google.1', 'guide.google.2', 'importGuide.googleLinks'],
  'Ente Auth': ['importGuide.ente'],
  Omamori: ['importGuide.omamori'],
  'Proton Authenticator': ['importGuide.proton'],
  'Stratum / Authenticator Pro': ['importGuide.stratum'],
  'FreeOTP+': ['importGuide.freeotpPlus'],
  FreeOTP: ['importGuide.freeotp'],
  'Raivo OTP': ['importGuide.raivo'],
  'otpauth:// links': ['importGuide.links'],
};

export function stepsFor(app: GuideApp): { keys: readonly MessageKey[]; general: boolean } {
  const keys = STEPS[app.name];
  return keys === undefined ? { keys: ['importGuide.general'], general: true } : { keys, general: false };
}
