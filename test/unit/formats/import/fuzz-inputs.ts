/**
 * @file What fuzz.test.ts feeds the importers (not a test file), and the check every fuzzed call
 * must pass. Two kinds of input: mutations of real files (bit flips, truncation, splices,
 * inserted bytes; JSON values replaced at a path or a leaf, keys renamed to prototype names;
 * otpauth lines with mangled parameters) and hostile values (huge numbers, deep nesting,
 * `__proto__`/`constructor` keys, random JSON and text).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { validateAccount } from '../../../../src/core/account';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { AppError } from '../../../../src/core/errors';
import { beyondCeilings, meter } from './kdf-meter';

// ---------- the check ----------

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
let slowest = 0;
let current = '';

/** Names the campaign running now, for FUZZ_TRACE=1 (which prints every call over 300 ms). */
export function traceAs(name: string): void {
  current = name;
}

export const slowestCall = (): number => slowest;

function checkResult(result: unknown): void {
  if (typeof result !== 'object' || result === null || !('accounts' in result)) return;
  const { accounts, problems } = result as { accounts: unknown; problems: unknown };
  if (!Array.isArray(accounts) || !Array.isArray(problems)) throw new Error('malformed result');
  for (const a of accounts as { groups: unknown; notes: unknown; favourite: unknown }[]) {
    validateAccount(a as never);
    if (!Array.isArray(a.groups) || typeof a.notes !== 'string' || typeof a.favourite !== 'boolean') throw new Error('malformed extras');
  }
}

/**
 * One fuzz call: it resolves (an import result must hold only valid accounts) or throws an
 * AppError whose message is its code, leaves Object.prototype alone, and runs no key derivation
 * beyond what any app's file may ask for (kdf-meter.ts: each within its kind's ceiling, at most
 * four per call). The work is asserted, not the time it took: the time is only traced.
 * Anything else fails the property.
 */
export async function expectSettles(call: () => unknown): Promise<void> {
  meter.runs.length = 0;
  const started = performance.now();
  try {
    checkResult(await call());
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(err.message).toBe(err.code);
  }
  const took = performance.now() - started;
  slowest = Math.max(slowest, took);
  if (took > 300 && process.env.FUZZ_TRACE !== undefined) console.info('slow', Math.round(took), current);
  expect(beyondCeilings()).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

// ---------- hostile values ----------

export const SPECIAL_VALUES: unknown[] = [
  2 ** 40,
  2 ** 53 + 2,
  1e308,
  -1,
  0,
  -0.5,
  '',
  null,
  true,
  [],
  {},
  'x'.repeat(5000),
  '99999999999999999999',
  '\u0000\uD800',
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('['.repeat(2000) + ']'.repeat(2000)),
];

/** Random JSON, random text, or one of the special values, as text. */
export const noise: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(...SPECIAL_VALUES).map((v) => JSON.stringify(v) ?? ''),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -1, 0, 0.5, Number.MAX_SAFE_INTEGER, '', ' ', '9'.repeat(400), null, true, false, [], {}),
  fc.integer(),
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}') as unknown),
);

/** Numbers a crafted file puts in its KDF parameters: powers of two (scrypt's N, memory sizes), huge, unsafe, negative, fractional, as text, or any integer. */
const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 60 }).map((k) => 2 ** k),
  fc.constantFrom(0, -1, 0.5, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e308, '1048576', '9'.repeat(30)),
  fc.integer(),
  fc.nat({ max: 2 ** 22 }),
);

const KEEP = Symbol('keep');

/**
 * A file's JSON with some of the values at `paths` (its KDF parameters) replaced by hostile
 * numbers, the others kept: one parameter alone can then be beyond its limit.
 */
export function hostileKdfNumbers(template: unknown, paths: readonly (readonly (string | number)[])[]): fc.Arbitrary<Uint8Array> {
  const value = fc.oneof(hostileNumber, fc.constant(KEEP));
  return fc.array(value, { minLength: paths.length, maxLength: paths.length }).map((values) => {
    const copy = structuredClone(template);
    paths.forEach((path, i) => {
      let node = copy as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      if (values[i] !== KEEP) node[path[path.length - 1] as string | number] = values[i];
    });
    return utf8Encode(JSON.stringify(copy));
  });
}

// ---------- JSON mutations ----------

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  out.push(prefix);
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out, depth + 1));
  else for (const k of Object.keys(value)) paths((value as Record<string, unknown>)[k], [...prefix, k], out, depth + 1);
  return out;
}

/** The seed with the value at one of its paths replaced (paths come from the seed, never from fuzz). */
function replaceAt(seed: unknown, pick: number, replacement: unknown): unknown {
  const copy = structuredClone(seed);
  const all = paths(copy);
  const path = all[pick % all.length] ?? [];
  if (path.length === 0) return replacement;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(node) && replacement === undefined) node.splice(Number(last), 1);
  else node[last] = replacement;
  return copy;
}

