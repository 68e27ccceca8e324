/**
 * What the recovery specs share (recovery-kit.spec.ts, paper-backup.spec.ts): two accounts, a
 * device at the RFC 6238 test clock, the list's issuer|code lines, and axe on one new screen.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { RFC_SECRET, RFC_TIME_MS } from './helpers';

export const RECOVERY_ACCOUNTS = [
  { issuer: 'Example', name: 'alice@example.com', secret: RFC_SECRET },
  { issuer: '銀行', name: 'たろう', secret: 'JBSWY3DPEHPK3PXP' },
];

/** A fresh device (its own context) whose clock stands at the RFC test time. */
export async function newDevice(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.clock.setFixedTime(RFC_TIME_MS);
  return page;
}

/** Each card as `issuer|code`, once the codes are drawn. */
export async function cards(page: Page): Promise<string[]> {
  await expect(page.getByTestId('code-card').first().getByTestId('code')).not.toHaveText('––– –––');
  return page
    .getByTestId('code-card')
    .evaluateAll((list) => list.map((c) => `${c.querySelector('[data-testid=issuer]')?.textContent}|${c.querySelector('[data-testid=code]')?.textContent}`));
}

/** axe on the new screen only (the rest of each page is covered by a11y.spec.ts), to keep the run short. */
export async function expectNoViolations(page: Page, screen: string, element: string): Promise<void> {
  // axe names an element inside shadow roots by the chain of hosts that lead to it.
  const chain = await page.evaluate((tag) => {
    const find = (root: Document | ShadowRoot, hosts: string[]): string[] | null => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === tag) return [...hosts, tag];
        const inner = el.shadowRoot === null ? null : find(el.shadowRoot, [...hosts, el.localName]);
        if (inner !== null) return inner;
      }
      return null;
    };
    return find(document, []);
  }, element);
  expect(chain?.length, element).toBeGreaterThan(1);
  const { violations } = await new AxeBuilder({ page }).include([chain as [string, string, ...string[]]]).analyze();
  const lines = violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect.soft(lines, `axe violations on "${screen}"`).toEqual([]);
}
