import {
  type Database,
  type ExitAlternative,
  type ExitPlan,
  exitPlans,
  exitPlanVersions,
  partners,
  users,
} from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, asc, desc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { calendarDate, longText, rowId, shortText } from '../fields.ts';
import { notify } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';

/** Only critical and important arrangements need an exit plan (issue 15; EBA GL 2019/02 §106). */
export const exitPlanCriticalities = ['critical', 'important'] as const;
/** A plan is reviewed (and tested) once a year: the next review defaults to a year after the last. */
export const EXIT_PLAN_REVIEW_MONTHS = 12;
/** A plan whose review is due within this many days is marked "due soon" in the list. */
export const EXIT_PLAN_DUE_SOON_DAYS = 30;

const alternative = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('partner'),
    partnerId: rowId('Choose a partner of the catalogue.'),
    note: shortText(500).optional(),
  }),
  z.strictObject({
    kind: z.literal('external'),
    name: shortText(200).min(1, 'Name the external firm.'),
    note: shortText(500).optional(),
  }),
]);

export const exitPlanInput = z.strictObject({
  alternatives: z
    .array(alternative)
    .min(1, 'Name at least one alternative provider (a partner or an external firm).')
    .max(20, 'List at most 20 alternatives.'),
  steps: z
    .array(shortText(500, 'Keep each step under 500 characters.'))
    .max(50, 'A plan has at most 50 steps.')
    .transform((list) => list.filter((s) => s.length > 0))
    .pipe(z.array(z.string()).min(1, 'Write the steps to switch, one per line.')),
  switchDays: z
    .number({ message: 'Give the days the switch takes, 1 to 3650.' })
    .int('Give the days the switch takes, 1 to 3650.')
    .min(1, 'Give the days the switch takes, 1 to 3650.')
    .max(3650, 'Give the days the switch takes, 1 to 3650.'),
  dataToMigrate: longText(5000).min(1, 'Say which data moves to the successor.'),
  lastReviewedOn: calendarDate(),
  lastTestedOn: calendarDate().nullable().default(null),
  /** Defaults to a year after the last review. */
  nextReviewOn: calendarDate().nullable().default(null),
  ownerId: rowId('Choose a member of staff.').nullable().default(null),
});
export type ExitPlanInput = z.input<typeof exitPlanInput>;

const fieldError = (path: string, message: string, key: string) =>
  new AppError('validation_failed', message, {
    messageKey: key,
    details: { fields: [{ path, code: 'invalid', message }] },
  });

/** A year (EXIT_PLAN_REVIEW_MONTHS) after a date, the 29th of February falling on the 28th. */
export function yearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + EXIT_PLAN_REVIEW_MONTHS, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

const snapshotOf = (p: ExitPlan) => ({
  alternatives: p.alternatives,
  steps: p.steps,
  switchDays: p.switchDays,
  dataToMigrate: p.dataToMigrate,
  lastReviewedOn: p.lastReviewedOn,
  lastTestedOn: p.lastTestedOn,
  nextReviewOn: p.nextReviewOn,
  ownerId: p.ownerId,
  version: p.version,
});

/**
 * Saves a partner's exit plan: the first save creates it (version 1), every later save is a new
 * version, its full text kept in exit_plan_versions and an audit entry in the same transaction.
 * `expectedVersion` (the version the form was opened on) makes a retried or stale save a 409
 * instead of a silent second version. Only critical and important partners have one.
 */
