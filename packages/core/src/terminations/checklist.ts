import { createHash } from 'node:crypto';
import {
  type Database,
  type Partner,
  type TerminationCase,
  type TerminationTask,
  terminationTasks,
} from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertPartnerActive } from '../partner-status.ts';
import type { FileStorage } from '../ports.ts';
import { partnerName } from '../reviews/members.ts';
import { getSetting } from '../settings.ts';
import { uploadEvidence } from '../uploads/evidence-upload.ts';
import { isUuid, parse } from '../validation.ts';
import { assertCan } from '../permissions.ts';
import { assertHandoverPossible, handOverOpenCases } from './handover.ts';
import { assertStaffManager, caseLink, lockCase, partnerAdminOf, READ_ANY } from './shared.ts';

/** The checklist task whose verification moves the open service cases to the successor. */
export const HANDOVER_TASK_KEY = 'handover';

/**
 * The checklist from the template in settings, made when the case is approved: partner tasks
 * for the partner's administrators, internal ones owned by the case's responsible person, each
 * due the template's days before the effective date (never before today). A critical-only task
 * is left out for other partners. Idempotent per (case, key).
 */
export async function generateChecklist(tx: Database, actor: Actor, row: TerminationCase, partner: Partner) {
  const { tasks } = await getSetting(tx, 'termination.checklist');
  const today = todayInChina();
  const wanted = tasks.filter((t) => !t.criticalOnly || partner.criticality === 'critical');
  if (wanted.length === 0) return [];
  const created = await tx
    .insert(terminationTasks)
    .values(
      wanted.map((t) => {
        const due = addDays(row.effectiveDate, -t.daysBefore);
        return {
          caseId: row.id,
          partnerId: row.partnerId,
          key: t.key,
          side: t.side,
          titleZh: t.titleZh,
          titleEn: t.titleEn,
          ownerId: t.side === 'internal' ? row.responsibleId : null,
          dueDate: due < today ? today : due,
          needsCertificate: t.needsCertificate,
        };
      }),
    )
    .onConflictDoNothing()
    .returning();
  await audit(tx, actor, {
    action: 'termination.checklist_generated',
    entityType: 'termination_case',
    entityId: row.id,
    partnerId: row.partnerId,
    data: { tasks: created.map((t) => ({ key: t.key, side: t.side, dueDate: t.dueDate })) },
  });
  return created;
}

async function lockTask(tx: Database, actor: Actor, taskId: string): Promise<TerminationTask> {
  if (!isUuid(taskId)) throw notFound('Task');
  const [task] = await tx
    .select()
    .from(terminationTasks)
    .where(eq(terminationTasks.id, taskId))
    .for('update');
  if (!task) throw notFound('Task');
  if (actor.type === 'partner' && actor.partnerId !== task.partnerId) throw notFound('Task');
  return task;
}

const stateError = (status: string) =>
  new AppError('conflict', `This task is ${status}.`, {
    messageKey: 'terminations.error.taskState',
    details: { status },
  });

function partnerTaskOnly(task: TerminationTask) {
  if (task.side !== 'partner') {
    throw new AppError('forbidden', 'This is an internal task of the insurer.', {
      messageKey: 'errors.forbidden',
    });
  }
}

/**
 * The partner uploads its certificate (data return or destruction) to its own open task: type
 * judged from the content like every upload, bytes stored content-addressed. A new upload
 * replaces the previous one until the task is submitted.
 */
export async function uploadTerminationCertificate(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  raw: { taskId: string; fileName: string; bytes: Uint8Array },
  limits: { maxBytes?: number } = {},
) {
  partnerAdminOf(actor);
  await assertPartnerActive(db, actor);
  return uploadEvidence(db, storage, {
    idField: 'taskId',
    raw,
    maxBytes: limits.maxBytes,
    before: async (taskId) => {
      const task = await lockTask(db, actor, taskId);
      partnerTaskOnly(task);
      if (task.status !== 'open') throw stateError(task.status);
      return taskId;
    },
    save: async (tx, { fileName, contentType, sizeBytes, sha256, storageKey }, taskId) => {
      const task = await lockTask(tx, actor, taskId);
      if (task.status !== 'open') throw stateError(task.status);
      const [updated] = await tx
        .update(terminationTasks)
        .set({
          certificateFileName: fileName,
          certificateContentType: contentType,
          certificateSha256: sha256,
          certificateStorageKey: storageKey,
          updatedAt: new Date(),
        })
        .where(eq(terminationTasks.id, task.id))
        .returning();
      await audit(tx, actor, {
        action: 'termination.certificate_uploaded',
        entityType: 'termination_task',
        entityId: task.id,
        partnerId: task.partnerId,
        data: { caseId: task.caseId, fileName, sha256, sizeBytes },
      });
      return updated!;
    },
  });
}

