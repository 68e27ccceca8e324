/** @file Styles of Settings → Backup (omamori-backup-settings.ts): the transfer code, its QR code, the download link. */
import { css } from 'lit';

export const backupSettingsStyles = css`
  .code-qr {
    display: block;
    max-width: 16rem;
    margin: 0.5rem 0;
  }
  .code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.5rem;
    letter-spacing: 0.08em;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    margin: 0.75rem 0;
    user-select: all;
  }
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border-radius: 999px;
    background: var(--om-accent);
    color: var(--om-accent-text);
    text-decoration: none;
    font-weight: 600;
  }
`;
