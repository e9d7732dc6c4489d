import {
  admissionStages,
  applicationEvents,
  applications,
  assessments,
  committeeVotes,
  type Database,
  documents,
  documentVersions,
  inspections,
  partnerMemberships,
  partners,
  pilots,
  serviceCategories,
  users,
} from '@outpost/db';
import { and, arrayOverlaps, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify, REVIEWERS_CHANNEL } from '../notifications.ts';
import { assertCan, can, partnerScope } from '../permissions.ts';
import { assertNotSuspended, assertPartnerActive } from '../partner-status.ts';
import { getSetting } from '../settings.ts';
import { isUuid, parse } from '../validation.ts';
import { actorUserId, assertNotBlacklisted } from './blacklist.ts';
import { queueCommitteeBallots, queueCommitteeRefresh } from './committee-messages.ts';
import { quorumFor, tally, weightedScore } from './committee-rule.ts';
import { requirementsFor } from './requirements.ts';
import { calendarDate, pageNumber, pageSize, score100 } from '../fields.ts';

type Stage = (typeof admissionStages)[number];
type Category = (typeof serviceCategories)[number];

/** Mandatory requirements for these categories that have no live (submitted or accepted) document. */
export async function missingDocuments(db: Database, partnerId: string, categories: readonly Category[]) {
  const required = (await requirementsFor(db, categories)).filter((r) => r.mandatory);
  if (required.length === 0) return [];
  const have = await db
    .select({ requirementId: documents.requirementId, status: documents.status })
    .from(documents)
    .where(and(eq(documents.partnerId, partnerId), inArray(documents.status, ['submitted', 'accepted'])));
  const present = new Set(have.map((d) => d.requirementId));
  return required.filter((r) => !present.has(r.id));
}

/** Adds a timeline entry (internal ones are for staff only). Shared with third-party-report.ts. */
export async function recordEvent(
  tx: Database,
  actor: Actor,
  applicationId: string,
  event: {
    kind: string;
    fromStage?: string | null;
    toStage?: string | null;
    reason?: string | null;
    internal?: boolean;
  },
) {
  await tx.insert(applicationEvents).values({
    applicationId,
    kind: event.kind,
    fromStage: event.fromStage ?? null,
    toStage: event.toStage ?? null,
    reason: event.reason ?? null,
    actorId: actorUserId(actor),
    internal: event.internal ?? false,
  });
}

async function partnerUserIds(tx: Database, partnerId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: partnerMemberships.userId })
    .from(partnerMemberships)
    .where(eq(partnerMemberships.partnerId, partnerId));
  return rows.map((r) => r.userId);
}

export const submitInput = z.object({
  serviceCategories: z.array(z.enum(serviceCategories)).min(1, 'Choose at least one service category.'),
});

/** A partner administrator applies for admission once every required document is uploaded. */
export async function submitApplication(db: Database, actor: Actor, raw: z.input<typeof submitInput>) {
  assertCan(actor, 'submit:application:own');
  if (actor.type !== 'partner')
    throw new AppError('forbidden', 'Only a partner administrator submits an application.');
  const input = parse(submitInput, raw);
  const categories = [...new Set(input.serviceCategories)];
  return db.transaction(async (tx) => {
    const [partner] = await tx.select().from(partners).where(eq(partners.id, actor.partnerId)).for('update');
    await assertPartnerActive(tx, actor);
    await assertNotBlacklisted(tx, actor, partner!.creditCode);
    if (partner!.status === 'suspended' || partner!.status === 'terminated') {
      throw new AppError(
        'conflict',
        'Your organisation cannot apply at the moment. Please contact the insurer.',
      );
    }
    const missing = await missingDocuments(tx, partner!.id, categories);
    if (missing.length > 0) {
      throw new AppError(
        'validation_failed',
        `Upload every required document first; missing: ${missing.map((m) => m.nameEn).join(', ')}.`,
        {
          messageKey: 'errors.documents_missing',
          details: {
            missing: missing.map((m) => ({ id: m.id, key: m.key, nameZh: m.nameZh, nameEn: m.nameEn })),
          },
        },
      );
    }
    const [open] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.partnerId, partner!.id), eq(applications.status, 'in_progress')));
    if (open) {
      throw new AppError('conflict', 'You already have an application in progress.', {
        messageKey: 'errors.application_open',
        details: { applicationId: open.id },
      });
    }
    const [application] = await tx
      .insert(applications)
      .values({ partnerId: partner!.id, serviceCategories: categories, submittedBy: actor.userId })
      .returning();
    if (partner!.status === 'invited') {
      await tx
        .update(partners)
        .set({ status: 'applying', updatedAt: new Date() })
        .where(eq(partners.id, partner!.id));
    }
    await recordEvent(tx, actor, application!.id, { kind: 'submitted', toStage: 'document_review' });
    await audit(tx, actor, {
      action: 'application.submitted',
      entityType: 'application',
      entityId: application!.id,
      partnerId: partner!.id,
      data: { serviceCategories: categories },
    });
    await notify(tx, {
      staffRoles: ['reviewer'],
      template: 'notify.application_submitted',
      params: { name: partner!.legalName },
      link: `/s/applications/${application!.id}`,
      slackChannel: REVIEWERS_CHANNEL,
    });
    return application!;
  });
}

