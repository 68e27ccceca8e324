/**
 * fast-check inputs for the family-B fuzz tests (not a test file): mutations of a real file
 * (bit flips, truncation, splices, JSON leaf replacement) and hostile JSON (huge numbers, deep
 * nesting, `__proto__` keys), plus the check every fuzzed call must pass.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { AppError } from '../../../../src/core/errors';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const dec = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -1, 0, 0.5, Number.MAX_SAFE_INTEGER, '', ' ', '9'.repeat(400), null, true, false, [], {}),
  fc.integer(),
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}') as unknown),
);

function replaceLeaf(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [step = 0, ...rest] = path;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const copy = value.slice();
    const i = step % copy.length;
    copy[i] = replaceLeaf(copy[i], rest, replacement);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[step % keys.length] ?? '';
  // defineProperty: a "__proto__" key stays a plain own key, as JSON.parse made it.
  const copy: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(copy, k, { value: (value as Record<string, unknown>)[k], enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value: replaceLeaf((value as Record<string, unknown>)[key], rest, replacement), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Hostile JSON documents, some shaped like `template` (a real file's JSON). */
export function hostileJson(template: unknown): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), hostileValue).map(([path, v]) => enc(JSON.stringify(replaceLeaf(template, path, v)))),
    fc.jsonValue({ maxDepth: 4 }).map((v) => enc(JSON.stringify(v))),
    fc.integer({ min: 1, max: 3000 }).map((n) => enc('['.repeat(n) + ']'.repeat(n))),
    fc.integer({ min: 1, max: 2000 }).map((n) => enc(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)),
    fc.constant(enc('{"__proto__":{"polluted":1},"entries":[{"__proto__":{"polluted":1},"content":{"uri":"otpauth://totp/a?secret=JBSWY3DP"}}]}')),
  );
}

/** Byte-level mutations of `base`. */
export function mutatedBytes(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = Math.max(1, base.length);
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(7)), { minLength: 1, maxLength: 4 }).map((flips) => {
      const out = base.slice();
      for (const [i, bit] of flips) out[i] = (out[i] ?? 0) ^ (1 << bit);
      return out;
    }) },
    { weight: 2, arbitrary: fc.nat(n).map((cut) => base.slice(0, cut)) },
    { weight: 2, arbitrary: fc.tuple(fc.nat(n), fc.nat(n), fc.uint8Array({ maxLength: 16 })).map(([a, b, ins]) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const out = new Uint8Array(lo + ins.length + (base.length - hi));
      out.set(base.subarray(0, lo));
      out.set(ins, lo);
      out.set(base.subarray(hi), lo + ins.length);
      return out;
    }) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(n), fc.nat(n)).map(([a, b]) => {
      const out = new Uint8Array(a + (base.length - b));
      out.set(base.subarray(0, a));
      out.set(base.subarray(b), a);
      return out;
    }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
  );
}

/** Mutated bytes plus, for JSON files, hostile JSON shaped like the file. */
export function fuzzInputs(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  let template: unknown = null;
  try {
    template = JSON.parse(dec(base)) as unknown;
  } catch {
    template = null;
  }
  return template === null ? mutatedBytes(base) : fc.oneof({ weight: 3, arbitrary: mutatedBytes(base) }, { weight: 2, arbitrary: hostileJson(template) });
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** The call resolves or throws an AppError, within 2 s, and leaves Object.prototype alone. */
export async function expectResultOrAppError(call: () => unknown): Promise<void> {
  const started = performance.now();
  try {
    await call();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(err.message).toBe(err.code);
  }
  expect(performance.now() - started).toBeLessThan(2000);
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
