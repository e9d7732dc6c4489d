import { type Database, type RiskIncident, riskIncidentEvents } from '@outpost/db';
import type { Actor } from '../../actor.ts';
import { audit } from '../../audit.ts';

type EventKind = (typeof riskIncidentEvents.$inferInsert)['kind'];

/**
 * Records one step of an incident: on its timeline (staff console) and in the audit log, in the
 * caller's transaction so both commit with the change.
 */
export async function recordIncidentEvent(
  tx: Database,
  actor: Actor,
  incident: Pick<RiskIncident, 'id' | 'partnerId'>,
  kind: EventKind,
  at: Date,
  data: Record<string, unknown> = {},
) {
  const actorId = actor.type === 'staff' || actor.type === 'partner' ? actor.userId : null;
  await tx.insert(riskIncidentEvents).values({ incidentId: incident.id, kind, actorId, data, at });
  await audit(tx, actor, {
    action: `risk_incident.${kind}`,
    entityType: 'risk_incident',
    entityId: incident.id,
    partnerId: incident.partnerId,
    data,
  });
}