/** Loads an application the actor may see; another partner's id is "not found". Locks it when `forUpdate`. */
export async function loadApplication(db: Database, actor: Actor, applicationId: string, forUpdate = false) {
  if (!isUuid(applicationId)) throw notFound('Application');
  const scope = partnerScope(actor);
  const query = db.select().from(applications).where(eq(applications.id, applicationId));
  const [application] = forUpdate ? await query.for('update') : await query;
  if (!application || (scope !== undefined && scope !== application.partnerId)) throw notFound('Application');
  return application;
}

function assertOpen(application: typeof applications.$inferSelect, stage?: Stage) {
  if (application.status !== 'in_progress') {
    throw new AppError('already_decided', `This application is already ${application.status}.`, {
      messageKey: 'errors.application_closed',
      details: { status: application.status },
    });
  }
  if (stage && application.stage !== stage) {
    throw new AppError(
      'conflict',
      `This can only be done at the ${stage.replace('_', ' ')} stage (the application is at ${application.stage.replace('_', ' ')}).`,
      {
        messageKey: 'errors.wrong_stage',
        details: { expected: stage, actual: application.stage },
      },
    );
  }
}

const nextStage = (stage: Stage): Stage | null => admissionStages[admissionStages.indexOf(stage) + 1] ?? null;

/** Moves an application to the next stage once the current stage's work is done. */
export async function advanceApplication(db: Database, actor: Actor, applicationId: string) {
  assertCan(actor, 'manage:application');
  return db.transaction(async (tx) => {
    const application = await loadApplication(tx, actor, applicationId, true);
    assertOpen(application);
    // A suspended partner's open application is blocked until the suspension is lifted.
    await assertNotSuspended(tx, application.partnerId);
    const to = nextStage(application.stage);
    if (!to)
      throw new AppError('conflict', 'At the committee stage the decision comes from the committee’s votes.');
    await assertStageComplete(tx, application);
    const update: Partial<typeof applications.$inferInsert> = { stage: to, updatedAt: new Date() };
    if (to === 'committee') {
      const rule = await getSetting(tx, 'admission.committee');
      const members = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.kind, 'staff'),
            eq(users.status, 'active'),
            arrayOverlaps(users.staffRoles, ['committee']),
          ),
        );
      if (members.length === 0) {
        throw new AppError(
          'conflict',
          'There are no committee members to vote; ask an administrator to appoint them.',
          {
            messageKey: 'errors.no_committee',
          },
        );
      }
      const ids = members.map((m) => m.id).sort();
      update.committeeRule = {
        members: ids,
        quorum: quorumFor(ids.length, rule.quorumRatio),
        approvalRatio: rule.approvalRatio,
      };
    }
    const [updated] = await tx
      .update(applications)
      .set(update)
      .where(eq(applications.id, application.id))
      .returning();
    await recordEvent(tx, actor, application.id, {
      kind: 'stage_changed',
      fromStage: application.stage,
      toStage: to,
    });
    await audit(tx, actor, {
      action: 'application.stage_changed',
      entityType: 'application',
      entityId: application.id,
      partnerId: application.partnerId,
      data: { from: application.stage, to },
    });
    const [partner] = await tx.select().from(partners).where(eq(partners.id, application.partnerId));
    await notify(tx, {
      userIds: await partnerUserIds(tx, application.partnerId),
      template: 'notify.application_stage',
      params: { stage: to },
      link: '/p/application',
    });
    await notify(tx, {
      staffRoles: ['reviewer'],
      template: 'notify.application_stage_staff',
      actor,
      params: { name: partner!.legalName, stage: to },
      link: `/s/applications/${application.id}`,
      slackChannel: REVIEWERS_CHANNEL,
    });
    if (to === 'committee') await queueCommitteeBallots(tx, updated!, partner!.legalName);
    return updated!;
  });
}

