import {
  blacklistEntries,
  type Database,
  partners,
  quarterlyReviews,
  riskAlerts,
  riskIncidents,
  type TerminationCase,
  terminationCases,
  terminationSources,
  terminationTypes,
  users,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { calendarDate } from '../fields.ts';
import { notify } from '../notifications.ts';
import { assertUsableDepartment } from '../people/departments.ts';
import { partnerUserIds } from '../reviews/members.ts';
import { getSetting } from '../settings.ts';
import { isUuid, parse } from '../validation.ts';
import { queueTerminationBallots } from './approval-messages.ts';
import { earliestEffectiveDate } from './notice.ts';
import {
  assertStaffManager,
  caseLink,
  lockCase,
  lockPartnerRow,
  PARTNER_LINK,
  partnerAdminOf,
} from './shared.ts';

const reasonField = z.string().trim().min(5, 'Give the reason (at least 5 characters).').max(4000);

export const openCaseInput = z.strictObject({
  partnerId: z.string(),
  source: z.enum(terminationSources, { message: 'Choose where the case comes from.' }),
  sourceId: z.string().trim().max(100).optional(),
  type: z.enum(terminationTypes, { message: 'Choose the type of termination.' }),
  reason: reasonField,
  effectiveDate: calendarDate(),
  departmentId: z.uuid('Choose a department.'),
  responsibleId: z.uuid('Choose the responsible person.'),
});

const fieldError = (
  path: string,
  message: string,
  messageKey?: string,
  details: Record<string, unknown> = {},
) =>
  new AppError('validation_failed', message, {
    ...(messageKey ? { messageKey } : {}),
    details: { ...details, fields: [{ path, message, code: 'invalid' }] },
  });

/**
 * Staff open a termination case and put it to the configured approvers. The proposed effective
 * date must respect the contracts' notice periods (a case for cause may end sooner); the source
 * it names must exist and be the partner's. A partner's own request waiting for staff is taken
 * over by this call (same case, now with a department, a responsible person and a date).
 */
export async function openTerminationCase(
  db: Database,
  actor: Actor,
  raw: z.input<typeof openCaseInput>,
  now = new Date(),
): Promise<TerminationCase> {
  const staffId = assertStaffManager(actor);
  const input = parse(openCaseInput, raw);
  const today = todayInChina(now);
  if (input.effectiveDate <= today) {
    throw fieldError('effectiveDate', 'Choose an effective date after today.');
  }
  return db.transaction(async (tx) => {
    const partner = await lockPartnerRow(tx, input.partnerId);
    if (!['active', 'suspended'].includes(partner.status)) {
      throw new AppError('conflict', 'This partner is already terminated, exiting or not yet admitted.', {
        messageKey: 'terminations.error.partnerNotTerminable',
        details: { status: partner.status },
      });
    }
    await assertUsableDepartment(tx, input.departmentId);
    const [responsible] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.responsibleId), eq(users.kind, 'staff'), eq(users.status, 'active')));
    if (!responsible)
      throw fieldError('responsibleId', 'The responsible person must be an active member of staff.');
    await assertSource(tx, partner.id, input.source, input.sourceId);
    const notice = await earliestEffectiveDate(tx, partner.id, today);
    if (notice && input.type !== 'for_cause' && input.effectiveDate < notice.earliest) {
      throw fieldError(
        'effectiveDate',
        `The effective date is inside the contract's notice period of ${notice.noticeDays} days: choose ${notice.earliest} or later (or open the case for cause).`,
        'terminations.error.noticePeriod',
        { earliest: notice.earliest, noticeDays: notice.noticeDays },
      );
    }
    const { userIds: configured } = await getSetting(tx, 'termination.approvers');
    const approverIds = configured.length
      ? (
          await tx
            .select({ id: users.id })
            .from(users)
            .where(and(inArray(users.id, configured), eq(users.kind, 'staff'), eq(users.status, 'active')))
        ).map((u) => u.id)
      : [];
    if (approverIds.length === 0) {
      throw new AppError(
        'conflict',
        'No approvers are configured for termination cases; an administrator sets them.',
        {
          messageKey: 'terminations.error.noApprovers',
        },
      );
    }
    const [requested] = await tx
      .select()
      .from(terminationCases)
      .where(and(eq(terminationCases.partnerId, partner.id), eq(terminationCases.status, 'requested')));
    const [other] = await tx
      .select({ id: terminationCases.id })
      .from(terminationCases)
      .where(
        and(
          eq(terminationCases.partnerId, partner.id),
          inArray(terminationCases.status, ['approval', 'approved']),
        ),
      );
    if (other) {
      throw new AppError('conflict', 'This partner already has an open termination case.', {
        messageKey: 'terminations.error.openCase',
        details: { caseId: other.id },
      });
    }
    const values = {
      source: input.source,
      sourceId: input.sourceId ?? null,
      type: input.type,
      reason: input.reason,
      effectiveDate: input.effectiveDate,
      earliestAllowedDate: notice?.earliest ?? null,
      departmentId: input.departmentId,
      responsibleId: input.responsibleId,
      status: 'approval' as const,
      approverIds,
      openedBy: staffId,
      updatedAt: now,
    };
    const [saved] = requested
      ? await tx.update(terminationCases).set(values).where(eq(terminationCases.id, requested.id)).returning()
      : await tx
          .insert(terminationCases)
          .values({ ...values, partnerId: partner.id })
          .returning();
    const row = saved!;
    await audit(tx, actor, {
      action: 'termination.opened',
      entityType: 'termination_case',
      entityId: row.id,
      partnerId: partner.id,
      data: {
        source: row.source,
        sourceId: row.sourceId,
        type: row.type,
        effectiveDate: row.effectiveDate,
        earliestAllowedDate: row.earliestAllowedDate,
        approverIds,
        fromRequest: requested !== undefined,
      },
    });
    await queueTerminationBallots(tx, { id: row.id, partnerName: partner.legalName }, approverIds);
    return row;
  });
}

