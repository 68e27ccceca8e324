/** @file Styles of `<omamori-scanner>` (kept apart to keep the element's file short). */
import { css } from 'lit';
import { baseStyles } from '../shared/styles';

export const scannerStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    [hidden] {
      display: none !important;
    }
    .scanner {
      border: 2px dashed transparent;
      border-radius: var(--om-radius);
      padding: 0.25rem;
    }
    .scanner.dragging {
      border-color: var(--om-accent);
      background: var(--om-accent-soft);
    }
    /* Square preview, object-fit cover: the frame marks the central 2/3 square that
       qr-scanner reads (zxing reads the whole frame). */
    .preview {
      position: relative;
      width: min(100%, 24rem);
      aspect-ratio: 1;
      margin: 0 auto;
      border-radius: var(--om-radius);
      overflow: hidden;
      background: #000;
    }
    video {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    video.mirrored {
      transform: scaleX(-1);
    }
    .frame {
      position: absolute;
      inset: 16.67%;
      border: 3px solid rgb(255 255 255 / 0.85);
      border-radius: 12px;
      box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.25);
      pointer-events: none;
    }
    .overlay {
      position: absolute;
      inset: auto 0 0;
      margin: 0;
      padding: 0.5rem;
      color: #fff;
      background: rgb(0 0 0 / 0.6);
      text-align: center;
    }
    .center {
      text-align: center;
    }
    .progress {
      font-weight: 600;
      text-align: center;
      margin: 0.75rem 0 0;
    }
    .message {
      border-radius: 10px;
      padding: 0.75rem;
      background: var(--om-accent-soft);
      margin: 0.75rem 0 0;
    }
    .actions {
      justify-content: center;
    }
  `,
];