async function assertStageComplete(tx: Database, application: typeof applications.$inferSelect) {
  switch (application.stage) {
    case 'document_review': {
      const required = (await requirementsFor(tx, application.serviceCategories)).filter((r) => r.mandatory);
      const accepted = await tx
        .select({ requirementId: documents.requirementId })
        .from(documents)
        .where(and(eq(documents.partnerId, application.partnerId), eq(documents.status, 'accepted')));
      const ok = new Set(accepted.map((a) => a.requirementId));
      const pending = required.filter((r) => !ok.has(r.id));
      if (pending.length) {
        throw new AppError(
          'conflict',
          `Accept every required document first; not yet accepted: ${pending.map((p) => p.nameEn).join(', ')}.`,
          {
            messageKey: 'errors.documents_not_accepted',
            details: { pending: pending.map((p) => p.key) },
          },
        );
      }
      return;
    }
    case 'onsite_inspection': {
      const [row] = await tx.select().from(inspections).where(eq(inspections.applicationId, application.id));
      if (!row)
        throw new AppError('conflict', 'Record the on-site inspection first.', {
          messageKey: 'errors.inspection_missing',
        });
      return;
    }
    case 'pilot': {
      const [pilot] = await tx.select().from(pilots).where(eq(pilots.applicationId, application.id));
      if (!pilot)
        throw new AppError('conflict', 'Record the pilot cooperation first.', {
          messageKey: 'errors.pilot_missing',
        });
      const [assessment] = await tx
        .select()
        .from(assessments)
        .where(eq(assessments.applicationId, application.id));
      if (!assessment)
        throw new AppError('conflict', 'Record the four-dimension assessment first.', {
          messageKey: 'errors.assessment_missing',
        });
      return;
    }
    default:
      return;
  }
}

const score = score100();

export const inspectionInput = z.object({
  inspectedOn: calendarDate(),
  inspectors: z.array(z.string().trim().min(1).max(100)).min(1, 'Name at least one inspector.'),
  findings: z.string().trim().min(1, 'Describe the findings.').max(10_000),
  score,
});

export async function recordInspection(
  db: Database,
  actor: Actor,
  applicationId: string,
  raw: z.input<typeof inspectionInput>,
) {
  assertCan(actor, 'manage:application');
  const input = parse(inspectionInput, raw);
  return db.transaction(async (tx) => {
    const application = await loadApplication(tx, actor, applicationId, true);
    assertOpen(application, 'onsite_inspection');
    const values = { ...input, applicationId, recordedBy: actorUserId(actor) };
    await tx
      .insert(inspections)
      .values(values)
      .onConflictDoUpdate({ target: inspections.applicationId, set: { ...values, recordedAt: new Date() } });
    await recordEvent(tx, actor, applicationId, { kind: 'inspection_recorded' });
    await audit(tx, actor, {
      action: 'application.inspection_recorded',
      entityType: 'application',
      entityId: applicationId,
      partnerId: application.partnerId,
      data: input,
    });
  });
}

