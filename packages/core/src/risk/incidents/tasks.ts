import {
  type Database,
  type RiskIncidentTask,
  riskIncidentEvidence,
  riskIncidents,
  riskIncidentTasks,
  riskTaskAssignees,
  users,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../actor.ts';
import { AppError, notFound } from '../../errors.ts';
import { calendarDate } from '../../fields.ts';
import { notify } from '../../notifications.ts';
import { assertPartnerActive } from '../../partner-status.ts';
import { assertCan } from '../../permissions.ts';
import type { FileStorage } from '../../ports.ts';
import { partnerUserIds } from '../../reviews/members.ts';
import {
  evidenceDownload,
  evidenceReader,
  uploadEvidence,
  withoutStorageKey,
} from '../../uploads/evidence-upload.ts';
import { isUuid, parse } from '../../validation.ts';
import { lockIncident } from './incidents.ts';
import { recordIncidentEvent } from './timeline.ts';

export const addTaskInput = z.strictObject({
  incidentId: z.string(),
  assignee: z.enum(riskTaskAssignees, { message: 'Choose the partner or a staff member.' }),
  assigneeId: z.string().optional(),
  description: z
    .string({ message: 'Say what is to be done.' })
    .trim()
    .min(1, 'Say what is to be done.')
    .max(2000),
  dueDate: calendarDate(),
});

const stateError = (status: string) =>
  new AppError('conflict', `This remediation task cannot do that while it is ${status}.`, {
    messageKey: 'risk.task.error.state',
    details: { state: status },
  });

function staffOnly(actor: Actor): string {
  assertCan(actor, 'manage:risk-incidents');
  if (actor.type !== 'staff')
    throw new AppError('forbidden', 'Only staff run incidents.', { messageKey: 'errors.forbidden' });
  return actor.userId;
}

/** A task is overdue while not verified past its due date (a Beijing calendar day). */
export const taskOverdue = (task: Pick<RiskIncidentTask, 'status' | 'dueDate'>, now = new Date()) =>
  task.status !== 'verified' && task.dueDate < todayInChina(now);

/** Adds a remediation task to an incident that is not closed; the partner is told of its tasks. */
export async function addRemediationTask(
  db: Database,
  actor: Actor,
  raw: z.input<typeof addTaskInput>,
  now = new Date(),
) {
  const userId = staffOnly(actor);
  const input = parse(addTaskInput, raw);
  return db.transaction(async (tx) => {
    const incident = await lockIncident(tx, input.incidentId);
    if (incident.status === 'closed') {
      throw new AppError('conflict', 'This incident is closed; nothing about it can change.', {
        messageKey: 'risk.incident.error.closed',
      });
    }
    let assigneeName: string | null = null;
    if (input.assignee === 'internal') {
      const [person] =
        input.assigneeId && isUuid(input.assigneeId)
          ? await tx
              .select({ id: users.id, name: users.displayName })
              .from(users)
              .where(and(eq(users.id, input.assigneeId), eq(users.kind, 'staff'), eq(users.status, 'active')))
          : [];
      if (!person) {
        throw new AppError('validation_failed', 'Choose the staff member who does it.', {
          details: {
            fields: [
              { path: 'assigneeId', code: 'invalid', message: 'Choose the staff member who does it.' },
            ],
          },
        });
      }
      assigneeName = person.name;
    }
    // The same task sent twice (a retry, a double click) is one task.
    const assigneeId = input.assignee === 'internal' ? (input.assigneeId ?? null) : null;
    const [same] = await tx
      .select()
      .from(riskIncidentTasks)
      .where(
        and(
          eq(riskIncidentTasks.incidentId, incident.id),
          eq(riskIncidentTasks.assignee, input.assignee),
          assigneeId ? eq(riskIncidentTasks.assigneeId, assigneeId) : isNull(riskIncidentTasks.assigneeId),
          eq(riskIncidentTasks.description, input.description),
          eq(riskIncidentTasks.dueDate, input.dueDate),
        ),
      );
    if (same) return same;
    const [task] = (await tx
      .insert(riskIncidentTasks)
      .values({
        incidentId: incident.id,
        partnerId: incident.partnerId,
        assignee: input.assignee,
        assigneeId: input.assignee === 'internal' ? (input.assigneeId ?? null) : null,
        description: input.description,
        dueDate: input.dueDate,
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning()) as [RiskIncidentTask];
    await recordIncidentEvent(tx, actor, incident, 'task_added', now, {
      taskId: task.id,
      assignee: task.assignee,
      assigneeName,
      description: task.description,
      dueDate: task.dueDate,
    });
    if (task.assignee === 'partner') {
      await notify(tx, {
        userIds: await partnerUserIds(tx, incident.partnerId),
        template: 'notify.risk_task_assigned',
        params: { description: task.description.slice(0, 80), date: task.dueDate },
        link: `/p/risk/incidents/${incident.id}`,
        email: 'rectification',
      });
    } else if (task.assigneeId && task.assigneeId !== userId) {
      await notify(tx, {
        userIds: [task.assigneeId],
        template: 'notify.risk_task_assigned',
        params: { description: task.description.slice(0, 80), date: task.dueDate },
        link: `/s/risk/incidents/${incident.id}`,
      });
    }
    return task;
  });
}

/**
 * A task and its incident, locked. A partner reaches only its own partner-assigned tasks; an
 * internal task or another partner's is "not found", never "forbidden".
 */
async function lockTask(tx: Database, actor: Actor, taskId: string) {
  if (!isUuid(taskId)) throw notFound('Remediation task');
  const [row] = await tx
    .select({ task: riskIncidentTasks, incident: riskIncidents })
    .from(riskIncidentTasks)
    .innerJoin(riskIncidents, eq(riskIncidents.id, riskIncidentTasks.incidentId))
    .where(eq(riskIncidentTasks.id, taskId))
    .for('update', { of: riskIncidentTasks });
  if (!row) throw notFound('Remediation task');
  if (actor.type === 'partner' || actor.type === 'api_key') {
    if (row.task.partnerId !== actor.partnerId || row.task.assignee !== 'partner') {
      throw notFound('Remediation task');
    }
  }
  return row;
}

/** The partner administrator answering its own task. */
function answeringPartner(actor: Actor): string {
  assertCan(actor, 'respond:risk-incidents:own');
  if (actor.type === 'partner') return actor.partnerId;
  throw new AppError('forbidden', 'Only the partner answers its own remediation tasks.', {
    messageKey: 'errors.forbidden',
  });
}

/**
 * The partner attaches an evidence file to an open task of its own. Same rules as other uploads:
 * type sniffed from the content, size limit, bytes stored content-addressed.
 */
export async function uploadTaskEvidence(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  raw: { taskId: string; fileName: string; bytes: Uint8Array },
  limits: { maxBytes?: number } = {},
  now = new Date(),
) {
  const partnerId = answeringPartner(actor);
  await assertPartnerActive(db, actor);
  return uploadEvidence(db, storage, {
    idField: 'taskId',
    raw,
    maxBytes: limits.maxBytes,
    before: async (taskId) => {
      const { task } = await lockTask(db, actor, taskId);
      if (task.status !== 'open') throw stateError(task.status);
      return taskId;
    },
    save: async (tx, file, taskId) => {
      const { task, incident } = await lockTask(tx, actor, taskId);
      if (task.status !== 'open') throw stateError(task.status);
      const [saved] = await tx
        .insert(riskIncidentEvidence)
        .values({
          taskId: task.id,
          partnerId,
          ...file,
          uploadedBy: actor.type === 'partner' ? actor.userId : null,
        })
        .returning();
      const { fileName, sha256, sizeBytes } = file;
      await recordIncidentEvent(tx, actor, incident, 'evidence_uploaded', now, {
        taskId: task.id,
        evidenceId: saved!.id,
        fileName,
        sha256,
        sizeBytes,
      });
      return withoutStorageKey(saved!);
    },
  });
}

const noteField = z.string().trim().max(4000).default('');

/**
 * Marks a task done for staff to verify. A partner task is submitted by the partner with at least
 * one evidence file; an internal task by staff, with a note of what was done.
 */
export async function submitRemediationTask(
  db: Database,
  actor: Actor,
  raw: { taskId: string; note?: string },
  now = new Date(),
) {
  const input = parse(z.strictObject({ taskId: z.string(), note: noteField }), raw);
  const partnerSide = actor.type === 'partner' || actor.type === 'api_key';
  if (partnerSide) {
    answeringPartner(actor);
    await assertPartnerActive(db, actor);
  } else staffOnly(actor);
  return db.transaction(async (tx) => {
    const { task, incident } = await lockTask(tx, actor, input.taskId);
    if (!partnerSide && task.assignee !== 'internal') {
      throw new AppError('conflict', 'The partner submits its own tasks with evidence.', {
        messageKey: 'risk.task.error.partnerTask',
      });
    }
    if (task.status !== 'open') throw stateError(task.status);
    if (partnerSide) {
      const [evidence] = await tx
        .select({ id: riskIncidentEvidence.id })
        .from(riskIncidentEvidence)
        .where(eq(riskIncidentEvidence.taskId, task.id))
        .limit(1);
      if (!evidence) {
        throw new AppError('validation_failed', 'Upload at least one evidence file before submitting.', {
          messageKey: 'risk.task.error.evidenceRequired',
          details: {
            fields: [
              { path: 'evidence', code: 'file_required', message: 'Upload at least one evidence file.' },
            ],
          },
        });
      }
    } else if (!input.note) {
      throw new AppError('validation_failed', 'Write what was done.', {
        details: { fields: [{ path: 'note', code: 'too_small', message: 'Write what was done.' }] },
      });
    }
    const by = 'userId' in actor ? actor.userId : null;
    const [updated] = (await tx
      .update(riskIncidentTasks)
      .set({
        status: 'submitted',
        submittedAt: now,
        submittedBy: by,
        submissionNote: input.note || null,
        updatedAt: now,
      })
      .where(eq(riskIncidentTasks.id, task.id))
      .returning()) as [RiskIncidentTask];
    await recordIncidentEvent(tx, actor, incident, 'task_submitted', now, {
      taskId: task.id,
      description: task.description,
      note: input.note || null,
    });
    if (partnerSide) {
      await notify(tx, {
        userIds: [incident.responsibleId],
        template: 'notify.risk_task_submitted',
        params: { description: task.description.slice(0, 80), title: incident.title.slice(0, 120) },
        link: `/s/risk/incidents/${incident.id}`,
      });
    }
    return updated;
  });
}

/** Staff verify a submitted task: done for good. */
export async function verifyRemediationTask(db: Database, actor: Actor, taskId: string, now = new Date()) {
  const userId = staffOnly(actor);
  return db.transaction(async (tx) => {
    const { task, incident } = await lockTask(tx, actor, taskId);
    if (task.status !== 'submitted') throw stateError(task.status);
    const [updated] = (await tx
      .update(riskIncidentTasks)
      .set({ status: 'verified', verifiedAt: now, verifiedBy: userId, rejectionReason: null, updatedAt: now })
      .where(eq(riskIncidentTasks.id, task.id))
      .returning()) as [RiskIncidentTask];
    await recordIncidentEvent(tx, actor, incident, 'task_verified', now, {
      taskId: task.id,
      description: task.description,
    });
    if (task.assignee === 'partner') {
      await notify(tx, {
        userIds: await partnerUserIds(tx, task.partnerId),
        template: 'notify.risk_task_verified',
        params: { description: task.description.slice(0, 80) },
        link: `/p/risk/incidents/${incident.id}`,
        email: 'rectification',
      });
    }
    return updated;
  });
}

export const rejectTaskInput = z.strictObject({
  taskId: z.string(),
  reason: z
    .string({ message: 'Say why the evidence is not enough.' })
    .trim()
    .min(1, 'Say why the evidence is not enough.')
    .max(2000),
});

/** Staff send a submitted task back (open again) with a reason the assignee sees. */
export async function rejectRemediationTask(
  db: Database,
  actor: Actor,
  raw: z.input<typeof rejectTaskInput>,
  now = new Date(),
) {
  staffOnly(actor);
  const input = parse(rejectTaskInput, raw);
  return db.transaction(async (tx) => {
    const { task, incident } = await lockTask(tx, actor, input.taskId);
    if (task.status !== 'submitted') throw stateError(task.status);
    const [updated] = (await tx
      .update(riskIncidentTasks)
      .set({ status: 'open', rejectionReason: input.reason, updatedAt: now })
      .where(eq(riskIncidentTasks.id, task.id))
      .returning()) as [RiskIncidentTask];
    await recordIncidentEvent(tx, actor, incident, 'task_rejected', now, {
      taskId: task.id,
      description: task.description,
      reason: input.reason,
    });
    if (task.assignee === 'partner') {
      await notify(tx, {
        userIds: await partnerUserIds(tx, task.partnerId),
        template: 'notify.risk_task_rejected',
        params: { description: task.description.slice(0, 80), reason: input.reason.slice(0, 200) },
        link: `/p/risk/incidents/${incident.id}`,
        email: 'rectification',
      });
    }
    return updated;
  });
}

/** The bytes of an evidence file: staff, or the partner that uploaded it. Anyone else: "not found". */
export async function readTaskEvidence(db: Database, actor: Actor, storage: FileStorage, evidenceId: string) {
  if (!isUuid(evidenceId)) throw notFound('Evidence');
  const own = evidenceReader(actor, 'read:risk', 'read:risk-incidents:own');
  const [row] = await db
    .select({ evidence: riskIncidentEvidence, assignee: riskIncidentTasks.assignee })
    .from(riskIncidentEvidence)
    .innerJoin(riskIncidentTasks, eq(riskIncidentTasks.id, riskIncidentEvidence.taskId))
    .where(
      own === undefined
        ? eq(riskIncidentEvidence.id, evidenceId)
        : and(eq(riskIncidentEvidence.id, evidenceId), eq(riskIncidentEvidence.partnerId, own)),
    );
  if (!row || (own !== undefined && row.assignee !== 'partner')) throw notFound('Evidence');
  return evidenceDownload(storage, row.evidence);
}
