import { LitElement, css, html } from 'lit';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';
import './omamori-backup-open';

/**
 * "Restore from a backup" on a new device (from the welcome screen, or when the browser lost the
 * vault's data), right after the vault is created: the restore on a screen of its own, not a panel
 * halfway down Settings. Importing ends on the code list (the app listens for `backup-restored`);
 * Skip goes there too, with the vault empty, and Settings can restore later.
 */
export class OmamoriRestore extends LitElement {
  static override styles = [
    baseStyles,
    css`
      omamori-backup-open {
        display: block;
        margin-top: 1rem;
      }
      .skip {
        margin-top: 2rem;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  override firstUpdated(): void {
    // Settings may have been scrolled before; this screen starts at its title.
    scrollTo(0, 0);
  }

  override render() {
    return html`<main class="page" data-testid="restore-page">
      <h1>${t('backup.restore')}</h1>
      <p>${t('restore.lead')}</p>
      <section class="panel">
        <omamori-backup-open mode="restore"></omamori-backup-open>
      </section>
      <div class="skip">
        <button data-testid="restore-skip" @click=${() => fire(this, 'restore-skipped')}>${t('restore.skip')}</button>
        <p class="hint">${t('restore.later')}</p>
      </div>
    </main>`;
  }
}

customElements.define('omamori-restore', OmamoriRestore);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-restore': OmamoriRestore;
  }
  interface HTMLElementEventMap {
    'restore-skipped': OmamoriEvent;
  }
}
