/**
 * @file `otpauth://` (Google Key Uri Format, plus Steam and Yandex `yaotp`) and `motp://` URIs.
 * Split by hand, never with WHATWG `URL`: real QR codes carry a raw `#` in the label (Azure AD
 * guests, `account#EXT#@…`) and raw spaces, and `URL` would turn the rest into a fragment and
 * lose the query with the secret.
 */
import { DEFAULTS, HASH_ALGORITHMS, hexSecretToB32, secretBytes, validateAccount, type AccountData, type HashAlgorithm, type OtpType } from './account';
import { bytesToHex } from './hex';
import { AppError, type ErrorCode, type ErrorField } from './errors';

const OTPAUTH_TYPES: Readonly<Record<string, OtpType>> = { totp: 'totp', hotp: 'hotp', steam: 'steam', yaotp: 'yandex' };

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // No cause: a URIError is harmless today, but nothing from the URI may reach a log.
    throw new AppError('uri/invalid', { field: 'uri' });
  }
}

function encode(text: string, field: ErrorField): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new AppError('uri/invalid', { field }); // a lone surrogate
  }
}

/** First occurrence wins, like Android's `Uri.getQueryParameter`. Keys are case-insensitive. */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    // Form encoding: some generators write `issuer=Big+Company`; our formatter writes `%2B` for '+'.
    const value = eq < 0 ? '' : decode(part.slice(eq + 1).replace(/\+/g, ' '));
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function intParam(params: Map<string, string>, key: string, code: ErrorCode, field: ErrorField): number | undefined {
  const value = params.get(key);
  if (value === undefined) return undefined;
  if (!/^\d{1,16}$/.test(value)) throw new AppError(code, { field });
  return Number(value);
}

function algorithmParam(params: Map<string, string>): HashAlgorithm | undefined {
  const value = params.get('algorithm');
  if (value === undefined) return undefined;
  const upper = value.toUpperCase().replace('-', '');
  if (!(HASH_ALGORITHMS as readonly string[]).includes(upper)) throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
  return upper as HashAlgorithm;
}

/** `label` is percent-decoded; `issuerParam` is '' when absent. */
function resolveNames(label: string, issuerParam: string): { issuer: string; name: string } {
  const colon = label.indexOf(':');
  if (issuerParam !== '') {
    // Our formatter writes `issuer:name` plus `issuer=`; matching the exact prefix first keeps an
    // issuer that itself holds ':' intact.
    if (label === issuerParam) return { issuer: issuerParam, name: '' };
    if (label.startsWith(`${issuerParam}:`)) return { issuer: issuerParam, name: label.slice(issuerParam.length + 1) };
    // A conflicting label prefix ('MyOrganization:account' + issuer=Microsoft from Azure AD) is
    // dropped: Google's Key Uri Format calls the parameter the preferred source and Google
    // Authenticator displays it. (Stratum lets the label win; we deliberately do not.)
    return { issuer: issuerParam, name: colon < 0 ? label : label.slice(colon + 1) };
  }
  // Key Uri Format: a label without a colon is the account name alone.
  if (colon < 0) return { issuer: '', name: label };
  const prefix = label.slice(0, colon);
  const rest = label.slice(colon + 1);
  // Stratum writes `:Service` for an entry with no account name.
  if (prefix.trim() === '') return { issuer: rest, name: '' };
  return { issuer: prefix, name: rest };
}

function isSteam(label: string, params: Map<string, string>): boolean {
  if (params.has('steam') || params.get('encoder')?.toLowerCase() === 'steam') return true;
  const colon = label.indexOf(':');
  const labelIssuer = colon < 0 ? label : label.slice(0, colon);
  return [labelIssuer, params.get('issuer') ?? ''].some((s) => s.trim().toLowerCase() === 'steam');
}

/**
 * The URI never carries the mOTP/Yandex PIN. Everything else is validated now; `pin` stays ''
 * so the account cannot be saved (validateAccount) or generate codes until the user enters it.
 */
function validateExceptPin(draft: AccountData): AccountData {
  const needsPin = draft.type === 'motp' || draft.type === 'yandex';
  const checked = validateAccount(needsPin && draft.pin === '' ? { ...draft, pin: '0000' } : draft);
  return { ...checked, pin: draft.pin };
}

