/**
 * @file The items of the list's menus (a row's ⋮ menu and the header's Add menu): loaded with
 * `<omamori-menu>` when a menu first opens, so the start-up bundle carries none of it.
 */
import type { Account } from '../../core/account';
import { t } from '../../messages/translate';
import type { MenuItem } from '../shared/omamori-menu';

export type RowAction = 'large' | 'favourite' | 'edit' | 'delete';

/** A row's actions; "Show large" waits for an HOTP code to be generated. */
export function rowMenuItems(a: Account, hasCode: boolean): MenuItem[] {
  return [
    { id: 'large', label: t('card.large'), testid: 'large-open', disabled: !hasCode },
    { id: 'favourite', label: t('card.favouriteItem'), testid: 'favourite', kind: 'checkbox', checked: a.favourite },
    { id: 'edit', label: t('card.edit'), testid: 'edit', separated: true },
    { id: 'delete', label: t('card.delete'), testid: 'delete', danger: true },
  ];
}

/** The header's Add menu: scan, setup key, another app. */
export function addMenuItems(): MenuItem[] {
  return [
    { id: 'open-scanner', label: t('enroll.scan'), testid: 'scan-qr' },
    { id: 'add-account', label: t('list.addKey'), testid: 'add-key' },
    { id: 'open-import', label: t('list.addImport'), testid: 'add-import' },
  ];
}
