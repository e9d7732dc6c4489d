import { type Database, type RiskAlert, riskAlertEvents } from '@outpost/db';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { queueRiskAlertPost, queueRiskAlertRefresh } from './slack.ts';

type EventKind = (typeof riskAlertEvents.$inferInsert)['kind'];

/**
 * Records one step of an alert: on its timeline (what the console shows) and in the audit log
 * (what the regulator checks), in the caller's transaction so both commit with the change.
 * Slack follows every step from the outbox, in the same transaction (decision 034): a new alert
 * is posted, any other change redraws its card in place.
 */
export async function recordAlertEvent(
  tx: Database,
  actor: Actor,
  alert: Pick<RiskAlert, 'id' | 'partnerId'>,
  kind: EventKind,
  at: Date,
  data: Record<string, unknown> = {},
) {
  // Partner people act on shared alerts (decision record 036): their name shows on the thread too.
  const actorId = actor.type === 'staff' || actor.type === 'partner' ? actor.userId : null;
  const via = actor.type === 'system' ? 'system' : actor.type === 'staff' ? (actor.via ?? 'web') : 'web';
  await tx.insert(riskAlertEvents).values({ alertId: alert.id, kind, actorId, via, data, at });
  await audit(tx, actor, {
    action: `risk_alert.${kind}`,
    entityType: 'risk_alert',
    entityId: alert.id,
    partnerId: alert.partnerId,
    data,
  });
  if (kind === 'raised') await queueRiskAlertPost(tx, alert);
  else if (kind !== 'slack_posted') await queueRiskAlertRefresh(tx, alert);
}
