import { LitElement, css, html, nothing } from 'lit';
import { sameCredential, type Account } from '../../core/account';
import type { MigrationSession } from '../../services/enroll/scanned-texts';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { baseStyles } from '../shared/styles';
import { fire, type OmamoriEvent } from '../shared/events';

/**
 * A Google Authenticator transfer being collected: progress over its codes, the accounts found
 * (duplicates marked), entries that cannot be used and why, and one "Add N accounts". Adding an
 * incomplete transfer needs an explicit confirmation.
 */
export class OmamoriGoogleImport extends LitElement {
  static override properties = {
    session: { attribute: false },
    existing: { attribute: false },
    revision: { type: Number },
    busy: { type: Boolean },
    confirmPartial: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      ul {
        padding-left: 1.25rem;
        margin: 0.25rem 0 0.75rem;
      }
      li {
        margin: 0.2rem 0;
        overflow-wrap: anywhere;
      }
      .dup {
        color: var(--om-text-muted);
      }
      .progress {
        font-weight: 600;
      }
    `,
  ];

  declare session: MigrationSession;
  declare existing: readonly Account[];
  declare revision: number;
  declare busy: boolean;
  declare confirmPartial: boolean;

  constructor() {
    super();
    this.existing = [];
    this.revision = 0;
    this.busy = false;
    this.confirmPartial = false;
    new LocaleController(this);
  }

  private commit(): void {
    if (!this.session.isComplete() && !this.confirmPartial) {
      this.confirmPartial = true;
      return;
    }
    this.confirmPartial = false;
    fire(this, 'commit-google-import');
  }

  override render() {
    const s = this.session;
    const accounts = s.accounts();
    const isDup = (a: (typeof accounts)[number]) => this.existing.some((e) => sameCredential(e, a));
    const toAdd = accounts.filter((a) => !isDup(a)).length;
    const missing = s.missingIndexes();
    return html`<section class="panel" data-testid="google-import" aria-labelledby="google-import-h">
      <h2 id="google-import-h">${t('enroll.googleTitle')}</h2>
      <p class="progress" role="status" data-testid="google-import-progress">
        ${t('enroll.progress', { scanned: s.scannedIndexes().length, total: s.total })}
      </p>
      ${missing.map((i) => html`<p class="hint" data-testid="google-import-missing">${t('enroll.missing', { index: i + 1, total: s.total })}</p>`)}
      <ul data-testid="google-import-accounts">
        ${accounts.map(
          (a) => html`<li class=${isDup(a) ? 'dup' : ''}>
            <bdi>${a.issuer || a.name}</bdi>${a.issuer && a.name ? html` — <bdi>${a.name}</bdi>` : nothing}
            ${isDup(a) ? html` · ${t('enroll.duplicateShort')}` : nothing}
          </li>`,
        )}
      </ul>
      ${
        s.problems().length
          ? html`<h3>${t('enroll.problemsTitle')}</h3>
            <ul data-testid="google-import-problems">
              ${s.problems().map((p) => html`<li><bdi>${p.excerpt || `#${p.index + 1}`}</bdi>: ${t(`enroll.problem.${p.code}`)}</li>`)}
            </ul>`
          : nothing
      }
      ${
        this.confirmPartial
          ? html`<p class="error-box" role="alert" data-testid="google-import-partial">${t('enroll.partialConfirm', { count: toAdd })}</p>`
          : nothing
      }
      <div class="actions">
        <button class="primary" data-testid="google-import-add" ?disabled=${this.busy || toAdd === 0} @click=${this.commit}>
          ${this.confirmPartial ? t('enroll.addAnyway', { count: toAdd }) : t('enroll.addN', { count: toAdd })}
        </button>
        ${this.confirmPartial ? html`<button @click=${() => (this.confirmPartial = false)}>${t('enroll.keepScanning')}</button>` : nothing}
      </div>
    </section>`;
  }
}

customElements.define('omamori-google-import', OmamoriGoogleImport);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-google-import': OmamoriGoogleImport;
  }
  interface HTMLElementEventMap {
    'commit-google-import': OmamoriEvent;
  }
}