export async function saveExitPlan(
  db: Database,
  actor: Actor,
  partnerId: string,
  raw: ExitPlanInput & { expectedVersion?: number | null },
): Promise<ExitPlan> {
  assertCan(actor, 'manage:continuity');
  if (!isUuid(partnerId)) throw notFound('Partner');
  const { expectedVersion = null, ...rest } = raw;
  const input = parse(exitPlanInput, rest);
  const nextReviewOn = input.nextReviewOn ?? yearAfter(input.lastReviewedOn);
  if (nextReviewOn <= input.lastReviewedOn) {
    throw fieldError(
      'nextReviewOn',
      'The next review comes after the last one.',
      'continuity.error.nextReviewBeforeLast',
    );
  }
  if (input.lastTestedOn && input.lastTestedOn > todayInChina(new Date())) {
    throw fieldError('lastTestedOn', 'A test date cannot be in the future.', 'continuity.error.testInFuture');
  }
  const by = actor.type === 'staff' ? actor.userId : null;
  return db.transaction(async (tx) => {
    const [partner] = await tx.select().from(partners).where(eq(partners.id, partnerId)).for('update');
    if (!partner) throw notFound('Partner');
    if (!(exitPlanCriticalities as readonly string[]).includes(partner.criticality)) {
      throw new AppError('conflict', 'Only critical and important partners have an exit plan.', {
        messageKey: 'continuity.error.notCritical',
      });
    }
    const alternativeIds = input.alternatives.flatMap((a) => (a.kind === 'partner' ? [a.partnerId] : []));
    if (alternativeIds.includes(partnerId)) {
      throw fieldError(
        'alternatives',
        'A partner cannot be its own alternative.',
        'continuity.error.selfAlternative',
      );
    }
    if (alternativeIds.length > 0) {
      const known = await tx
        .select({ id: partners.id })
        .from(partners)
        .where(and(inArray(partners.id, alternativeIds), ne(partners.status, 'terminated')));
      if (known.length !== new Set(alternativeIds).size) {
        throw fieldError(
          'alternatives',
          'Choose alternative partners from the catalogue (not terminated).',
          'continuity.error.unknownAlternative',
        );
      }
    }
    if (input.ownerId) {
      const [owner] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.ownerId), eq(users.kind, 'staff'), eq(users.status, 'active')));
      if (!owner) throw fieldError('ownerId', 'Choose an active member of staff.', 'continuity.error.owner');
    }
    const values = {
      alternatives: input.alternatives as ExitAlternative[],
      steps: input.steps,
      switchDays: input.switchDays,
      dataToMigrate: input.dataToMigrate,
      lastReviewedOn: input.lastReviewedOn,
      lastTestedOn: input.lastTestedOn,
      nextReviewOn,
      ownerId: input.ownerId,
      updatedBy: by,
    };
    const [existing] = await tx.select().from(exitPlans).where(eq(exitPlans.partnerId, partnerId));
    if ((existing?.version ?? null) !== expectedVersion) {
      throw new AppError(
        'conflict',
        existing
          ? `The plan was saved meanwhile (now version ${existing.version}); reload it and save again.`
          : 'The plan no longer exists; reload the page.',
        { messageKey: 'continuity.error.stale', details: { version: existing?.version ?? null } },
      );
    }
    let plan: ExitPlan;
    if (!existing) {
      [plan] = (await tx
        .insert(exitPlans)
        .values({ partnerId, ...values })
        .returning()) as [ExitPlan];
    } else {
      [plan] = (await tx
        .update(exitPlans)
        .set({ ...values, version: sql`${exitPlans.version} + 1`, updatedAt: new Date() })
        .where(eq(exitPlans.id, existing.id))
        .returning()) as [ExitPlan];
    }
    await tx
      .insert(exitPlanVersions)
      .values({ planId: plan.id, version: plan.version, snapshot: snapshotOf(plan), changedBy: by });
    await audit(tx, actor, {
      action: existing ? 'exit_plan.updated' : 'exit_plan.created',
      entityType: 'exit_plan',
      entityId: plan.id,
      partnerId,
      data: {
        version: plan.version,
        before: existing ? snapshotOf(existing) : null,
        after: snapshotOf(plan),
      },
    });
    return plan;
  });
}

export type ExitPlanDue = 'overdue' | 'due_soon' | 'ok';

/** Where a plan's review stands on `today`. */
export function reviewState(nextReviewOn: string, today: string): ExitPlanDue {
  if (nextReviewOn < today) return 'overdue';
  if (nextReviewOn <= addDays(today, EXIT_PLAN_DUE_SOON_DAYS)) return 'due_soon';
  return 'ok';
}

/**
 * Every critical and important partner (not terminated) with its plan, or none — a missing plan
 * is flagged — and where the review stands. Overdue first, then due soon, missing, the rest.
 */
export async function listExitPlans(db: Database, actor: Actor, options: { today?: string } = {}) {
  assertCan(actor, 'read:risk');
  const today = options.today ?? todayInChina(new Date());
  const rows = await db
    .select({
      partnerId: partners.id,
      legalName: partners.legalName,
      criticality: partners.criticality,
      status: partners.status,
      plan: exitPlans,
      ownerName: users.displayName,
    })
    .from(partners)
    .leftJoin(exitPlans, eq(exitPlans.partnerId, partners.id))
    .leftJoin(users, eq(users.id, exitPlans.ownerId))
    .where(
      and(
        or(inArray(partners.criticality, [...exitPlanCriticalities]), sql`${exitPlans.id} is not null`),
        ne(partners.status, 'terminated'),
      ),
    )
    .orderBy(asc(partners.legalName));
  const order = { overdue: 0, due_soon: 1, missing: 2, ok: 3 } as const;
  return rows
    .map((r) => {
      const state = r.plan ? reviewState(r.plan.nextReviewOn, today) : ('missing' as const);
      return {
        partnerId: r.partnerId,
        legalName: r.legalName,
        criticality: r.criticality,
        status: r.status,
        state,
        plan: r.plan
          ? {
              id: r.plan.id,
              version: r.plan.version,
              lastReviewedOn: r.plan.lastReviewedOn,
              lastTestedOn: r.plan.lastTestedOn,
              nextReviewOn: r.plan.nextReviewOn,
              switchDays: r.plan.switchDays,
              alternatives: r.plan.alternatives.length,
              ownerName: r.ownerName,
            }
          : null,
      };
    })
    .sort((a, b) => order[a.state] - order[b.state] || a.legalName.localeCompare(b.legalName));
}