export const pilotInput = z
  .object({
    startsOn: calendarDate(),
    endsOn: calendarDate(),
    outcome: z.string().trim().min(1, 'Describe the outcome.').max(10_000),
    score,
  })
  .refine((p) => p.endsOn >= p.startsOn, {
    message: 'The pilot cannot end before it starts.',
    path: ['endsOn'],
  });

export async function recordPilot(
  db: Database,
  actor: Actor,
  applicationId: string,
  raw: z.input<typeof pilotInput>,
) {
  assertCan(actor, 'manage:application');
  const input = parse(pilotInput, raw);
  return db.transaction(async (tx) => {
    const application = await loadApplication(tx, actor, applicationId, true);
    assertOpen(application, 'pilot');
    const values = { ...input, applicationId, recordedBy: actorUserId(actor) };
    await tx
      .insert(pilots)
      .values(values)
      .onConflictDoUpdate({ target: pilots.applicationId, set: { ...values, recordedAt: new Date() } });
    await recordEvent(tx, actor, applicationId, { kind: 'pilot_recorded' });
    await audit(tx, actor, {
      action: 'application.pilot_recorded',
      entityType: 'application',
      entityId: applicationId,
      partnerId: application.partnerId,
      data: input,
    });
  });
}

export const assessmentInput = z.object({
  financial: score,
  capability: score,
  compliance: score,
  reputation: score,
  thirdPartyAssessor: z.string().trim().max(200).optional(),
  thirdPartyScore: score.optional(),
  thirdPartyReportVersionId: z.uuid().optional(),
});

/** The assessment (and its third-party report) can change while the application is open and not yet at the committee. */
export function assertAssessmentEditable(application: typeof applications.$inferSelect) {
  assertOpen(application);
  if (application.stage === 'committee') {
    throw new AppError('conflict', 'The assessment is frozen once the committee is voting.', {
      messageKey: 'errors.assessment_frozen',
    });
  }
}

/** A report named by version id must be one of this partner's uploaded document versions. */
async function assertPartnerDocumentVersion(tx: Database, partnerId: string, versionId: string) {
  const [found] = await tx
    .select({ id: documentVersions.id })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(eq(documentVersions.id, versionId), eq(documents.partnerId, partnerId)));
  if (found) return;
  const message = 'No document version of this partner has this id; attach the report instead.';
  throw new AppError('validation_failed', `thirdPartyReportVersionId: ${message}`, {
    details: { field: 'thirdPartyReportVersionId', fields: [{ path: 'thirdPartyReportVersionId', message }] },
  });
}

/** The four-dimension assessment; it can be revised until the application reaches the committee. */
export async function recordAssessment(
  db: Database,
  actor: Actor,
  applicationId: string,
  raw: z.input<typeof assessmentInput>,
) {
  assertCan(actor, 'manage:application');
  const input = parse(assessmentInput, raw);
  return db.transaction(async (tx) => {
    const application = await loadApplication(tx, actor, applicationId, true);
    assertAssessmentEditable(application);
    if (input.thirdPartyReportVersionId) {
      await assertPartnerDocumentVersion(tx, application.partnerId, input.thirdPartyReportVersionId);
    }
    const values = { ...input, applicationId, assessedBy: actorUserId(actor) };
    await tx
      .insert(assessments)
      .values(values)
      .onConflictDoUpdate({ target: assessments.applicationId, set: { ...values, assessedAt: new Date() } });
    await recordEvent(tx, actor, applicationId, { kind: 'assessment_recorded', internal: true });
    await audit(tx, actor, {
      action: 'application.assessment_recorded',
      entityType: 'application',
      entityId: applicationId,
      partnerId: application.partnerId,
      data: input,
    });
  });
}

export const returnInput = z.object({
  stage: z.enum(admissionStages),
  reason: z.string().trim().min(3, 'Give the reason for returning the application.').max(2000),
});

