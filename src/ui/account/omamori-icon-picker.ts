/**
 * @file An account's icon: automatic (brand icon or letter, drawn by the list), always a letter,
 * or the user's own image, resized in the browser (image-resize.ts) and stored encrypted as a
 * data URL. A bad file shows why and saves nothing.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Account } from '../../core/account';
import { getVault } from '../../services/browser/vault';
import { detailsStyles } from './details-styles';
import { t, type MessageKey } from '../../messages/translate';
import { LocaleController } from '../shared/locale-controller';
import { presentError } from '../../messages/present-error';
import { ICON_ACCEPT, resizeIconFile, type IconProblem } from './image-resize';
import { baseStyles } from '../shared/styles';
import { showToast } from '../shared/toast-bus';
import '../account-icon/omamori-account-icon';

const PROBLEMS: Record<IconProblem, MessageKey> = {
  type: 'icon.error.type',
  svg: 'icon.error.svg',
  size: 'icon.error.size',
  decode: 'icon.error.decode',
  result: 'icon.error.result',
};

export class OmamoriIconPicker extends LitElement {
  static override properties = {
    account: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    baseStyles,
    detailsStyles,
    css`
      .current {
        display: flex;
        align-items: center;
        gap: 1rem;
        margin-top: 0.5rem;
      }
      .preview {
        flex: none;
        width: 48px;
        height: 48px;
        border-radius: 12px;
        border: 1px solid var(--om-border);
        background: var(--om-surface-2);
        display: grid;
        place-items: center;
        font-weight: 700;
        font-size: 1.25rem;
        overflow: hidden;
      }
      .preview omamori-account-icon {
        --om-icon-size: 48px;
      }
      .preview img {
        width: 100%;
        height: 100%;
        object-fit: contain;
      }
      .current p {
        margin: 0;
      }
    `,
  ];

  declare account: Account;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.busy = false;
    this.error = '';
    new LocaleController(this);
  }

  private get fileInput(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input[type=file]');
  }

  private async save(icon: string, done: string): Promise<void> {
    try {
      await getVault().updateExtras(this.account.id, { icon });
      showToast({ message: done });
    } catch (err) {
      this.error = presentError(err);
    }
  }

  private async onFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again still fires `change`.
    input.value = '';
    if (file === undefined || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const result = await resizeIconFile(file);
      if (result.kind === 'error') this.error = t(PROBLEMS[result.problem]);
      else await this.save(result.dataUrl, t('icon.saved'));
    } catch {
      this.error = t('icon.error.decode');
    } finally {
      this.busy = false;
    }
  }

  private async choose(icon: '' | 'letter'): Promise<void> {
    this.error = '';
    await this.save(icon, t('saved'));
  }

  /**
   * The same icon the list shows, drawn by <omamori-account-icon> (its one decision: own image,
   * else brand icon, else letter). The own image is also shown here as an img of its own, which
   * keeps the exact stored data URL inspectable.
   */
  private renderPreview() {
    const { icon, issuer, name } = this.account;
    if (icon.startsWith('data:image/')) return html`<img alt="" src=${icon} data-testid="icon-preview-image" />`;
    return html`<omamori-account-icon .issuer=${issuer} .name=${name} .icon=${icon}></omamori-account-icon>`;
  }

  override render() {
    const { icon } = this.account;
    const described = icon === '' ? 'icon.current.auto' : icon === 'letter' ? 'icon.current.letter' : 'icon.current.custom';
    return html`<section class="panel" aria-labelledby="icon-title" data-testid="icon-picker">
      <h2 id="icon-title">${t('icon.title')}</h2>
      <div class="current">
        <div class="preview" data-testid="icon-preview">${this.renderPreview()}</div>
        <p data-testid="icon-current">${t(described)}</p>
      </div>
      <input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true" accept=${ICON_ACCEPT} data-testid="icon-file" @change=${this.onFile} />
      <div class="actions">
        <button type="button" data-testid="icon-choose" aria-describedby="icon-hint" ?disabled=${this.busy} @click=${() => this.fileInput?.click()}>
          ${this.busy ? t('icon.working') : t('icon.choose')}
        </button>
        <button type="button" data-testid="icon-auto" ?disabled=${icon === '' || this.busy} @click=${() => void this.choose('')}>${t('icon.auto')}</button>
        <button type="button" data-testid="icon-letter" ?disabled=${icon === 'letter' || this.busy} @click=${() => void this.choose('letter')}>${t('icon.letter')}</button>
      </div>
      <p class="hint" id="icon-hint">${t('icon.chooseHint')}</p>
      ${this.error ? html`<p class="field-error" role="alert" data-testid="icon-error">${this.error}</p>` : nothing}
    </section>`;
  }
}

customElements.define('omamori-icon-picker', OmamoriIconPicker);

declare global {
  interface HTMLElementTagNameMap {
    'omamori-icon-picker': OmamoriIconPicker;
  }
}
