/**
 * @file The only module that calls `navigator.credentials`: passkeys with the PRF extension.
 * There is no server, so challenges are random and signatures are never verified: what protects
 * the vault is the PRF output, a secret only the authenticator can compute (docs/security.md, "Key hierarchy"). The
 * service takes a `WebAuthnAdapter`, so unit tests run with a fake one in Node.
 */
import { randomBytes } from '../../core/crypto/aead';
import type { Bytes } from '../../core/crypto/bytes';
import { AppError } from '../../core/errors';
import { bytesToB64Url } from '../../core/crypto/bytes';

export interface PrfResult {
  credentialId: Bytes;
  /** null: the authenticator gave no PRF output (it does not support the extension). */
  prfOutput: Bytes | null;
}

export interface CreatePrfOptions {
  rpName: string;
  userName: string;
  prfSalt: Uint8Array;
}

export interface GetPrfOptions {
  credentialIds: Uint8Array[];
  /** PRF input salt per credential, keyed by the base64url credential id. */
  prfSaltsById: Map<string, Uint8Array>;
}

export interface WebAuthnAdapter {
  isAvailable(): boolean;
  createPrfCredential(options: CreatePrfOptions): Promise<PrfResult>;
  getPrfOutput(options: GetPrfOptions): Promise<PrfResult>;
  /** Best effort: tells the passkey manager that this credential is no longer used. */
  forgetCredential?(credentialId: Uint8Array): void;
}

const TIMEOUT_MS = 120_000;
const PUBLIC_KEY = 'public-key' as const;

function isAvailable(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function' && navigator.credentials !== undefined;
}

function requireAvailable(): void {
  if (!isAvailable()) throw new AppError('passkey/unsupported');
}

/** The user cancelled (or the prompt timed out) → `aborted`; anything else → `passkey/failed`. */
function toPasskeyError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') return new AppError('aborted', { cause: err });
  return new AppError('passkey/failed', { cause: err });
}

function copyBytes(source: BufferSource | undefined): Bytes | null {
  if (source === undefined) return null;
  const view = ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source);
  return new Uint8Array(view);
}

function asPublicKeyCredential(credential: Credential | null): PublicKeyCredential {
  if (credential === null || !(credential instanceof PublicKeyCredential)) throw new AppError('passkey/failed');
  return credential;
}

function prfFirst(credential: PublicKeyCredential): Bytes | null {
  return copyBytes(credential.getClientExtensionResults().prf?.results?.first);
}

async function assertWithPrf(allow: Uint8Array[], prf: AuthenticationExtensionsPRFInputs): Promise<PrfResult> {
  const credential = asPublicKeyCredential(
    await navigator.credentials.get({
      publicKey: {
        challenge: randomBytes(32),
        rpId: location.hostname,
        allowCredentials: allow.map((id) => ({ type: PUBLIC_KEY, id: new Uint8Array(id) })),
        userVerification: 'required',
        timeout: TIMEOUT_MS,
        extensions: { prf },
      },
    }),
  );
  return { credentialId: new Uint8Array(credential.rawId), prfOutput: prfFirst(credential) };
}

async function createPrfCredential({ rpName, userName, prfSalt }: CreatePrfOptions): Promise<PrfResult> {
  requireAvailable();
  const first = new Uint8Array(prfSalt);
  try {
    const credential = asPublicKeyCredential(
      await navigator.credentials.create({
        publicKey: {
          rp: { name: rpName, id: location.hostname },
          // A random handle per enrolment: each passkey is a new credential, never a replacement.
          user: { id: randomBytes(16), name: userName, displayName: userName },
          challenge: randomBytes(32),
          pubKeyCredParams: [
            { type: PUBLIC_KEY, alg: -7 },
            { type: PUBLIC_KEY, alg: -257 },
          ],
          authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
          attestation: 'none',
          timeout: TIMEOUT_MS,
          extensions: { prf: { eval: { first } } },
        },
      }),
    );
    const credentialId = new Uint8Array(credential.rawId);
    const prf = credential.getClientExtensionResults().prf;
    const prfOutput = prfFirst(credential);
    if (prfOutput !== null || prf?.enabled !== true) return { credentialId, prfOutput };
    // Some authenticators enable PRF at creation but evaluate it only in an assertion.
    const asserted = await assertWithPrf([credentialId], { eval: { first } });
    return { credentialId, prfOutput: asserted.prfOutput };
  } catch (err) {
    throw toPasskeyError(err);
  }
}

async function getPrfOutput({ credentialIds, prfSaltsById }: GetPrfOptions): Promise<PrfResult> {
  requireAvailable();
  const evalByCredential: Record<string, AuthenticationExtensionsPRFValues> = {};
  for (const id of credentialIds) {
    const key = bytesToB64Url(id);
    const salt = prfSaltsById.get(key);
    if (salt !== undefined) evalByCredential[key] = { first: new Uint8Array(salt) };
  }
  try {
    return await assertWithPrf(credentialIds, { evalByCredential });
  } catch (err) {
    throw toPasskeyError(err);
  }
}

type SignalApi = { signalUnknownCredential?: (options: { rpId: string; credentialId: string }) => Promise<void> };

/** The Signal API (Chrome 132+); elsewhere nothing happens. */
function forgetCredential(credentialId: Uint8Array): void {
  const signal = (globalThis.PublicKeyCredential as unknown as SignalApi | undefined)?.signalUnknownCredential;
  if (typeof signal !== 'function') return;
  signal.call(PublicKeyCredential, { rpId: location.hostname, credentialId: bytesToB64Url(credentialId) }).catch(() => undefined);
}

export const defaultWebAuthn: WebAuthnAdapter = Object.freeze({ isAvailable, createPrfCredential, getPrfOutput, forgetCredential });
