import {
  type Database,
  partners,
  rectificationItems,
  supervisionFindingItems,
  supervisionFindings,
  supervisionTaskPartners,
  supervisionTasks,
  users,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, arrayOverlaps, asc, eq, exists, inArray, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertCan, partnerScope } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { supervisionFindingInput, supervisionListFilters, supervisionTaskInput } from './task-input.ts';

const staffId = (actor: Actor) => (actor.type === 'staff' ? actor.userId : null);

/**
 * The partners named exist and are ones the actor may see; otherwise "not found" (a partner's
 * caller never learns another partner exists) and nothing is written.
 */
async function assertVisiblePartners(db: Database, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return;
  const scope = partnerScope(actor);
  const found = await db
    .select({ id: partners.id })
    .from(partners)
    .where(and(inArray(partners.id, [...ids]), scope ? eq(partners.id, scope) : undefined));
  if (found.length !== new Set(ids).size) {
    throw new AppError('not_found', 'A partner in the scope does not exist or you cannot see it.', {
      messageKey: 'supervision.error.partnerNotFound',
      details: { field: 'partnerIds' },
    });
  }
}

async function assertOwner(db: Database, ownerId: string) {
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, ownerId), eq(users.kind, 'staff'), eq(users.status, 'active')));
  if (!owner) {
    throw new AppError('validation_failed', 'The owner must be an active member of staff.', {
      messageKey: 'supervision.error.owner',
      details: { field: 'ownerId' },
    });
  }
}

/**
 * The supervision group opens an inspection task (manage:supervision). A due date before
 * today (China time) is refused: a task is planned work, not a record of the past.
 */
export async function createSupervisionTask(
  db: Database,
  actor: Actor,
  raw: z.input<typeof supervisionTaskInput>,
  now = new Date(),
) {
  assertCan(actor, 'manage:supervision');
  const input = parse(supervisionTaskInput, raw);
  if (input.dueDate < todayInChina(now)) {
    throw new AppError('validation_failed', 'The due date is in the past; choose today or a later day.', {
      messageKey: 'supervision.error.duePast',
      details: { field: 'dueDate' },
    });
  }
  const partnerIds = [...new Set(input.partnerIds)];
  await assertVisiblePartners(db, actor, partnerIds);
  await assertOwner(db, input.ownerId);
  return db.transaction(async (tx) => {
    const [task] = await tx
      .insert(supervisionTasks)
      .values({
        title: input.title,
        description: input.description,
        regions: input.regions,
        ownerId: input.ownerId,
        dueDate: input.dueDate,
        createdBy: staffId(actor),
      })
      .returning();
    if (!task) throw new Error('insert returned nothing');
    if (partnerIds.length) {
      await tx
        .insert(supervisionTaskPartners)
        .values(partnerIds.map((partnerId) => ({ taskId: task.id, partnerId })));
    }
    await audit(tx, actor, {
      action: 'supervision.task_created',
      entityType: 'supervision_task',
      entityId: task.id,
      data: {
        after: {
          title: task.title,
          ownerId: task.ownerId,
          dueDate: task.dueDate,
          regions: task.regions,
          partnerIds,
        },
      },
    });
    await notify(tx, {
      userIds: [task.ownerId],
      actor,
      template: 'supervision.notify.assigned',
      params: { title: task.title.slice(0, 80), date: task.dueDate },
      link: `/s/supervision/${task.id}`,
    });
    return task;
  });
}

async function lockTask(tx: Database, taskId: string) {
  if (!isUuid(taskId)) throw notFound('Supervision task');
  const [task] = await tx
    .select()
    .from(supervisionTasks)
    .where(eq(supervisionTasks.id, taskId))
    .for('update');
  if (!task) throw notFound('Supervision task');
  return task;
}

const closedError = () =>
  new AppError('conflict', 'This task is closed; reopen it before changing it.', {
    messageKey: 'supervision.error.closed',
  });

/**
 * Records a finding, optionally about one partner of the task's scope, linked to existing
 * rectification items (of that partner when one is named) that track the fix.
 */