/** The source named must exist and concern this partner: a case never rests on someone else's record. */
async function assertSource(
  tx: Database,
  partnerId: string,
  source: TerminationCase['source'],
  sourceId?: string,
) {
  const needsId = ['review', 'risk_alert', 'risk_incident', 'blacklist'].includes(source);
  if (!needsId) return;
  if (!sourceId || !isUuid(sourceId)) {
    throw fieldError('sourceId', 'Name the review, alert, incident or blacklist entry the case comes from.');
  }
  let found = false;
  if (source === 'review') {
    const [r] = await tx
      .select({ decision: quarterlyReviews.decision })
      .from(quarterlyReviews)
      .where(and(eq(quarterlyReviews.id, sourceId), eq(quarterlyReviews.partnerId, partnerId)));
    found = r?.decision === 'termination_recommendation';
  } else if (source === 'risk_alert') {
    const [r] = await tx
      .select({ id: riskAlerts.id })
      .from(riskAlerts)
      .where(and(eq(riskAlerts.id, sourceId), eq(riskAlerts.partnerId, partnerId)));
    found = r !== undefined;
  } else if (source === 'risk_incident') {
    const [r] = await tx
      .select({ id: riskIncidents.id })
      .from(riskIncidents)
      .where(and(eq(riskIncidents.id, sourceId), eq(riskIncidents.partnerId, partnerId)));
    found = r !== undefined;
  } else {
    const [p] = await tx
      .select({ code: partners.creditCode })
      .from(partners)
      .where(eq(partners.id, partnerId));
    const [r] = await tx
      .select({ id: blacklistEntries.id })
      .from(blacklistEntries)
      .where(and(eq(blacklistEntries.id, sourceId), eq(blacklistEntries.creditCode, p!.code)));
    found = r !== undefined;
  }
  if (!found) {
    throw fieldError(
      'sourceId',
      source === 'review'
        ? 'This partner has no review with a termination recommendation by that id.'
        : 'That record does not exist for this partner.',
    );
  }
}

export const requestInput = z.strictObject({ reason: reasonField, effectiveDate: calendarDate() });

