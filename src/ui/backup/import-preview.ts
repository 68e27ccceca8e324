/**
 * @file The preview before a backup or a move between phones is imported: what is new, already
 * here and changed, and the choice to update the changed ones — one template for both screens.
 */
import { html, nothing } from 'lit';
import { accountTitle, type AccountData } from '../../core/account';
import { t } from '../../messages/translate';
import type { ImportPreview } from '../../services/backup/backup';

/** Names of accounts, each with its account name beside the service when it has both. */
export function accountList(items: readonly Pick<AccountData, 'issuer' | 'name'>[], testid: string) {
  return html`<ul data-testid=${testid}>
    ${items.map((a) => html`<li>${accountTitle(a) || t('card.noName')}${a.issuer !== '' && a.name !== '' ? html` <span class="muted">(${a.name})</span>` : nothing}</li>`)}
  </ul>`;
}

/** How many accounts *Import* adds or updates. */
export const importCount = (p: ImportPreview, updateChanged: boolean): number => p.added.length + (updateChanged ? p.changed.length : 0);

/**
 * The three lists and the "update changed" box; test ids start with `prefix` (`restore-new`,
 * `restore-present`, `restore-changed`, `restore-update-changed`). `large` headings for a page
 * of its own (h2), small ones inside a settings section (h5).
 */
export function previewLists(p: ImportPreview, opts: { prefix: string; large: boolean; updateChanged: boolean; onUpdateChanged: (on: boolean) => void }) {
  const heading = (text: string) => (opts.large ? html`<h2>${text}</h2>` : html`<h5>${text}</h5>`);
  return html`${heading(t('backup.previewNew', { count: p.added.length }))} ${accountList(p.added, `${opts.prefix}-new`)}
  ${heading(t('backup.previewPresent', { count: p.present.length }))} ${accountList(p.present, `${opts.prefix}-present`)}
  ${heading(t('backup.previewChanged', { count: p.changed.length }))}
  ${accountList(
    p.changed.map((c) => c.incoming),
    `${opts.prefix}-changed`,
  )}
  ${
    p.changed.length > 0
      ? html`<label><input type="checkbox" data-testid="${opts.prefix}-update-changed" .checked=${opts.updateChanged}
          @change=${(e: Event) => opts.onUpdateChanged((e.target as HTMLInputElement).checked)} /> ${t('backup.updateChanged')}</label>`
      : nothing
  }`;
}