export async function addSupervisionFinding(
  db: Database,
  actor: Actor,
  raw: z.input<typeof supervisionFindingInput>,
) {
  assertCan(actor, 'manage:supervision');
  const input = parse(supervisionFindingInput, raw);
  if (input.partnerId) await assertVisiblePartners(db, actor, [input.partnerId]);
  const itemIds = [...new Set(input.itemIds)];
  return db.transaction(async (tx) => {
    const task = await lockTask(tx, input.taskId);
    if (task.status !== 'open') throw closedError();
    if (itemIds.length) {
      const items = await tx
        .select({ id: rectificationItems.id, partnerId: rectificationItems.partnerId })
        .from(rectificationItems)
        .where(inArray(rectificationItems.id, itemIds));
      const wrong =
        items.length !== itemIds.length ||
        (input.partnerId && items.some((i) => i.partnerId !== input.partnerId));
      if (wrong) {
        throw new AppError('validation_failed', 'Link rectification items of the finding’s partner only.', {
          messageKey: 'supervision.error.items',
          details: { field: 'itemIds' },
        });
      }
    }
    const [finding] = await tx
      .insert(supervisionFindings)
      .values({
        taskId: task.id,
        partnerId: input.partnerId ?? null,
        severity: input.severity,
        description: input.description,
        createdBy: staffId(actor),
      })
      .returning();
    if (!finding) throw new Error('insert returned nothing');
    if (itemIds.length) {
      await tx
        .insert(supervisionFindingItems)
        .values(itemIds.map((itemId) => ({ findingId: finding.id, itemId })));
    }
    await audit(tx, actor, {
      action: 'supervision.finding_added',
      entityType: 'supervision_task',
      entityId: task.id,
      partnerId: finding.partnerId,
      data: { findingId: finding.id, severity: finding.severity, itemIds },
    });
    return finding;
  });
}

/** Closes a task with a conclusion, or reopens it; audited with before/after. */
export async function setSupervisionTaskStatus(
  db: Database,
  actor: Actor,
  raw: { taskId: string; status: 'open' | 'closed'; conclusion?: string },
  now = new Date(),
) {
  assertCan(actor, 'manage:supervision');
  const status = raw.status === 'closed' ? 'closed' : 'open';
  const conclusion = (raw.conclusion ?? '').trim().slice(0, 5000);
  if (status === 'closed' && !conclusion) {
    throw new AppError('validation_failed', 'Write the conclusion before closing the task.', {
      messageKey: 'supervision.error.conclusion',
      details: { field: 'conclusion' },
    });
  }
  return db.transaction(async (tx) => {
    const task = await lockTask(tx, raw.taskId);
    // Retried or double-clicked: already in that state, nothing to do (and nothing audited twice).
    if (task.status === status) return task;
    const [saved] = await tx
      .update(supervisionTasks)
      .set({
        status,
        conclusion: status === 'closed' ? conclusion : task.conclusion,
        closedAt: status === 'closed' ? now : null,
        closedBy: status === 'closed' ? staffId(actor) : null,
        updatedAt: now,
      })
      .where(eq(supervisionTasks.id, task.id))
      .returning();
    await audit(tx, actor, {
      action: status === 'closed' ? 'supervision.task_closed' : 'supervision.task_reopened',
      entityType: 'supervision_task',
      entityId: task.id,
      data: {
        before: { status: task.status, conclusion: task.conclusion },
        after: { status, conclusion: saved?.conclusion ?? null },
      },
    });
    return saved!;
  });
}

/** The status view: open (default), overdue, closed or all, filtered by owner, partner or region. */
export async function listSupervisionTasks(
  db: Database,
  actor: Actor,
  raw: Partial<Record<'status' | 'ownerId' | 'partnerId' | 'region', string>> = {},
  now = new Date(),
) {
  assertCan(actor, 'read:supervision');
  const f = supervisionListFilters.parse(raw);
  const today = todayInChina(now);
  const where: (SQL | undefined)[] = [];
  if (f.status === 'open') where.push(eq(supervisionTasks.status, 'open'));
  if (f.status === 'closed') where.push(eq(supervisionTasks.status, 'closed'));
  if (f.status === 'overdue')
    where.push(eq(supervisionTasks.status, 'open'), lt(supervisionTasks.dueDate, today));
  if (f.ownerId) where.push(eq(supervisionTasks.ownerId, f.ownerId));
  if (f.region) where.push(arrayOverlaps(supervisionTasks.regions, [f.region]));
  if (f.partnerId) {
    where.push(
      exists(
        db
          .select({ one: supervisionTaskPartners.taskId })
          .from(supervisionTaskPartners)
          .where(
            and(
              eq(supervisionTaskPartners.taskId, supervisionTasks.id),
              eq(supervisionTaskPartners.partnerId, f.partnerId),
            ),
          ),
      ),
    );
  }
  const rows = await db
    .select({ task: supervisionTasks, ownerName: users.displayName })
    .from(supervisionTasks)
    .innerJoin(users, eq(users.id, supervisionTasks.ownerId))
    .where(and(...where))
    .orderBy(asc(supervisionTasks.status), asc(supervisionTasks.dueDate), asc(supervisionTasks.id))
    .limit(500);
  const ids = rows.map((r) => r.task.id);
  const [scoped, findings] = ids.length
    ? await Promise.all([
        db
          .select({ taskId: supervisionTaskPartners.taskId, name: partners.legalName })
          .from(supervisionTaskPartners)
          .innerJoin(partners, eq(partners.id, supervisionTaskPartners.partnerId))
          .where(inArray(supervisionTaskPartners.taskId, ids))
          .orderBy(asc(partners.legalName)),
        db
          .select({ taskId: supervisionFindings.taskId })
          .from(supervisionFindings)
          .where(inArray(supervisionFindings.taskId, ids)),
      ])
    : [[], []];
  return {
    filters: f,
    tasks: rows.map(({ task, ownerName }) => ({
      ...task,
      ownerName,
      overdue: task.status === 'open' && task.dueDate < today,
      partnerNames: scoped.filter((s) => s.taskId === task.id).map((s) => s.name),
      findings: findings.filter((x) => x.taskId === task.id).length,
    })),
  };
}