/**
 * A partner administrator asks to end the arrangement from the portal: a case in `requested`
 * for staff to take over (openTerminationCase with the source partner_request). Retrying while
 * one is open returns it instead of a second.
 */
export async function requestTermination(
  db: Database,
  actor: Actor,
  raw: z.input<typeof requestInput>,
  now = new Date(),
) {
  const { partnerId, userId } = partnerAdminOf(actor);
  const input = parse(requestInput, raw);
  if (input.effectiveDate <= todayInChina(now))
    throw fieldError('effectiveDate', 'Choose a date after today.');
  return db.transaction(async (tx) => {
    const partner = await lockPartnerRow(tx, partnerId);
    const [open] = await tx
      .select()
      .from(terminationCases)
      .where(
        and(
          eq(terminationCases.partnerId, partnerId),
          inArray(terminationCases.status, ['requested', 'approval', 'approved']),
        ),
      );
    if (open) return open;
    if (partner.status !== 'active') {
      throw new AppError('conflict', 'Your organisation cannot ask for this in its current status.', {
        messageKey: 'terminations.error.partnerNotTerminable',
      });
    }
    const [row] = await tx
      .insert(terminationCases)
      .values({
        partnerId,
        source: 'partner_request',
        type: 'partner_request',
        reason: input.reason,
        effectiveDate: input.effectiveDate,
        status: 'requested',
        requestedBy: userId,
      })
      .returning();
    await audit(tx, actor, {
      action: 'termination.requested',
      entityType: 'termination_case',
      entityId: row!.id,
      partnerId,
      data: { effectiveDate: input.effectiveDate, reason: input.reason },
    });
    await notify(tx, {
      staffRoles: ['admin', 'risk_officer'],
      template: 'notify.termination_requested',
      params: { name: partner.legalName, reason: input.reason },
      link: caseLink(row!.id),
      actor,
    });
    return row!;
  });
}

export const withdrawCaseInput = z.strictObject({ caseId: z.string(), reason: reasonField });

/**
 * Withdraws a case before its effective date, with a reason. A partner that was `exiting` because
 * of it returns to the status it had; its open tasks are closed with the case.
 */
export async function withdrawTerminationCase(
  db: Database,
  actor: Actor,
  raw: z.input<typeof withdrawCaseInput>,
  now = new Date(),
) {
  assertStaffManager(actor);
  const input = parse(withdrawCaseInput, raw);
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, actor, input.caseId);
    if (
      !['requested', 'approval', 'approved'].includes(row.status) ||
      row.effectiveDate <= todayInChina(now)
    ) {
      throw new AppError('conflict', 'Only an open case before its effective date can be withdrawn.', {
        messageKey: 'terminations.error.notWithdrawable',
        details: { status: row.status, effectiveDate: row.effectiveDate },
      });
    }
    const partner = await lockPartnerRow(tx, row.partnerId);
    let restored: string | null = null;
    if (row.status === 'approved' && partner.status === 'exiting') {
      restored = row.statusBefore ?? 'active';
      await tx
        .update(partners)
        .set({ status: restored as 'active', updatedAt: now })
        .where(eq(partners.id, partner.id));
    }
    const [updated] = await tx
      .update(terminationCases)
      .set({ status: 'withdrawn', closeReason: input.reason, closedAt: now, updatedAt: now })
      .where(eq(terminationCases.id, row.id))
      .returning();
    await audit(tx, actor, {
      action: 'termination.withdrawn',
      entityType: 'termination_case',
      entityId: row.id,
      partnerId: row.partnerId,
      data: { from: row.status, reason: input.reason, partnerStatusRestored: restored },
    });
    if (row.status === 'approved' || row.status === 'requested') {
      await notify(tx, {
        userIds: await partnerUserIds(tx, row.partnerId),
        template: 'notify.termination_withdrawn',
        params: { name: partner.legalName, reason: input.reason },
        link: PARTNER_LINK,
        email: 'partner_status',
      });
    }
    return updated!;
  });
}
