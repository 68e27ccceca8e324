/**
 * The wrong-passphrase count is kept beside the vault on purpose (the IndexedDB `meta` row
 * `passphrase-backoff`, services/vault/backoff.ts), so that a reload does not reset the wait. A
 * test that proves "a wrong passphrase changes nothing" compares everything else, and reads the
 * count on its own.
 */
const META = 'omamori/meta: ';
const KEY = 'passphrase-backoff';

/** A dumpStorage() text without the count, and the count (0 when there is none). */
export function splitBackoff(dump: string): { rest: string; failures: number } {
  let failures = 0;
  const rest = dump
    .split('\n')
    .map((line) => {
      if (!line.startsWith(META)) return line;
      const rows = JSON.parse(line.slice(META.length)) as { key: string; value: { failures?: number } }[];
      failures = rows.find((r) => r.key === KEY)?.value.failures ?? 0;
      return META + JSON.stringify(rows.filter((r) => r.key !== KEY));
    })
    .join('\n');
  return { rest, failures };
}
