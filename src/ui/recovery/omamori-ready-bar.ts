import { LitElement, html, nothing } from 'lit';
import { readinessFacts, type ReadinessId } from '../../core/recovery/readiness';
import { t } from '../../messages/translate';
import { getVault } from '../../services/browser/vault';
import { fire } from '../shared/events';
import { LocaleController } from '../shared/locale-controller';
import { getPreferences, setPreference } from '../shared/preferences';
import { baseStyles, noticeBarStyles } from '../shared/styles';

/** "Dismiss" hides the bar for a week: a nudge, not a nag (the panel in Settings always answers). */
const SNOOZE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The code list's one line when recovery is not ready (issue #16 step 7), loaded after the list
 * appears. It names only the recovery kit and the passphrase: the backup fact has the list's own
 * backup bar (the list shows this one only when that one is not shown, so there is never more
 * than one line), and storage persistence, which some browsers never grant, stays in Settings.
 * Reads the vault row and the passphrase date only; never loads the recovery-kit service.
 */
export class OmamoriReadyBar extends LitElement {
  static override properties = { missing: { state: true } };
  static override styles = [baseStyles, noticeBarStyles];

  declare missing: ReadinessId[];

  constructor() {
    super();
    this.missing = [];
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    const now = Date.now();
    if (now < getPreferences().readyBarHiddenUntil) return;
    try {
      const vault = getVault();
      const [kit, passphraseTypedAt] = await Promise.all([vault.recoveryKitDates(), vault.passphraseTypedAt()]);
      // Only the kit and passphrase facts are read here; the other inputs are neutral on purpose.
      const facts = readinessFacts({ now, accounts: 0, lastExportAt: null, notInBackup: 0, kit, passphraseTypedAt, passkeys: 0, persisted: true });
      this.missing = facts.filter((f) => !f.ok && (f.id === 'kit' || f.id === 'passphrase')).map((f) => f.id);
    } catch {
      // A hint only: on a read failure the list simply shows no line.
      this.missing = [];
    }
  }

  private dismiss(): void {
    setPreference('readyBarHiddenUntil', Date.now() + SNOOZE_MS);
    this.missing = [];
  }

  override render() {
    if (this.missing.length === 0) return nothing;
    const what = this.missing.map((id) => t(id === 'kit' ? 'ready.short.kit' : 'ready.short.passphrase')).join(t('ready.short.separator'));
    const text = t('ready.listBar', { what });
    return html`<div class="notice-bar" role="status" data-testid="ready-bar">
      <span class="text" title=${text}>${text}</span>
      <button class="link" data-testid="ready-bar-open" @click=${() => fire(this, 'open-settings')}>${t('ready.listBarOpen')}</button>
      <button class="close" data-testid="ready-bar-later" aria-label=${t('ready.listBarLater')} title=${t('ready.listBarLater')} @click=${() => this.dismiss()}>×</button>
    </div>`;
  }
}

customElements.define('omamori-ready-bar', OmamoriReadyBar);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-ready-bar': OmamoriReadyBar;
  }
}
