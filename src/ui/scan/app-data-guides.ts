/**
 * @file The apps that keep their accounts only on the phone, and where their file is (#17): a
 * data list, so that the "Moving from another app?" page and a later import guide can show it
 * the same way. App names and paths are the apps' own and stay untranslated; each note is a
 * message in both languages. The formats are in docs/formats.md.
 */
import type { MessageKey } from '../../messages/en';

export interface AppDataGuide {
  /** The app as people know it. */
  app: string;
  /** Where the file is in the app's data folder (`/data/data/<package>/…` on Android). */
  path: string;
  /** What to know about this app's file. */
  note: MessageKey;
}

export const APP_DATA_GUIDES: readonly AppDataGuide[] = Object.freeze([
  { app: 'Microsoft Authenticator', path: 'com.azure.authenticator/databases/PhoneFactor', note: 'guide.appData.microsoft' },
  { app: 'Google Authenticator', path: 'com.google.android.apps.authenticator2/databases/databases', note: 'guide.appData.google' },
  { app: 'Authy', path: 'com.authy.authy/shared_prefs/com.authy.storage.tokens.authenticator.xml', note: 'guide.appData.authy' },
  { app: 'FreeOTP / FreeOTP+', path: 'org.fedorahosted.freeotp/shared_prefs/tokens.xml', note: 'guide.appData.freeotp' },
  {
    app: 'TOTP Authenticator',
    path: 'com.authenticator.authservice2/shared_prefs/TOTP_Authenticator_Preferences.xml',
    note: 'guide.appData.totpAuthenticator',
  },
  { app: 'Duo Mobile', path: 'com.duosecurity.duomobile/files/duokit/accounts.json', note: 'guide.appData.duo' },
  { app: 'Battle.net', path: 'com.blizzard.messenger/shared_prefs/com.blizzard.messenger.authenticator_preferences.xml', note: 'guide.appData.battlenet' },
  { app: 'Stratum / Authenticator Pro', path: 'com.stratumauth.app/files/authenticator.db3', note: 'guide.appData.stratum' },
  { app: 'Authenticator Plus', path: 'authplus.db', note: 'guide.appData.authenticatorPlus' },
]);