/** The partner's administrator submits its task for staff to verify (with the certificate when one is needed). */
export async function submitTerminationTask(
  db: Database,
  actor: Actor,
  raw: { taskId: string; note?: string },
  now = new Date(),
) {
  partnerAdminOf(actor);
  await assertPartnerActive(db, actor);
  const input = parse(
    z.strictObject({ taskId: z.string(), note: z.string().trim().max(4000).default('') }),
    raw,
  );
  return db.transaction(async (tx) => {
    const task = await lockTask(tx, actor, input.taskId);
    partnerTaskOnly(task);
    if (task.status !== 'open') throw stateError(task.status);
    if (task.needsCertificate && !task.certificateStorageKey) {
      throw new AppError('validation_failed', 'Upload the certificate before submitting.', {
        messageKey: 'terminations.error.certificateRequired',
        details: {
          fields: [{ path: 'certificate', code: 'file_required', message: 'Upload the certificate.' }],
        },
      });
    }
    const [updated] = await tx
      .update(terminationTasks)
      .set({
        status: 'submitted',
        note: input.note || null,
        submittedAt: now,
        submittedBy: actor.type === 'partner' ? actor.userId : null,
        updatedAt: now,
      })
      .where(eq(terminationTasks.id, task.id))
      .returning();
    await audit(tx, actor, {
      action: 'termination.task_submitted',
      entityType: 'termination_task',
      entityId: task.id,
      partnerId: task.partnerId,
      data: { caseId: task.caseId, key: task.key, note: input.note || null },
    });
    const [c] = await tx.query.terminationCases.findMany({ where: (t, { eq }) => eq(t.id, task.caseId) });
    await notify(tx, {
      userIds: c?.responsibleId ? [c.responsibleId] : [],
      template: 'notify.termination_task_submitted',
      params: { name: await partnerName(tx, task.partnerId), title: task.titleEn },
      link: caseLink(task.caseId),
    });
    return updated!;
  });
}

/**
 * Staff close a task: verify what the partner submitted, or mark an internal task done with a
 * note of what was done. A partner task still open cannot be ticked off by staff.
 */
export async function completeTerminationTask(
  db: Database,
  actor: Actor,
  raw: { taskId: string; note?: string },
  now = new Date(),
) {
  const staffId = assertStaffManager(actor);
  const input = parse(
    z.strictObject({ taskId: z.string(), note: z.string().trim().max(4000).default('') }),
    raw,
  );
  return db.transaction(async (tx) => {
    const task = await lockTask(tx, actor, input.taskId);
    if (task.status === 'done') throw stateError(task.status);
    if (task.side === 'partner' && task.status !== 'submitted') {
      throw new AppError('conflict', 'The partner submits its own task first.', {
        messageKey: 'terminations.error.partnerTask',
      });
    }
    // Verifying the hand-over is when the open service cases move (decision record 049, part 2):
    // the case row is locked, so two clicks at once serialise and the second moves nothing.
    let handedOver: { moved: number; alreadyMoved: number } | null = null;
    if (task.key === HANDOVER_TASK_KEY) {
      const row = await lockCase(tx, actor, task.caseId);
      await assertHandoverPossible(tx, row);
      handedOver = await handOverOpenCases(tx, actor, row);
    }
    const [updated] = await tx
      .update(terminationTasks)
      .set({
        status: 'done',
        doneAt: now,
        doneBy: staffId,
        note: task.side === 'internal' ? input.note || task.note : task.note,
        updatedAt: now,
      })
      .where(and(eq(terminationTasks.id, task.id)))
      .returning();
    await audit(tx, actor, {
      action: task.side === 'partner' ? 'termination.task_verified' : 'termination.task_done',
      entityType: 'termination_task',
      entityId: task.id,
      partnerId: task.partnerId,
      data: { caseId: task.caseId, key: task.key, note: input.note || null, handedOver },
    });
    return updated!;
  });
}

/**
 * A task's certificate for staff and auditors to verify: read from storage and checked against
 * the SHA-256 recorded at upload, so a changed file is never handed out as the partner's.
 */
export async function readTerminationCertificate(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  input: { caseId: string; taskId: string },
) {
  assertCan(actor, READ_ANY);
  if (!isUuid(input.caseId) || !isUuid(input.taskId)) throw notFound('Certificate');
  const [task] = await db
    .select()
    .from(terminationTasks)
    .where(and(eq(terminationTasks.id, input.taskId), eq(terminationTasks.caseId, input.caseId)));
  if (!task?.certificateStorageKey || !task.certificateContentType) throw notFound('Certificate');
  const bytes = await storage.get(task.certificateStorageKey);
  if (createHash('sha256').update(bytes).digest('hex') !== task.certificateSha256) {
    throw new AppError('integrity_failed', 'The stored certificate no longer matches its recorded digest.');
  }
  return {
    bytes,
    fileName: task.certificateFileName ?? 'certificate',
    contentType: task.certificateContentType,
  };
}
