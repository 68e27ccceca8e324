/** @file Small state helpers of the code list: the chosen group chip (per tab session), memoising. */
import { t } from '../../messages/translate';

const GROUP_KEY = 'omamori.list.group';

export function readGroup(): string | null {
  try {
    return sessionStorage.getItem(GROUP_KEY);
  } catch {
    return null;
  }
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

export function saveGroup(group: string | null): void {
  try {
    if (group === null) sessionStorage.removeItem(GROUP_KEY);
    else sessionStorage.setItem(GROUP_KEY, group);
  } catch {
    // Without session storage the choice lasts until the page closes.
  }
}
