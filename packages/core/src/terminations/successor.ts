import {
  apiKeys,
  contracts,
  type Database,
  partners,
  rectificationItems,
  riskAlerts,
  riskIncidentTasks,
  type TerminationHandoverItem,
  terminationCases,
} from '@outpost/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { parse } from '../validation.ts';
import { assertStaffManager, lockCase } from './shared.ts';

/**
 * The open items of a partner that the successor takes over: open rectification items, open
 * risk alerts and incident tasks, contracts in force (to replace) and API keys (to be revoked,
 * the successor's systems get their own). Listed for the hand-over, read at the time.
 */
export async function openItemsOf(db: Database, partnerId: string): Promise<TerminationHandoverItem[]> {
  const [rect, alerts, tasks, deals, keys] = await Promise.all([
    db
      .select({ id: rectificationItems.id, label: rectificationItems.description })
      .from(rectificationItems)
      .where(
        and(
          eq(rectificationItems.partnerId, partnerId),
          inArray(rectificationItems.status, ['open', 'submitted']),
        ),
      ),
    db
      .select({ id: riskAlerts.id, level: riskAlerts.level })
      .from(riskAlerts)
      .where(and(eq(riskAlerts.partnerId, partnerId), inArray(riskAlerts.status, ['open', 'acknowledged']))),
    db
      .select({ id: riskIncidentTasks.id, label: riskIncidentTasks.description })
      .from(riskIncidentTasks)
      .where(
        and(
          eq(riskIncidentTasks.partnerId, partnerId),
          inArray(riskIncidentTasks.status, ['open', 'submitted']),
        ),
      ),
    db
      .select({ id: contracts.id, label: contracts.reference })
      .from(contracts)
      .where(and(eq(contracts.partnerId, partnerId), inArray(contracts.status, ['active', 'expiring']))),
    db
      .select({ id: apiKeys.id, label: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.partnerId, partnerId), isNull(apiKeys.revokedAt))),
  ]);
  return [
    ...rect.map((r) => ({ kind: 'rectification_item' as const, id: r.id, label: r.label })),
    ...alerts.map((r) => ({ kind: 'risk_alert' as const, id: String(r.id), label: r.level })),
    ...tasks.map((r) => ({ kind: 'risk_incident_task' as const, id: String(r.id), label: r.label })),
    ...deals.map((r) => ({ kind: 'contract' as const, id: r.id, label: r.label })),
    ...keys.map((r) => ({ kind: 'api_key' as const, id: r.id, label: r.label })),
  ];
}

export const successorInput = z.strictObject({
  caseId: z.string(),
  successorPartnerId: z.uuid('Choose a partner.'),
});

/**
 * Names the successor of an open case. It must be another partner, active, and admitted for
 * every service category the leaving partner serves — otherwise nothing changes and the refusal
 * says which categories it needs. The open items that move are recorded with it.
 */
export async function setTerminationSuccessor(
  db: Database,
  actor: Actor,
  raw: z.input<typeof successorInput>,
) {
  assertStaffManager(actor);
  const input = parse(successorInput, raw);
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, actor, input.caseId);
    if (!['requested', 'approval', 'approved'].includes(row.status)) {
      throw new AppError('conflict', 'This case is closed.', {
        messageKey: 'terminations.error.taskState',
        details: { status: row.status },
      });
    }
    const [leaving] = await tx.select().from(partners).where(eq(partners.id, row.partnerId));
    const [successor] = await tx.select().from(partners).where(eq(partners.id, input.successorPartnerId));
    const needed = leaving!.serviceCategories;
    const fits =
      successor &&
      successor.id !== leaving!.id &&
      successor.status === 'active' &&
      needed.every((c) => successor.serviceCategories.includes(c));
    if (!fits) {
      throw new AppError(
        'validation_failed',
        `The successor must be another active partner admitted for ${needed.join(', ')}.`,
        {
          messageKey: 'terminations.error.successorInvalid',
          details: {
            categories: needed.join(', '),
            successorStatus: successor?.status ?? null,
            missing: successor ? needed.filter((c) => !successor.serviceCategories.includes(c)) : needed,
            fields: [
              {
                path: 'successorPartnerId',
                code: 'invalid',
                message: 'Choose an active partner of the same categories.',
              },
            ],
          },
        },
      );
    }
    const items = await openItemsOf(tx, row.partnerId);
    const [updated] = await tx
      .update(terminationCases)
      .set({ successorPartnerId: successor.id, handoverItems: items, updatedAt: new Date() })
      .where(eq(terminationCases.id, row.id))
      .returning();
    await audit(tx, actor, {
      action: 'termination.successor_set',
      entityType: 'termination_case',
      entityId: row.id,
      partnerId: row.partnerId,
      data: { successorPartnerId: successor.id, from: row.successorPartnerId, items: items.length },
    });
    return updated!;
  });
}