/**
 * A partner's exit plan (null when none) with its version history, newest first, and the names of
 * alternative partners read live. Staff only: the plan names other partners.
 */
export async function getExitPlan(
  db: Database,
  actor: Actor,
  partnerId: string,
  options: { version?: number; today?: string } = {},
) {
  assertCan(actor, 'read:risk');
  if (!isUuid(partnerId)) throw notFound('Partner');
  const [partner] = await db
    .select({ id: partners.id, legalName: partners.legalName, criticality: partners.criticality })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!partner) throw notFound('Partner');
  const [plan] = await db.select().from(exitPlans).where(eq(exitPlans.partnerId, partnerId));
  if (!plan)
    return {
      partner,
      plan: null,
      versions: [],
      shown: null,
      state: 'missing' as const,
      partnerNames: {} as Record<string, string>,
    };
  const versions = await db
    .select({
      version: exitPlanVersions.version,
      changedAt: exitPlanVersions.changedAt,
      changedBy: users.displayName,
      snapshot: exitPlanVersions.snapshot,
    })
    .from(exitPlanVersions)
    .leftJoin(users, eq(users.id, exitPlanVersions.changedBy))
    .where(eq(exitPlanVersions.planId, plan.id))
    .orderBy(desc(exitPlanVersions.version));
  const shownVersion = options.version ?? plan.version;
  const shown = versions.find((v) => v.version === shownVersion);
  if (!shown) throw notFound('Exit plan version');
  const snapshot = shown.snapshot as ReturnType<typeof snapshotOf>;
  const ids = [
    ...new Set(
      versions.flatMap((v) =>
        ((v.snapshot as ReturnType<typeof snapshotOf>).alternatives ?? []).flatMap((a) =>
          a.kind === 'partner' ? [a.partnerId] : [],
        ),
      ),
    ),
  ];
  const named =
    ids.length > 0
      ? await db
          .select({ id: partners.id, legalName: partners.legalName })
          .from(partners)
          .where(inArray(partners.id, ids))
      : [];
  return {
    partner,
    plan,
    versions: versions.map((v) => ({ version: v.version, changedAt: v.changedAt, changedBy: v.changedBy })),
    shown: snapshot,
    state: reviewState(plan.nextReviewOn, options.today ?? todayInChina(new Date())),
    partnerNames: Object.fromEntries(named.map((n) => [n.id, n.legalName])) as Record<string, string>,
  };
}

/**
 * Reminds each plan's owner (inbox and e-mail) once its review is due — on or after
 * `nextReviewOn`. The reminder is claimed by one atomic update of `reminded_for` to the due date,
 * so a repeated run, or two workers at once, send it once per due date; saving the plan with a
 * new due date makes the next reminder possible. Without an owner, the risk officers are told.
 */
export async function remindDueExitPlans(db: Database, now = new Date()) {
  const actor = systemActor('exit-plan-reminders');
  const today = todayInChina(now);
  const result = { reminded: 0 };
  const due = await db
    .select({ id: exitPlans.id })
    .from(exitPlans)
    .where(
      and(
        lte(exitPlans.nextReviewOn, today),
        or(isNull(exitPlans.remindedFor), ne(exitPlans.remindedFor, exitPlans.nextReviewOn)),
      ),
    );
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(exitPlans)
        .set({ remindedFor: sql`${exitPlans.nextReviewOn}` })
        .where(
          and(
            eq(exitPlans.id, id),
            lte(exitPlans.nextReviewOn, today),
            or(isNull(exitPlans.remindedFor), ne(exitPlans.remindedFor, exitPlans.nextReviewOn)),
          ),
        )
        .returning();
      if (!claimed) return;
      const [partner] = await tx
        .select({ legalName: partners.legalName })
        .from(partners)
        .where(eq(partners.id, claimed.partnerId));
      await audit(tx, actor, {
        action: 'exit_plan.review_reminded',
        entityType: 'exit_plan',
        entityId: claimed.id,
        partnerId: claimed.partnerId,
        data: { nextReviewOn: claimed.nextReviewOn, ownerId: claimed.ownerId },
      });
      await notify(tx, {
        ...(claimed.ownerId ? { userIds: [claimed.ownerId] } : { staffRoles: ['risk_officer'] }),
        template: 'notify.exit_plan_review_due',
        params: { partner: partner?.legalName ?? '', date: claimed.nextReviewOn },
        link: `/s/exit-plans/${claimed.partnerId}`,
        email: 'partner_status',
      });
      result.reminded++;
    });
  }
  return result;
}

/** The partners a plan may name as alternatives: every one not terminated, except the partner itself. */
export async function exitPlanAlternativeChoices(db: Database, actor: Actor, partnerId: string) {
  assertCan(actor, 'read:risk');
  return db
    .select({ id: partners.id, legalName: partners.legalName, serviceCategories: partners.serviceCategories })
    .from(partners)
    .where(and(ne(partners.status, 'terminated'), isUuid(partnerId) ? ne(partners.id, partnerId) : undefined))
    .orderBy(asc(partners.legalName));
}
