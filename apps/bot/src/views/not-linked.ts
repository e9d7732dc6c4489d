import type { Identity } from '../identity.ts';
import { ephemeral } from './ephemeral.ts';
import { errorView } from './error.ts';
import { localized } from './text.ts';

/** Why nothing happened: the domain's refusal, or where to link the account by hand. */
export function notLinkedView(who: Extract<Identity, { linked: false }>, publicUrl: string) {
  if (who.refusal) return errorView(who.locale, who.refusal);
  return ephemeral(localized(who.locale, 'slack.notLinkedNoMatch', { url: `${publicUrl}/account` }));
}
