import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../../src/core/crypto/aead';
import {
  fileKekAad,
  fileKekBytes,
  fileKekFromRecoveryKey,
  kekFromRecoveryKey,
  newRecoverySalt,
  openFileKek,
  sealFileKek,
} from '../../../../src/core/crypto/recovery';
import { importAesKey, open, seal } from '../../../../src/core/crypto/aead';
import { slotAad, unwrapVaultKey, wrapKey } from '../../../../src/core/crypto/vault-keys';
import { generateRecoveryKey } from '../../../../src/core/recovery/kit';

describe('recovery slot crypto', () => {
  it('wraps VK under the recovery key and unwraps it only with the same key, salt, vault and kit', async () => {
    const key = generateRecoveryKey();
    const salt = newRecoverySalt();
    const vk = randomBytes(32);
    const aad = slotAad('vault-1', 'recovery', 'A1B2C3D4');
    const sealed = await wrapKey(await kekFromRecoveryKey(key, salt), vk, aad);
    const opened = await unwrapVaultKey(await kekFromRecoveryKey(new Uint8Array(key), new Uint8Array(salt)), sealed, aad, true);
    expect(new Uint8Array(await crypto.subtle.exportKey('raw', opened))).toEqual(vk);
    await expect(unwrapVaultKey(await kekFromRecoveryKey(generateRecoveryKey(), salt), sealed, aad)).rejects.toThrow('crypto/integrity');
    await expect(unwrapVaultKey(await kekFromRecoveryKey(key, newRecoverySalt()), sealed, aad)).rejects.toThrow('crypto/integrity');
    await expect(unwrapVaultKey(await kekFromRecoveryKey(key, salt), sealed, slotAad('vault-2', 'recovery', 'A1B2C3D4'))).rejects.toThrow('crypto/integrity');
    await expect(unwrapVaultKey(await kekFromRecoveryKey(key, salt), sealed, slotAad('vault-1', 'recovery', 'FFFFFFFF'))).rejects.toThrow('crypto/integrity');
    expect(new TextDecoder().decode(aad)).toBe('omamori/slot/v1\0vault-1\0recovery\0A1B2C3D4');
  });

  it('keeps the vault KEK and the file KEK apart, and stores the file KEK sealed under VK', async () => {
    const key = generateRecoveryKey();
    const salt = newRecoverySalt();
    const fileBytes = await fileKekBytes(key, salt);
    const vaultKek = await kekFromRecoveryKey(key, salt);
    const payloadKey = randomBytes(32);
    const aad = new Uint8Array([1]);
    // A payload key sealed with the file KEK does not open with the vault slot's KEK (different HKDF labels).
    const sealedPayload = await seal(await fileKekFromRecoveryKey(key, salt), payloadKey, aad);
    await expect(open(vaultKek, sealedPayload, aad)).rejects.toThrow('crypto/integrity');
    // The vault keeps the file KEK under VK; opened, it seals what the recovery key alone opens later.
    const vk = await importAesKey(randomBytes(32), false);
    const stored = await sealFileKek(vk, fileBytes, fileKekAad('v', 'A1B2C3D4'));
    const fromVault = await openFileKek(vk, stored, fileKekAad('v', 'A1B2C3D4'));
    const sealedLater = await seal(fromVault, payloadKey, aad);
    expect(await open(await fileKekFromRecoveryKey(key, salt), sealedLater, aad)).toEqual(payloadKey);
    await expect(openFileKek(vk, stored, fileKekAad('v', '00000000'))).rejects.toThrow('crypto/integrity');
  });

  it('refuses keys and salts of the wrong size', async () => {
    await expect(kekFromRecoveryKey(new Uint8Array(16), newRecoverySalt())).rejects.toThrow('recovery/invalid');
    await expect(kekFromRecoveryKey(generateRecoveryKey(), new Uint8Array(8))).rejects.toThrow('crypto/integrity');
  });
});
