import type { Identity } from '../identity.ts';
import { ephemeral } from './ephemeral.ts';
import { errorView } from './error.ts';
import { localized } from './text.ts';

/** Why nothing happened: the domain's refusal, a link move awaiting confirmation, or where to link by hand. */
export function notLinkedView(who: Extract<Identity, { linked: false }>, publicUrl: string) {
  if (who.refusal) return errorView(who.locale, who.refusal);
  if (who.pendingConfirmation) {
    return ephemeral(localized(who.locale, 'audit-anchor.slackLinkPending', { url: `${publicUrl}/account` }));
  }
  return ephemeral(localized(who.locale, 'slack.notLinkedNoMatch', { url: `${publicUrl}/account` }));
}
