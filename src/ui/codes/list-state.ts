/**
 * @file Small state helpers of the code list: the chosen group chip, memoising.
 *
 * The group chip is a name from the vault, so it may sit in sessionStorage only while the vault is
 * open (docs/security.md: nothing of the vault stays in web storage after lock). It survives a
 * reload of an open tab this way: the page takes it out of sessionStorage as it starts, keeps it in
 * memory, and puts it back only when the code list appears (unlocked); a lock anywhere (button,
 * auto-lock, another tab, the database vanishing) forgets it in memory and in storage.
 */
import { getVault } from '../../services/browser/vault';
import { t } from '../../messages/translate';

const GROUP_KEY = 'omamori.list.group';

function store(group: string | null): void {
  try {
    if (group === null) sessionStorage.removeItem(GROUP_KEY);
    else sessionStorage.setItem(GROUP_KEY, group);
  } catch {
    // Without session storage the choice lasts until the page closes.
  }
}

/** Taken out at start-up, so that a tab reloaded onto the lock screen holds nothing in storage. */
let chosen: string | null = (() => {
  try {
    const group = sessionStorage.getItem(GROUP_KEY);
    sessionStorage.removeItem(GROUP_KEY);
    return group;
  } catch {
    return null;
  }
})();

let watching = false;

function forgetOnLock(): void {
  if (watching) return;
  watching = true;
  getVault().subscribeState((state) => {
    if (state === 'unlocked') return;
    chosen = null;
    store(null);
  });
}

/** The chosen group; called by the code list, which exists only while the vault is open. */
export function readGroup(): string | null {
  forgetOnLock();
  store(chosen);
  return chosen;
}

export function saveGroup(group: string | null): void {
  forgetOnLock();
  chosen = group;
  store(group);
}

export const countLabel = (count: number): string => (count === 1 ? t('list.countOne') : t('list.count', { count }));

/** Recomputes only when one of its inputs changed (by identity). */
export function memo<T>(): (inputs: readonly unknown[], compute: () => T) => T {
  let last: { inputs: readonly unknown[]; value: T } | undefined;
  return (inputs, compute) => {
    if (last && last.inputs.length === inputs.length && last.inputs.every((v, i) => v === inputs[i])) return last.value;
    last = { inputs, value: compute() };
    return last.value;
  };
}