/** A JSON seed with one value replaced by a hostile one, as text (a key sometimes renamed to a prototype key). */
export function mutatedJsonText(seed: unknown): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.nat(),
      fc.oneof(fc.constantFrom(...SPECIAL_VALUES), fc.jsonValue({ maxDepth: 3 })),
      fc.nat(),
      fc.constantFrom('none', '__proto__', 'constructor', 'prototype', 'toString'),
    )
    .map(([pick, value, keyPick, key]) => {
      const text = JSON.stringify(replaceAt(seed, pick, value));
      if (key === 'none') return text;
      const keys = [...text.matchAll(/"([A-Za-z_]+)":/g)];
      const m = keys[keyPick % Math.max(keys.length, 1)];
      return m?.index === undefined ? text : `${text.slice(0, m.index)}"${key}":${text.slice(m.index + m[0].length)}`;
    });
}

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
  Object.defineProperty(copy, key, {
    value: replaceLeaf((value as Record<string, unknown>)[key], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Hostile JSON documents as bytes, some shaped like `template` (a real file's JSON). */
function hostileJson(template: unknown): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), hostileValue).map(([path, v]) => utf8Encode(JSON.stringify(replaceLeaf(template, path, v)))),
    fc.jsonValue({ maxDepth: 4 }).map((v) => utf8Encode(JSON.stringify(v))),
    fc.integer({ min: 1, max: 3000 }).map((n) => utf8Encode('['.repeat(n) + ']'.repeat(n))),
    fc.integer({ min: 1, max: 2000 }).map((n) => utf8Encode(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)),
    fc.constant(utf8Encode('{"__proto__":{"polluted":1},"entries":[{"__proto__":{"polluted":1},"content":{"uri":"otpauth://totp/a?secret=JBSWY3DP"}}]}')),
  );
}

// ---------- byte and line mutations ----------

/** Bit flips, truncations, cut-outs and inserted bytes of one file, and random bytes. */
export function mutatedBytes(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = Math.max(1, base.length);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(7)), { minLength: 1, maxLength: 4 }).map((flips) => {
        const out = base.slice();
        for (const [i, bit] of flips) out[i] = (out[i] ?? 0) ^ (1 << bit);
        return out;
      }),
    },
    { weight: 2, arbitrary: fc.nat(n).map((cut) => base.slice(0, cut)) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.nat(n), fc.nat(n), fc.uint8Array({ maxLength: 16 })).map(([a, b, ins]) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const out = new Uint8Array(lo + ins.length + (base.length - hi));
        out.set(base.subarray(0, lo));
        out.set(ins, lo);
        out.set(base.subarray(hi), lo + ins.length);
        return out;
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.nat(n), fc.nat(n)).map(([a, b]) => {
        const out = new Uint8Array(a + (base.length - b));
        out.set(base.subarray(0, a));
        out.set(base.subarray(b), a);
        return out;
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
  );
}

/** mutatedBytes plus, for a JSON file, hostile JSON shaped like it. */
export function fuzzInputs(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  let template: unknown = null;
  try {
    template = JSON.parse(new TextDecoder().decode(base)) as unknown;
  } catch {
    template = null;
  }
  return template === null ? mutatedBytes(base) : fc.oneof({ weight: 3, arbitrary: mutatedBytes(base) }, { weight: 2, arbitrary: hostileJson(template) });
}

/** Bit flips, truncations, splices of two of the files and inserted bytes. */
export function splicedFiles(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const seed = fc.nat().map((i) => seeds[i % seeds.length] as Uint8Array);
  return fc.oneof(
    fc.tuple(seed, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 8 })).map(([s, flips]) => {
      const out = new Uint8Array(s);
      for (const [i, bit] of flips) if (out.length > 0) out[i % out.length] = (out[i % out.length] ?? 0) ^ (1 << bit);
      return out;
    }),
    fc.tuple(seed, fc.nat()).map(([s, n]) => s.slice(0, s.length === 0 ? 0 : n % s.length)),
    fc.tuple(seed, seed, fc.nat(), fc.nat()).map(([a, b, i, j]) => Uint8Array.from([...a.subarray(0, i % (a.length + 1)), ...b.subarray(j % (b.length + 1))])),
    fc.tuple(seed, fc.nat(), fc.uint8Array({ maxLength: 64 })).map(([s, i, ins]) => {
      const at = i % (s.length + 1);
      return Uint8Array.from([...s.subarray(0, at), ...ins, ...s.subarray(at)]);
    }),
  );
}

/** Lines for the text formats: seed lines, seed lines with a mangled parameter, and noise. */
export function mutatedLines(seedLines: readonly string[]): fc.Arbitrary<string> {
  const line = fc.oneof(
    fc.constantFrom(...seedLines),
    fc
      .tuple(
        fc.constantFrom(...seedLines),
        fc.constantFrom('digits', 'period', 'counter', 'algorithm', 'secret', 'issuer', 'codeDisplay', 'data', '__proto__'),
        fc.oneof(
          fc.string(),
          fc.constantFrom(
            '99999999999999999999',
            '-1',
            '0',
            '%',
            '%E0%A4%A',
            '{"__proto__":{"polluted":1},"tags":"x"}',
            '%7B%22__proto__%22%3A%7B%22polluted%22%3A1%7D%2C%22trashed%22%3A1%7D',
          ),
        ),
      )
      .map(([l, key, value]) => `${l}&${key}=${value}`),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('# comment', '', 'otpauth://', 'otpauth-migration://offline?data=', 'steam://', '"', 'login_totp'),
  );
  return fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => lines.join('\n'));
}
