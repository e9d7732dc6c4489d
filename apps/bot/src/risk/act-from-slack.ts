import { type Actor, isAppError, queueRiskAlertRefresh, type SlackMessageRef } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { RespondArguments } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { identify } from '../identity.ts';
import type { Reply } from '../replies.ts';
import { ephemeral } from '../views/ephemeral.ts';
import { errorView } from '../views/error.ts';
import { notLinkedView } from '../views/not-linked.ts';
import { localized } from '../views/text.ts';
import type { CardLanguages } from './ids.ts';

/**
 * What became of an action on a risk alert card, decided before Slack is acknowledged:
 * `done` — core changed the alert (its timeline, audit entry and the card's redraw committed
 * together); `reply` — nothing changed and the person is told why, ephemerally.
 */
export type RiskActionOutcome = { kind: 'done' } | { kind: 'reply'; message: RespondArguments };

/**
 * Acts on an alert as the clicking person (decision 034): the Slack user is mapped to staff through
 * the identity module (linked on the spot by e-mail where possible); core checks the permission,
 * the alert's state and races (one conditional update: of two simultaneous acknowledgements one
 * wins, the other is told who did). A clicked copy other than the channel card (the owner's DM) is
 * redrawn as well.
 */
export async function riskActionFromSlack(
  deps: ListenerDeps,
  input: {
    slackUserId: string;
    slackTeamId: string | null;
    alertId: string;
    clicked: SlackMessageRef | null;
    languages: CardLanguages;
    locale?: Locale | null;
    act: (actor: Actor) => Promise<{ slackChannel: string | null; slackTs: string | null }>;
  },
): Promise<RiskActionOutcome> {
  let locale = input.locale ?? null;
  try {
    const who = await identify(deps, input.slackUserId, input.slackTeamId);
    locale = who.locale;
    if (!who.linked) return { kind: 'reply', message: notLinkedView(who, deps.publicUrl) };
    const alert = await input.act(who.person.actor);
    const clicked = input.clicked;
    if (clicked && (clicked.channel !== alert.slackChannel || clicked.ts !== alert.slackTs)) {
      await queueRiskAlertRefresh(deps.db, { id: input.alertId }, { ...clicked, languages: input.languages });
    }
    return { kind: 'done' };
  } catch (error) {
    if (error instanceof RiskReply)
      return { kind: 'reply', message: ephemeral(localized(locale, error.key)) };
    if (
      isAppError(error) &&
      error.code === 'validation_failed' &&
      error.message.startsWith('Choose a risk officer')
    )
      return { kind: 'reply', message: ephemeral(localized(locale, 'riskSlack.assign.notRiskStaff')) };
    return { kind: 'reply', message: errorView(locale, error) };
  }
}

/** A refusal the bot itself decides (e.g. the chosen Slack user is nobody in Outpost). */
export class RiskReply extends Error {
  readonly key: 'riskSlack.assign.notLinked' | 'riskSlack.assign.notRiskStaff';
  constructor(key: RiskReply['key']) {
    super(key);
    this.key = key;
  }
}

/** After the ack: redraw the card soon (the durable row is queued already), or answer the refusal. */
export async function followUpRiskAction(deps: ListenerDeps, outcome: RiskActionOutcome, reply: Reply) {
  if (outcome.kind === 'done') return deps.refresher.soon();
  await deps.replies.send(reply, outcome.message);
}
