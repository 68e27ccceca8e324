/**
 * @file Every lint rule of eslint.config.js can fail: each case plants one violation in a file of
 * the layer under test and expects exactly that rule's error, and pairs it with an allowed
 * counterpart that must lint clean. So a case fails if its rule is removed, and also if the rule
 * grows broader than the policy (docs/architecture.md, "Allow-lists"; docs/security.md bans).
 * One ESLint instance lints every case.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { banCases, globalCases, subtleCases } from './ban-cases';
import { layerCases } from './layer-cases';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function lint(filePath: string, code: string): Promise<ESLint.LintResult['messages']> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages ?? [];
}

describe.each([
  ['layer allow-lists', layerCases],
  ['crypto.subtle outside src/core/crypto', subtleCases],
  ['page globals in core and formats', globalCases],
  ['docs/security.md bans', banCases],
] as const)('%s', (_title, cases) => {
  it.each(cases)('fails: $what', async ({ file, bad, rule, message }) => {
    const messages = await lint(file, bad);
    expect(messages.map((m) => m.ruleId)).toEqual([rule]);
    if (message) expect(messages[0]?.message).toContain(message);
  });

  it.each(cases)('allows the counterpart of: $what', async ({ file, good, goodFile }) => {
    const messages = await lint(goodFile ?? file, good);
    expect(messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
  });
});
