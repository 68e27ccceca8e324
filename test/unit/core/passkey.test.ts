import { describe, expect, it } from 'vitest';
import { open, seal } from '../../../src/core/crypto/aead';
import { checkPrfOutput, kekFromPrf } from '../../../src/core/crypto/passkey';
import { slotAad } from '../../../src/core/crypto/vault-keys';
import { bytesToB64Url } from '../../../src/core/crypto/bytes';

describe('passkey crypto', () => {
  it('keeps the passphrase and device slot AAD byte-identical and binds passkey slots to the credential id', () => {
    const text = (b: Uint8Array): string => new TextDecoder().decode(b);
    expect(text(slotAad('v1', 'passphrase'))).toBe('omamori/slot/v1\0v1\0passphrase');
    expect(text(slotAad('v1', 'device'))).toBe('omamori/slot/v1\0v1\0device');
    expect(text(slotAad('v1', 'passkey', 'AbC-_'))).toBe('omamori/slot/v1\0v1\0passkey\0AbC-_');
    expect(() => slotAad('v1', 'passkey', '')).toThrow();
  });

  it('rejects PRF output that is short or all zero', async () => {
    expect(() => checkPrfOutput(new Uint8Array(32))).toThrow('passkey/prf-invalid');
    expect(() => checkPrfOutput(new Uint8Array(16).fill(7))).toThrow('passkey/prf-invalid');
    expect(() => checkPrfOutput(new Uint8Array(32).fill(7))).not.toThrow();
    await expect(kekFromPrf(new Uint8Array(31).fill(1), new Uint8Array(32))).rejects.toThrow('passkey/prf-invalid');
    const kek = await kekFromPrf(new Uint8Array(32).fill(1), new Uint8Array(32));
    expect(kek.extractable).toBe(false);
  });

  it('encodes credential ids as base64url without padding', () => {
    expect(bytesToB64Url(new Uint8Array([0xfb, 0xff, 0xfe, 0x01]))).toBe('-__-AQ');
  });

  it('derives the same KEK from the same PRF output and salt, and another one from another salt', async () => {
    const prf = new Uint8Array(32).fill(5);
    const salt = new Uint8Array(32).fill(1);
    const aad = new Uint8Array([1, 2, 3]);
    const sealed = await seal(await kekFromPrf(prf, salt), new Uint8Array(32).fill(9), aad);
    expect(await open(await kekFromPrf(new Uint8Array(prf), new Uint8Array(salt)), sealed, aad)).toEqual(new Uint8Array(32).fill(9));
    await expect(open(await kekFromPrf(prf, new Uint8Array(32).fill(2)), sealed, aad)).rejects.toThrow('crypto/integrity');
    await expect(open(await kekFromPrf(new Uint8Array(32).fill(6), salt), sealed, aad)).rejects.toThrow('crypto/integrity');
  });
});
