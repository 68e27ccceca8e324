/**
 * Playwright's global teardown: the whole suite ran without a single CSP or Trusted Types
 * violation. The preview server (vite.config.ts, OMAMORI_E2E_CSP_REPORTS=1) collected the report
 * of every violation any page, Worker or service worker made; the only ones allowed are those that
 * e2e/headers.spec.ts provokes on purpose, from a page whose address names CSP_PROBE, to prove the
 * collection works.
 */
import { E2E_PORT } from '../../playwright.config';

export const CSP_PROBE = 'csp-probe';
export const CSP_REPORTS_URL = `http://localhost:${E2E_PORT}/__csp-reports`;

interface CspReport {
  'csp-report'?: { 'document-uri'?: string; 'violated-directive'?: string; 'blocked-uri'?: string; 'source-file'?: string; 'script-sample'?: string };
}

/** The reports the server holds; undefined when it does not collect any (a reused dev server). */
export async function cspReports(): Promise<CspReport[] | undefined> {
  const res = await fetch(CSP_REPORTS_URL);
  if (!(res.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  return (await res.json()) as CspReport[];
}

export function isProbe(report: CspReport): boolean {
  return (report['csp-report']?.['document-uri'] ?? '').includes(CSP_PROBE);
}

export default async function cspTeardown(): Promise<void> {
  const reports = await cspReports();
  if (reports === undefined) {
    console.warn(
      `CSP watch: ${CSP_REPORTS_URL} collects nothing (a server started without OMAMORI_E2E_CSP_REPORTS=1 was reused); violations were not checked.`,
    );
    return;
  }
  const violations = reports.filter((r) => !isProbe(r));
  if (violations.length > 0) {
    const lines = violations.map((r) => {
      const v = r['csp-report'] ?? {};
      return `  ${v['violated-directive']} blocked ${v['blocked-uri'] ?? ''} on ${v['document-uri'] ?? '?'} (${v['source-file'] ?? ''}) ${v['script-sample'] ?? ''}`;
    });
    throw new Error(`The e2e suite caused ${violations.length} CSP or Trusted Types violation(s):\n${lines.join('\n')}`);
  }
  console.log(`CSP watch: no violation in the whole suite (${reports.length} deliberate probe report(s) seen).`);
}