/** Staff send an application back to an earlier stage; votes cast so far no longer count. */
export async function returnApplication(
  db: Database,
  actor: Actor,
  applicationId: string,
  raw: z.input<typeof returnInput>,
) {
  assertCan(actor, 'manage:application');
  const input = parse(returnInput, raw);
  return db.transaction(async (tx) => {
    const application = await loadApplication(tx, actor, applicationId, true);
    assertOpen(application);
    if (admissionStages.indexOf(input.stage) >= admissionStages.indexOf(application.stage)) {
      throw new AppError('validation_failed', 'Choose a stage before the current one.', {
        details: { fields: [{ path: 'stage', message: 'Choose a stage before the current one.' }] },
      });
    }
    const discarded = await tx
      .delete(committeeVotes)
      .where(eq(committeeVotes.applicationId, applicationId))
      .returning();
    const [updated] = await tx
      .update(applications)
      .set({ stage: input.stage, committeeRule: null, updatedAt: new Date() })
      .where(eq(applications.id, applicationId))
      .returning();
    await recordEvent(tx, actor, applicationId, {
      kind: 'returned',
      fromStage: application.stage,
      toStage: input.stage,
      reason: input.reason,
    });
    // Ballots already in Slack must stop offering buttons for a vote that no longer exists.
    if (application.stage === 'committee') await queueCommitteeRefresh(tx, applicationId);
    await audit(tx, actor, {
      action: 'application.returned',
      entityType: 'application',
      entityId: applicationId,
      partnerId: application.partnerId,
      data: {
        from: application.stage,
        to: input.stage,
        reason: input.reason,
        discardedVotes: discarded.map((v) => ({ memberId: v.memberId, vote: v.vote })),
      },
    });
    await notify(tx, {
      userIds: await partnerUserIds(tx, application.partnerId),
      template: 'notify.application_returned',
      params: { stage: input.stage, reason: input.reason },
      link: '/p/application',
      email: 'admission',
    });
    return updated!;
  });
}

export async function withdrawApplication(
  db: Database,
  actor: Actor,
  applicationId: string,
  reason?: string,
) {
  assertCan(actor, 'submit:application:own');
  return db.transaction(async (tx) => {
    await assertPartnerActive(tx, actor);
    const application = await loadApplication(tx, actor, applicationId, true);
    assertOpen(application);
    const [updated] = await tx
      .update(applications)
      .set({ status: 'withdrawn', decidedAt: new Date(), updatedAt: new Date() })
      .where(eq(applications.id, applicationId))
      .returning();
    await tx
      .update(partners)
      .set({ status: 'invited', updatedAt: new Date() })
      .where(and(eq(partners.id, application.partnerId), eq(partners.status, 'applying')));
    await recordEvent(tx, actor, applicationId, {
      kind: 'withdrawn',
      fromStage: application.stage,
      reason: reason ?? null,
    });
    if (application.stage === 'committee') await queueCommitteeRefresh(tx, applicationId);
    await audit(tx, actor, {
      action: 'application.withdrawn',
      entityType: 'application',
      entityId: applicationId,
      partnerId: application.partnerId,
      data: { reason: reason ?? null },
    });
    await notify(tx, {
      staffRoles: ['reviewer'],
      template: 'notify.application_withdrawn',
      params: { applicationId },
      link: `/s/applications/${applicationId}`,
      slackChannel: REVIEWERS_CHANNEL,
    });
    return updated!;
  });
}

/**
 * The application with everything the actor may see. Partners get their timeline
 * without internal events, and never the assessment details, votes or tally.
 */