function splitUri(text: string): { type: OtpType; label: string; params: Map<string, string> } {
  const schemeMatch = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (schemeMatch === null) throw new AppError('uri/invalid', { field: 'uri' });
  const scheme = (schemeMatch[1] ?? '').toLowerCase();
  if (scheme !== 'otpauth' && scheme !== 'motp') throw new AppError('uri/unsupported-scheme', { field: 'uri' });
  if (text.slice(scheme.length + 1, scheme.length + 3) !== '//') throw new AppError('uri/invalid', { field: 'uri' });
  const rest = text.slice(scheme.length + 3);
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  const params = parseQuery(q < 0 ? '' : rest.slice(q + 1));
  if (scheme === 'motp') return { type: 'motp', label: path, params };
  const slash = path.indexOf('/');
  const type = OTPAUTH_TYPES[(slash < 0 ? path : path.slice(0, slash)).toLowerCase()];
  if (type === undefined) throw new AppError('uri/unsupported-type', { field: 'uri' });
  return { type, label: slash < 0 ? '' : path.slice(slash + 1), params };
}

/** Parses a scanned or pasted URI into canonical account data. Throws AppError (`uri/*`, `account/*`). */
export function parseOtpauthUri(text: string): AccountData {
  const split = splitUri(text.trim());
  const { params } = split;
  const rawSecret = (params.get('secret') ?? '').trim();
  if (rawSecret === '') throw new AppError('uri/missing-secret', { field: 'secret' });
  const label = decode(split.label);
  const type: OtpType = split.type === 'totp' && isSteam(label, params) ? 'steam' : split.type;
  const names = resolveNames(label, params.get('issuer') ?? '');
  if (type === 'yandex' && names.issuer.trim() === '') names.issuer = 'Yandex';
  if (names.issuer.trim() === '' && names.name.trim() === '') throw new AppError('uri/missing-label', { field: 'name' });

  const d = DEFAULTS[type];
  const standard = type === 'totp' || type === 'hotp';
  // Parsed for its validation only: the PIN itself never travels in a URI.
  if (type === 'yandex') {
    const pinLength = intParam(params, 'pin_length', 'account/invalid-pin', 'pin');
    if (pinLength !== undefined && (pinLength < 4 || pinLength > 16)) throw new AppError('account/invalid-pin', { field: 'pin' });
  }
  return validateExceptPin({
    type,
    ...names,
    secretB32: type === 'motp' ? hexSecretToB32(rawSecret) : rawSecret,
    algorithm: (standard ? algorithmParam(params) : undefined) ?? d.algorithm,
    digits: (standard ? intParam(params, 'digits', 'account/invalid-digits', 'digits') : undefined) ?? d.digits,
    period: (standard || type === 'steam' || type === 'yandex' ? intParam(params, 'period', 'account/invalid-period', 'period') : undefined) ?? d.period,
    counter: (type === 'hotp' ? intParam(params, 'counter', 'account/invalid-counter', 'counter') : undefined) ?? 0,
    pin: '',
  });
}

const PREFIX: Readonly<Record<OtpType, string>> = {
  totp: 'otpauth://totp/',
  hotp: 'otpauth://hotp/',
  steam: 'otpauth://totp/',
  yandex: 'otpauth://yaotp/',
  motp: 'motp://',
};

/**
 * Serialises with Stratum's conventions (label `Issuer%3AName`, `issuer=`, then only non-default
 * parameters). Never writes the PIN. mOTP follows Stratum's `motp://Issuer:Name?secret=<hex>`,
 * which Stratum matches with an anchored pattern, so nothing may follow the secret.
 */
export function formatOtpauthUri(account: AccountData): string {
  const a = validateExceptPin(account);
  const issuer = encode(a.issuer, 'issuer');
  const name = encode(a.name, 'name');
  if (a.type === 'motp') return `${PREFIX.motp}${issuer}%3A${name}?secret=${bytesToHex(secretBytes(a))}`;

  const label = a.issuer === '' ? name : a.name === '' ? issuer : `${issuer}%3A${name}`;
  const d = DEFAULTS[a.type];
  const standard = a.type === 'totp' || a.type === 'hotp';
  let uri = `${PREFIX[a.type]}${label}?secret=${a.secretB32}`;
  if (a.issuer !== '') uri += `&issuer=${issuer}`;
  if (a.type === 'hotp') uri += `&counter=${a.counter}`;
  if (standard && a.digits !== d.digits) uri += `&digits=${a.digits}`;
  if (a.type !== 'hotp' && a.period !== d.period) uri += `&period=${a.period}`;
  if (standard && a.algorithm !== d.algorithm) uri += `&algorithm=${a.algorithm}`;
  if (a.type === 'steam') uri += '&encoder=steam';
  return uri;
}
