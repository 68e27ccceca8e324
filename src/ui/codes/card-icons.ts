/** @file The code card's small inline icons (colour follows the text; decorative). */
import { svg } from 'lit';

export const starIcon = (filled: boolean) => svg`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"
  fill=${filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.8" stroke-linejoin="round">
  <path d="M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3-4.6-4.4 6.3-.9z"/>
</svg>`;

export const expandIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none"
  stroke="currentColor" stroke-width="2" stroke-linecap="round">
  <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>
</svg>`;

export const warningIcon = svg`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="currentColor">
  <path d="M12 2 1 21h22L12 2zm1 15h-2v-2h2v2zm0-4h-2V9h2v4z"/>
</svg>`;