export async function getApplication(db: Database, actor: Actor, applicationId: string) {
  const application = await loadApplication(db, actor, applicationId);
  const staffView = can(actor, 'read:application:any');
  const [partner] = await db.select().from(partners).where(eq(partners.id, application.partnerId));
  const events = await db
    .select()
    .from(applicationEvents)
    .where(
      staffView
        ? eq(applicationEvents.applicationId, applicationId)
        : and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.internal, false)),
    )
    .orderBy(asc(applicationEvents.at));
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id))];
  const names = actorIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, actorIds))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const [inspection] = await db
    .select()
    .from(inspections)
    .where(eq(inspections.applicationId, applicationId));
  const [pilot] = await db.select().from(pilots).where(eq(pilots.applicationId, applicationId));
  const base = {
    application,
    partner: partner!,
    timeline: events.map((e) => ({ ...e, actorName: e.actorId ? (nameOf.get(e.actorId) ?? null) : null })),
    inspection: inspection
      ? staffView
        ? inspection
        : { inspectedOn: inspection.inspectedOn, score: inspection.score }
      : null,
    pilot: pilot
      ? staffView
        ? pilot
        : { startsOn: pilot.startsOn, endsOn: pilot.endsOn, score: pilot.score }
      : null,
  };
  if (!staffView) return { ...base, staff: null };
  const [assessment] = await db
    .select()
    .from(assessments)
    .where(eq(assessments.applicationId, applicationId));
  const weights = await getSetting(db, 'admission.weights');
  const votes = await db
    .select({
      memberId: committeeVotes.memberId,
      vote: committeeVotes.vote,
      reason: committeeVotes.reason,
      via: committeeVotes.via,
      castAt: committeeVotes.castAt,
      name: users.displayName,
    })
    .from(committeeVotes)
    .innerJoin(users, eq(users.id, committeeVotes.memberId))
    .where(eq(committeeVotes.applicationId, applicationId))
    .orderBy(asc(committeeVotes.castAt));
  const rule = application.committeeRule;
  return {
    ...base,
    staff: {
      assessment: assessment ? await withThirdPartyReport(db, assessment) : null,
      weights,
      weightedScore: assessment ? weightedScore(assessment, weights) : null,
      votes,
      tally: rule ? tally(rule, votes) : null,
    },
  };
}

/**
 * The assessment as staff see it: the third-party report's metadata grouped as
 * `thirdPartyReport` (null when none is attached), with the uploader's name. The
 * storage key stays inside core; the file is read through readThirdPartyReport.
 */
async function withThirdPartyReport(db: Database, row: typeof assessments.$inferSelect) {
  const {
    thirdPartyReportFileName: fileName,
    thirdPartyReportContentType: contentType,
    thirdPartyReportSizeBytes: sizeBytes,
    thirdPartyReportSha256: sha256,
    thirdPartyReportStorageKey: storageKey,
    thirdPartyReportUploadedAt: uploadedAt,
    thirdPartyReportUploadedBy: uploadedBy,
    ...assessment
  } = row;
  if (!storageKey || !fileName || !contentType || sizeBytes == null || !sha256 || !uploadedAt) {
    return { ...assessment, thirdPartyReport: null };
  }
  const [uploader] = uploadedBy
    ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, uploadedBy))
    : [];
  return {
    ...assessment,
    thirdPartyReport: {
      fileName,
      contentType,
      sizeBytes,
      sha256,
      uploadedAt,
      uploadedBy,
      uploadedByName: uploader?.name ?? null,
    },
  };
}

export const listApplicationsInput = z.object({
  partnerId: z.uuid().optional(),
  status: z.enum(['in_progress', 'approved', 'rejected', 'withdrawn']).optional(),
  stage: z.enum(admissionStages).optional(),
  page: pageNumber().default(1),
  pageSize: pageSize(100).default(20),
});

export async function listApplications(
  db: Database,
  actor: Actor,
  raw: z.input<typeof listApplicationsInput> = {},
) {
  const input = parse(listApplicationsInput, raw);
  const scope = partnerScope(actor);
  assertCan(actor, scope === undefined ? 'read:application:any' : 'read:application:own');
  const conditions: SQL[] = [];
  if (scope !== undefined) conditions.push(eq(applications.partnerId, scope));
  if (input.partnerId) conditions.push(eq(applications.partnerId, input.partnerId));
  if (input.status) conditions.push(eq(applications.status, input.status));
  if (input.stage) conditions.push(eq(applications.stage, input.stage));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({ application: applications, partnerName: partners.legalName, creditCode: partners.creditCode })
      .from(applications)
      .innerJoin(partners, eq(partners.id, applications.partnerId))
      .where(where)
      .orderBy(desc(applications.submittedAt))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(applications).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}
