/** The import guide's data (ui/backup/import-guide.ts): apps from the importers' labels, search, steps for each. */
import { describe, expect, it } from 'vitest';
import { IMPORTER_LABELS } from '../../../src/formats/import/app-names';
import { en } from '../../../src/messages/en';
import { appName, guideApps, matchesApp, stepsFor } from '../../../src/ui/backup/import-guide';

describe('import guide', () => {
  it('lists each app once, from the registry’s labels, file kinds last', () => {
    const apps = guideApps(IMPORTER_LABELS);
    const names = apps.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('Aegis');
    expect(names.at(-1)).toBe('otpauth:// links');
    expect(apps.find((a) => a.name === 'andOTP')?.labels).toEqual(['andOTP', 'andOTP (encrypted)']);
    // Every label is reachable through exactly one app.
    expect(apps.flatMap((a) => a.labels).sort()).toEqual([...IMPORTER_LABELS].sort());
  });

  it('shows an importer added to the registry with no other change, with the general steps', () => {
    const apps = guideApps([...IMPORTER_LABELS, 'Duo Mobile (Android XML)']);
    const duo = apps.find((a) => a.name === 'Duo Mobile');
    expect(duo).toBeDefined();
    expect(stepsFor(duo!)).toEqual({ keys: ['importGuide.general'], general: true });
  });

  it('has steps in the message table for each app it names', () => {
    for (const app of guideApps(IMPORTER_LABELS)) for (const key of stepsFor(app).keys) expect(en[key], key).toBeTruthy();
    expect(stepsFor({ name: 'Aegis', labels: ['Aegis'] }).general).toBe(false);
  });

  it('searches names and labels, ignoring case and width', () => {
    const apps = guideApps(IMPORTER_LABELS);
    const found = (q: string): string[] => apps.filter((a) => matchesApp(a, q)).map((a) => a.name);
    expect(found('ＡＥＧ')).toEqual(['Aegis', 'otpauth:// links']);
    expect(found('freeotp')).toEqual(['FreeOTP+', 'FreeOTP', 'FreeOTP / FreeOTP+']);
    expect(found('')).toHaveLength(apps.length);
    expect(found('nothing like it')).toEqual([]);
    expect(appName('Google Authenticator (transfer links as text)')).toBe('Google Authenticator');
  });
});
