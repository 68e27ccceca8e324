/**
 * @file Images dropped on the host or pasted anywhere on the page while the host is connected
 * (a screenshot of a QR code): hands the files to a callback and exposes `dragging` for styling.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export class ImageInputController implements ReactiveController {
  dragging = false;
  private readonly host: Host;
  private readonly onFiles: (files: File[]) => void;

  constructor(host: Host, onFiles: (files: File[]) => void) {
    this.host = host;
    this.onFiles = onFiles;
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('dragover', this.onDragOver);
    this.host.addEventListener('dragleave', this.onDragLeave);
    this.host.addEventListener('drop', this.onDrop);
    window.addEventListener('paste', this.onPaste);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('dragover', this.onDragOver);
    this.host.removeEventListener('dragleave', this.onDragLeave);
    this.host.removeEventListener('drop', this.onDrop);
    window.removeEventListener('paste', this.onPaste);
    this.setDragging(false);
  }

  private setDragging(value: boolean): void {
    if (this.dragging === value) return;
    this.dragging = value;
    this.host.requestUpdate();
  }

  private readonly onDragOver = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault(); // allows the drop
    e.dataTransfer.dropEffect = 'copy';
    this.setDragging(true);
  };

  private readonly onDragLeave = (): void => this.setDragging(false);

  private readonly onDrop = (e: DragEvent): void => {
    this.setDragging(false);
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault(); // or the browser opens the image instead
    this.onFiles([...e.dataTransfer.files]);
  };

  // Text pasted into a field elsewhere is left alone: only image items are taken.
  private readonly onPaste = (e: ClipboardEvent): void => {
    const items = [...(e.clipboardData?.items ?? [])].filter((i) => i.kind === 'file' && i.type.startsWith('image/'));
    const files = items.map((i) => i.getAsFile()).filter((f): f is File => f !== null);
    if (files.length === 0) return;
    e.preventDefault();
    this.onFiles(files);
  };
}
