/**
 * @file The "Moving from another app?" pages for the password managers and the credential-exchange
 * standard (issue #17), as data: a title, an optional lead and the steps, each a message key, so
 * that any guide screen can list them (`<omamori-guide>` renders them after Google and Microsoft).
 */
import type { MessageKey } from '../../messages/en';

export interface GuideSource {
  /** Stable id: the section's `data-testid` is `guide-<id>`. */
  id: string;
  title: MessageKey;
  lead?: MessageKey;
  steps: readonly MessageKey[];
}

export const PASSWORD_MANAGER_GUIDES: readonly GuideSource[] = Object.freeze([
  { id: 'apple-passwords', title: 'guide.apple.title', steps: ['guide.apple.1', 'guide.apple.2', 'guide.apple.3'] },
  { id: '1password', title: 'guide.onePassword.title', steps: ['guide.onePassword.1', 'guide.onePassword.2', 'guide.onePassword.3'] },
  { id: 'cxf', title: 'guide.cxf.title', lead: 'guide.cxf.lead', steps: ['guide.cxf.1', 'guide.cxf.2', 'guide.cxf.3'] },
]);
