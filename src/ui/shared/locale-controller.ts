/** @file Re-renders a Lit element whenever the language changes (src/messages holds the tables). */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLocaleChange } from '../../messages/translate';

export class LocaleController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private unsubscribe: (() => void) | null = null;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe ??= onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
