/** @file Keeps an element's view of the install state (services/install) current while it is connected. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getInstallState } from '../../services/browser/install';
import type { InstallSnapshot } from '../../services/install/install-state';

export class InstallController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private unsubscribe: (() => void) | null = null;
  /** The latest snapshot; read it in render(). */
  value: InstallSnapshot;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    this.value = getInstallState().snapshot();
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe ??= getInstallState().subscribe((snapshot) => {
      this.value = snapshot;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
