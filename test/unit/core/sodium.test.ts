/**
 * core/crypto/sodium.ts against libsodium itself (a development dependency): what libsodium's
 * secretstream push writes, our pull reads back, whatever the message sizes, tags and rekeys;
 * one changed byte, a stream cut short or a final tag before the end is refused; and
 * sodiumArgon2id is libsodium's crypto_pwhash Argon2id13. (The rekey after 2^32 messages of one
 * stream cannot be reached here; the same function runs for the REKEY tag, which is.)
 */
import fc from 'fast-check';
import sodiumModule from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/core/crypto/bytes';
import { secretstreamPull, sodiumArgon2id } from '../../../src/core/crypto/sodium';

let sodium: typeof sodiumModule;
beforeAll(async () => {
  await sodiumModule.ready;
  sodium = sodiumModule;
});

/** libsodium's push of `plain` in `chunk`-byte messages; `rekeyAt` marks the messages sent with TAG_REKEY. */
function push(plain: Uint8Array, chunk: number, rekeyAt: ReadonlySet<number> = new Set()): { key: Uint8Array; header: Uint8Array; stream: Uint8Array } {
  const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const parts: Uint8Array[] = [];
  const count = Math.max(1, Math.ceil(plain.length / chunk));
  for (let i = 0; i < count; i++) {
    const tag =
      i === count - 1
        ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
        : rekeyAt.has(i)
          ? sodium.crypto_secretstream_xchacha20poly1305_TAG_REKEY
          : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    parts.push(sodium.crypto_secretstream_xchacha20poly1305_push(state, plain.subarray(i * chunk, (i + 1) * chunk), null, tag));
  }
  return { key, header, stream: concatBytes(...parts) };
}

describe('secretstreamPull', () => {
  it('reads what libsodium pushed: any length, any message size, with and without rekeys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 700 }),
        fc.integer({ min: 1, max: 200 }),
        fc.uniqueArray(fc.nat(10)),
        async (plain, chunk, rekeys) => {
          const { key, header, stream } = push(plain, chunk, new Set(rekeys));
          expect(await secretstreamPull(key, header, stream, chunk)).toEqual(plain);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads one large message (an Ente export) the same', async () => {
    const plain = sodium.randombytes_buf(100_000);
    const { key, header, stream } = push(plain, 4 * 1024 * 1024);
    expect(await secretstreamPull(key, header, stream, 4 * 1024 * 1024)).toEqual(plain);
  });

  it('refuses any changed byte of the header or the stream, and a wrong key', async () => {
    const plain = new TextEncoder().encode('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example\n'.repeat(3));
    const { key, header, stream } = push(plain, 64, new Set([1]));
    for (let i = 0; i < stream.length; i++) {
      const bad = stream.slice();
      bad[i]! ^= 0x01;
      await expect(secretstreamPull(key, header, bad, 64), `byte ${i}`).rejects.toMatchObject({ code: 'crypto/integrity' });
    }
    for (let i = 0; i < header.length; i++) {
      const bad = header.slice();
      bad[i]! ^= 0x80;
      await expect(secretstreamPull(key, bad, stream, 64), `header byte ${i}`).rejects.toMatchObject({ code: 'crypto/integrity' });
    }
    const wrongKey = key.slice();
    wrongKey[31]! ^= 1;
    await expect(secretstreamPull(wrongKey, header, stream, 64)).rejects.toMatchObject({ code: 'crypto/integrity' });
  });

  it('refuses a stream cut short, an empty one, a final tag before the end, and wrong sizes', async () => {
    const plain = sodium.randombytes_buf(200);
    const { key, header, stream } = push(plain, 64);
    expect(await secretstreamPull(key, header, stream, 64)).toEqual(plain);
    // Cut inside a message (a bad MAC), or after whole ones (162: two messages, the last without the final tag).
    for (const cut of [stream.length - 1, stream.length - 17, 162, 16, 0]) {
      await expect(secretstreamPull(key, header, stream.subarray(0, cut), 64), `cut at ${cut}`).rejects.toMatchObject({ code: 'crypto/integrity' });
    }
    // One message on its own may have any tag (Ente writes its export as one TAG_MESSAGE message).
    expect(await secretstreamPull(key, header, stream.subarray(0, 81), 64)).toEqual(plain.subarray(0, 64));
    // Two complete streams back to back: the first one's final tag is not at the end.
    const short = push(plain.subarray(0, 64), 64);
    const twice = concatBytes(short.stream, short.stream);
    await expect(secretstreamPull(short.key, short.header, twice, 64)).rejects.toMatchObject({ code: 'crypto/integrity' });
    await expect(secretstreamPull(key, header.subarray(1), stream, 64)).rejects.toMatchObject({ code: 'crypto/integrity' });
    await expect(secretstreamPull(key.subarray(1), header, stream, 64)).rejects.toMatchObject({ code: 'crypto/integrity' });
  });
});

describe('sodiumArgon2id', () => {
  it('is libsodium crypto_pwhash Argon2id13, memLimit in bytes (rounded down to KiB)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 8 * 1024, max: 96 * 1024 }),
        async (password, salt, opsLimit, memLimit) => {
          const expected = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
          expect(await sodiumArgon2id(password, salt, opsLimit, memLimit)).toEqual(expected);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('refuses a salt that is not 16 bytes', async () => {
    await expect(sodiumArgon2id(new Uint8Array([1]), new Uint8Array(15), 1, 8192)).rejects.toMatchObject({ code: 'crypto/kdf-params' });
  });
});
