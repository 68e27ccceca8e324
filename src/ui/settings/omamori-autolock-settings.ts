import { LitElement, html, nothing } from 'lit';
import { HIDDEN_CHOICES_MS, IDLE_CHOICES_MS, type AutoLockSettings } from '../../services/auto-lock/auto-lock';
import { getAutoLock } from '../../services/browser/auto-lock';
import { formatDuration } from '../../messages/format';
import { t } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { CANCELLED, withProof } from '../shared/reauth';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';

const NEVER = 'never';

/** The offered choices, plus the saved value when it is a valid one the list does not offer. */
function withCurrent(choices: readonly number[], current: number | null): number[] {
  return current === null || choices.includes(current) ? [...choices] : [...choices, current].sort((a, b) => a - b);
}

/**
 * Auto-lock settings, saved as soon as they change. Switching auto-lock off ("Never") asks for
 * re-authentication first; cancelling leaves the setting and the select as they were.
 */
export class OmamoriAutolockSettings extends LitElement {
  static override properties = { settings: { state: true }, askingNever: { state: true } };
  static override styles = [baseStyles];

  declare settings: AutoLockSettings;
  /** True while the re-authentication for "Never" is open (the warning shows already). */
  declare askingNever: boolean;
  private unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.settings = getAutoLock().getSettings();
    this.askingNever = false;
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.settings = getAutoLock().getSettings();
    // Another tab may change them too (AutoLock follows localStorage's storage event).
    this.unsubscribe = getAutoLock().onSettingsChange((settings) => (this.settings = settings));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  // Options keep the selection the user made (Lit's ?selected then no longer applies), so the
  // selects follow the saved settings here: after a save, a cancel, or another tab's change.
  override updated(): void {
    const idle = this.renderRoot.querySelector<HTMLSelectElement>('#autolock-idle');
    const hidden = this.renderRoot.querySelector<HTMLSelectElement>('#autolock-hidden');
    if (idle && !this.askingNever) idle.value = this.settings.idleMs === null ? NEVER : String(this.settings.idleMs);
    if (hidden) hidden.value = String(this.settings.hiddenMs);
  }

  private save(next: AutoLockSettings): void {
    this.settings = getAutoLock().setSettings(next);
    showToast({ message: t('saved') });
  }

  private async onIdleChange(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const idleMs = select.value === NEVER ? null : Number(select.value);
    if (idleMs === null && this.settings.idleMs !== null) {
      // Turning the idle lock off needs a recent proof; the auto-lock service refuses without one.
      this.askingNever = true;
      const saved = await withProof(() => this.save({ ...this.settings, idleMs }));
      this.askingNever = false;
      if (saved === CANCELLED) select.value = String(this.settings.idleMs);
      return;
    }
    this.save({ ...this.settings, idleMs });
  }

  private onHiddenChange(event: Event): void {
    this.save({ ...this.settings, hiddenMs: Number((event.target as HTMLSelectElement).value) });
  }

  override render() {
    const { idleMs, hiddenMs } = this.settings;
    const warn = idleMs === null || this.askingNever;
    return html`<section class="panel" aria-labelledby="autolock-h">
      <h3 id="autolock-h">${t('autolock.title')}</h3>
      <label for="autolock-idle">${t('autolock.idle')}</label>
      <select id="autolock-idle" data-testid="autolock-idle" aria-describedby=${warn ? 'autolock-warning' : nothing} @change=${this.onIdleChange}>
        ${withCurrent(IDLE_CHOICES_MS, idleMs).map((ms) => html`<option value=${String(ms)} ?selected=${ms === idleMs}>${formatDuration(ms)}</option>`)}
        <option value=${NEVER} ?selected=${idleMs === null}>${t('autolock.never')}</option>
      </select>
      ${warn ? html`<p class="field-error" id="autolock-warning" role="alert" data-testid="autolock-never-warning">${t('autolock.neverWarning')}</p>` : nothing}
      <label for="autolock-hidden">${t('autolock.hidden')}</label>
      <select id="autolock-hidden" data-testid="autolock-hidden" aria-describedby="autolock-hidden-hint" @change=${this.onHiddenChange}>
        ${withCurrent(HIDDEN_CHOICES_MS, hiddenMs).map(
          (ms) => html`<option value=${String(ms)} ?selected=${ms === hiddenMs}>${ms === 0 ? t('autolock.immediately') : formatDuration(ms)}</option>`,
        )}
      </select>
      <p class="hint" id="autolock-hidden-hint">${t('autolock.hiddenHint')}</p>
    </section>`;
  }
}

customElements.define('omamori-autolock-settings', OmamoriAutolockSettings);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-autolock-settings': OmamoriAutolockSettings;
  }
}
