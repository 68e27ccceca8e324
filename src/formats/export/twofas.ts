/**
 * @file 2FAS plain backup (`.2fas`, schema 4), shaped like the files 2FAS Android 5.x writes:
 * `services` (name = what the list shows, `otp` with account/issuer/digits/period or counter/
 * algorithm/tokenType/source, `order.position`, a label icon, `groupId`), `groups`, version
 * fields. 2FAS knows TOTP, HOTP and Steam; mOTP and Yandex accounts are skipped. 2FAS has no note
 * field, so notes and recovery codes are not carried (docs/formats.md).
 */
import { formatOtpauthUri } from '../../core/otpauth-uri';
import { checkAccounts, groupNames, labelOf } from './common';
import type { ExportAccount, ExportOptions, ExportResult, Exporter } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

const TWOFAS_SCHEMA_VERSION = 4;
/** The icon collection 2FAS assigns to services it has no brand icon for. */
const DEFAULT_ICON_COLLECTION = 'a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad';
const TOKEN_TYPE = { totp: 'TOTP', hotp: 'HOTP', steam: 'STEAM' } as const;

function labelText(title: string): string {
  return [...title.trim()].slice(0, 2).join('').toUpperCase();
}

export async function writeTwofas(accounts: readonly ExportAccount[], options: ExportOptions = {}): Promise<ExportResult> {
  const now = (options.now ?? new Date()).getTime();
  const { ok, skipped } = checkAccounts(accounts);
  const names = groupNames(ok.map((c) => c.account));
  const groups = names.map((name) => ({ id: crypto.randomUUID(), name, isExpanded: true, updatedAt: now }));
  const idOf = new Map<string, string>(groups.map((g) => [g.name, g.id]));
  const services: Record<string, unknown>[] = [];
  for (const { account, data: a, index } of ok) {
    if (a.type !== 'totp' && a.type !== 'hotp' && a.type !== 'steam') {
      skipped.push({ label: labelOf(a, index), reason: 'type' });
      continue;
    }
    const title = a.issuer !== '' ? a.issuer : a.name;
    const otp: Record<string, unknown> = {};
    if (a.type !== 'steam') otp.link = formatOtpauthUri(a);
    otp.label = a.name;
    otp.account = a.name;
    otp.issuer = a.issuer;
    otp.digits = a.digits;
    if (a.type === 'hotp') otp.counter = a.counter;
    else otp.period = a.period;
    otp.algorithm = a.algorithm;
    otp.tokenType = TOKEN_TYPE[a.type];
    otp.source = 'Link';
    const service: Record<string, unknown> = {
      name: title,
      secret: a.secretB32,
      updatedAt: now,
      otp,
      order: { position: services.length },
      icon: { selected: 'Label', label: { text: labelText(title), backgroundColor: 'Default' }, iconCollection: { id: DEFAULT_ICON_COLLECTION } },
    };
    // 2FAS puts a service in at most one group.
    const group = account.groups.map((g) => idOf.get(g.trim())).find((id) => id !== undefined);
    if (group !== undefined) service.groupId = group;
    services.push(service);
  }
  const backup = {
    services,
    groups,
    updatedAt: now,
    schemaVersion: TWOFAS_SCHEMA_VERSION,
    appVersionCode: 5000012,
    appVersionName: '5.2.0',
    appOrigin: 'android',
  };
  return {
    file: { bytes: utf8Encode(JSON.stringify(backup)), fileName: 'omamori-export.2fas', extension: '2fas', mime: 'application/json' },
    skipped,
  };
}

export const twofasExporter: Exporter = { id: '2fas', label: '2FAS', encrypted: false, write: writeTwofas };
