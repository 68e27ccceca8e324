/** The `default` Trusted Types policy: script URLs of this origin (and its own blob: URLs) only. */
import { describe, expect, it } from 'vitest';
import { allowScriptUrl, installTrustedTypesPolicy } from '../../../src/services/browser/trusted-types';

const ORIGIN = 'https://omamori.example';

describe('allowScriptUrl', () => {
  it.each([
    '/assets/argon2.worker-C_0QYhbZ.js',
    'https://omamori.example/assets/argon2.worker-C_0QYhbZ.js',
    '/sw.js',
    'blob:https://omamori.example/0b1c7f8e-6a1f-4d53-9d7e-0c7b2d6f1e11',
  ])('accepts %s', (url) => {
    expect(allowScriptUrl(url, ORIGIN)).toBe(url);
  });

  it.each([
    'https://evil.example/x.js',
    '//evil.example/x.js',
    'http://omamori.example/assets/x.js',
    'blob:https://evil.example/0b1c7f8e-6a1f-4d53-9d7e-0c7b2d6f1e11',
    'data:text/javascript,alert(1)',
    'javascript:alert(1)',
    'http://[::1',
  ])('refuses %s', (url) => {
    expect(allowScriptUrl(url, ORIGIN)).toBeNull();
  });
});

describe('installTrustedTypesPolicy', () => {
  it('creates one policy named default with only createScriptURL, bound to the page origin', () => {
    const created: { name: string; rules: Record<string, unknown> }[] = [];
    const scope = {
      location: { origin: ORIGIN },
      trustedTypes: {
        createPolicy(name: string, rules: Record<string, unknown>) {
          if (created.some((p) => p.name === name)) throw new TypeError('duplicate');
          created.push({ name, rules });
          return {};
        },
      },
    };
    expect(installTrustedTypesPolicy(scope)).toBe(true);
    expect(installTrustedTypesPolicy(scope)).toBe(false);
    expect(created.map((p) => [p.name, Object.keys(p.rules)])).toEqual([['default', ['createScriptURL']]]);
    const rule = created[0]!.rules.createScriptURL as (s: string) => string | null;
    expect(rule('/assets/a.js')).toBe('/assets/a.js');
    expect(rule('https://evil.example/a.js')).toBeNull();
  });

  it('does nothing where the browser has no Trusted Types', () => {
    expect(installTrustedTypesPolicy({ location: { origin: ORIGIN } })).toBe(false);
  });
});