/** One task with its scope, findings and their linked rectification items (with their live status). */
export async function getSupervisionTask(db: Database, actor: Actor, taskId: string, now = new Date()) {
  assertCan(actor, 'read:supervision');
  if (!isUuid(taskId)) throw notFound('Supervision task');
  const [row] = await db
    .select({ task: supervisionTasks, ownerName: users.displayName })
    .from(supervisionTasks)
    .innerJoin(users, eq(users.id, supervisionTasks.ownerId))
    .where(eq(supervisionTasks.id, taskId));
  if (!row) throw notFound('Supervision task');
  const [scope, findings] = await Promise.all([
    db
      .select({ id: partners.id, name: partners.legalName })
      .from(supervisionTaskPartners)
      .innerJoin(partners, eq(partners.id, supervisionTaskPartners.partnerId))
      .where(eq(supervisionTaskPartners.taskId, taskId))
      .orderBy(asc(partners.legalName)),
    db
      .select({ finding: supervisionFindings, partnerName: partners.legalName })
      .from(supervisionFindings)
      .leftJoin(partners, eq(partners.id, supervisionFindings.partnerId))
      .where(eq(supervisionFindings.taskId, taskId))
      .orderBy(asc(supervisionFindings.createdAt)),
  ]);
  const findingIds = findings.map((f) => f.finding.id);
  const links = findingIds.length
    ? await db
        .select({
          findingId: supervisionFindingItems.findingId,
          item: {
            id: rectificationItems.id,
            reviewId: rectificationItems.reviewId,
            description: rectificationItems.description,
            dueDate: rectificationItems.dueDate,
            status: rectificationItems.status,
          },
        })
        .from(supervisionFindingItems)
        .innerJoin(rectificationItems, eq(rectificationItems.id, supervisionFindingItems.itemId))
        .where(inArray(supervisionFindingItems.findingId, findingIds))
    : [];
  const today = todayInChina(now);
  return {
    task: {
      ...row.task,
      ownerName: row.ownerName,
      overdue: row.task.status === 'open' && row.task.dueDate < today,
    },
    partners: scope,
    findings: findings.map((f) => ({
      ...f.finding,
      partnerName: f.partnerName,
      items: links.filter((l) => l.findingId === f.finding.id).map((l) => l.item),
    })),
  };
}

/** The rectification items a finding can link: those of the task's partners (or of one partner). */
export async function linkableRectificationItems(db: Database, actor: Actor, partnerIds: readonly string[]) {
  assertCan(actor, 'read:supervision');
  if (partnerIds.length === 0) return [];
  return db
    .select({
      id: rectificationItems.id,
      partnerId: rectificationItems.partnerId,
      description: rectificationItems.description,
      dueDate: rectificationItems.dueDate,
      status: rectificationItems.status,
    })
    .from(rectificationItems)
    .where(inArray(rectificationItems.partnerId, [...partnerIds]))
    .orderBy(asc(rectificationItems.dueDate))
    .limit(200);
}

/** Staff who can own a task (active staff), by name. */
export async function supervisionOwners(db: Database, actor: Actor) {
  assertCan(actor, 'read:supervision');
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.kind, 'staff'), eq(users.status, 'active')))
    .orderBy(asc(users.displayName));
}

/** The partners one may put in a scope (or search the log by), by name: staff see all. */
export async function partnerChoices(db: Database, actor: Actor) {
  const scope = partnerScope(actor);
  return db
    .select({ id: partners.id, name: partners.legalName, region: partners.region })
    .from(partners)
    .where(scope ? eq(partners.id, scope) : undefined)
    .orderBy(asc(partners.legalName))
    .limit(2000);
}
