import {
  type Database,
  type RiskRule,
  riskAlertComments,
  riskAlertEvidence,
  riskAlerts,
  riskAlertStatuses,
} from '@outpost/db';
import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { pageNumber } from '../fields.ts';
import { assertPartnerActive } from '../partner-status.ts';
import { assertCan, can } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { evidenceDownload, uploadEvidence, withoutStorageKey } from '../uploads/evidence-upload.ts';
import { isUuid, parse } from '../validation.ts';
import { namesOf, sharedAlertFor } from './sharing.ts';
import { recordAlertEvent } from './timeline.ts';

export const SHARED_ALERTS_PAGE_SIZE = 20;

const partnerListInput = z.object({
  status: z.enum([...riskAlertStatuses, 'live', 'all']).default('all'),
  page: pageNumber().default(1),
});
export type SharedAlertListInput = z.input<typeof partnerListInput>;

/**
 * What the partner may read of an alert's evidence: its own numbers (the KPI and its value, the
 * document and its expiry), never the rule's thresholds or links into the staff console.
 */
const partnerFields: Record<string, string[]> = {
  kpi_threshold: ['kpiKey', 'kpiNameZh', 'kpiNameEn', 'unit', 'value', 'sampleSize', 'from', 'to'],
  kpi_sudden_change: ['kpiKey', 'kpiNameZh', 'kpiNameEn', 'unit', 'value', 'sampleSize', 'mean', 'weeks'],
  document_expiry: ['requirementNameZh', 'requirementNameEn', 'expiryDate', 'daysLeft'],
  blacklist_hit: ['listedName'],
  training_compliance: ['percent', 'meeting', 'people'],
  // Decision record 041: the partner's own contract and share, never the other partners (`top`).
  contract_lapsing: ['state', 'reference', 'serviceCategory', 'endDate', 'daysLeft'],
  concentration: ['serviceCategory', 'percent', 'partnerVolume', 'categoryVolume', 'from', 'to'],
  contract_breach: ['reference', 'period', 'missed', 'measured', 'deviation'],
};

export function partnerVisibleEvidence(kind: string, evidence: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const key of partnerFields[kind] ?? []) if (key in evidence) out[key] = evidence[key];
  return out;
}

const ruleKind = sql<RiskRule['kind']>`${riskAlerts.ruleSnapshot}->>'kind'`;

/**
 * The partner's shared alerts, newest first; filtered by status. Only alerts of the actor's own
 * partner that staff shared: the scope is in the query, so nothing else can appear.
 */
export async function listSharedRiskAlerts(db: Database, actor: Actor, raw: SharedAlertListInput = {}) {
  assertCan(actor, 'read:risk-alerts:own');
  if (actor.type !== 'partner')
    throw new AppError('forbidden', 'Partners only.', { messageKey: 'errors.forbidden' });
  const input = parse(partnerListInput, raw);
  const where: SQL[] = [eq(riskAlerts.partnerId, actor.partnerId), isNotNull(riskAlerts.sharedAt)];
  if (input.status === 'live') where.push(inArray(riskAlerts.status, ['open', 'acknowledged']));
  else if (input.status !== 'all') where.push(eq(riskAlerts.status, input.status));
  const rows = await db
    .select({
      id: riskAlerts.id,
      kind: ruleKind,
      level: riskAlerts.level,
      status: riskAlerts.status,
      raisedAt: riskAlerts.raisedAt,
      responseDeadline: riskAlerts.responseDeadline,
      sharedAt: riskAlerts.sharedAt,
      evidence: riskAlerts.evidence,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(riskAlerts)
    .where(and(...where))
    .orderBy(desc(riskAlerts.sharedAt), asc(riskAlerts.id))
    .limit(SHARED_ALERTS_PAGE_SIZE)
    .offset((input.page - 1) * SHARED_ALERTS_PAGE_SIZE);
  return {
    page: input.page,
    pageSize: SHARED_ALERTS_PAGE_SIZE,
    total: rows[0]?.total ?? 0,
    alerts: rows.map(({ total: _t, evidence, ...r }) => ({
      ...r,
      sharedAt: r.sharedAt!,
      trigger: partnerVisibleEvidence(r.kind, evidence),
    })),
  };
}

/** A comment or file on the thread, as the reader may see it. */
async function thread(db: Database, alertId: string, withInternal: boolean) {
  const comments = await db
    .select()
    .from(riskAlertComments)
    .where(
      withInternal
        ? eq(riskAlertComments.alertId, alertId)
        : and(eq(riskAlertComments.alertId, alertId), eq(riskAlertComments.visibility, 'partner')),
    )
    .orderBy(asc(riskAlertComments.createdAt), asc(riskAlertComments.id));
  const files = await db
    .select({
      id: riskAlertEvidence.id,
      fileName: riskAlertEvidence.fileName,
      contentType: riskAlertEvidence.contentType,
      sizeBytes: riskAlertEvidence.sizeBytes,
      uploadedBy: riskAlertEvidence.uploadedBy,
      uploadedAt: riskAlertEvidence.uploadedAt,
    })
    .from(riskAlertEvidence)
    .where(eq(riskAlertEvidence.alertId, alertId))
    .orderBy(asc(riskAlertEvidence.uploadedAt), asc(riskAlertEvidence.id));
  const names = await namesOf(db, [
    ...comments.map((c) => c.authorId),
    ...files.flatMap((f) => (f.uploadedBy ? [f.uploadedBy] : [])),
  ]);
  return {
    comments: comments.map((c) => ({
      id: c.id,
      visibility: c.visibility,
      from: c.authorKind,
      authorName: names.get(c.authorId) ?? '',
      body: c.body,
      at: c.createdAt,
    })),
    files: files.map((f) => ({ ...f, uploadedByName: f.uploadedBy ? (names.get(f.uploadedBy) ?? '') : '' })),
  };
}

/**
 * One shared alert for its partner: what triggered it (its own numbers), level, deadline, status
 * and the partner-visible thread. Internal notes are filtered out by the query, not the page.
 */
export async function getSharedRiskAlert(db: Database, actor: Actor, alertId: string, now = new Date()) {
  assertCan(actor, 'read:risk-alerts:own');
  const alert = await sharedAlertFor(db, actor, alertId);
  const kind = String((alert.ruleSnapshot as { kind?: string }).kind ?? '') as RiskRule['kind'];
  return {
    alert: {
      id: alert.id,
      kind,
      level: alert.level,
      status: alert.status,
      raisedAt: alert.raisedAt,
      responseDeadline: alert.responseDeadline,
      sharedAt: alert.sharedAt!,
      overdue: alert.status === 'open' && alert.responseDeadline < now,
      trigger: partnerVisibleEvidence(kind, alert.evidence),
    },
    canRespond: can(actor, 'respond:risk-alerts:own'),
    ...(await thread(db, alert.id, false)),
  };
}

/** The whole thread for staff: internal notes (marked), messages both ways and the partner's files. */
export async function riskAlertThread(db: Database, actor: Actor, alertId: string) {
  assertCan(actor, 'read:risk');
  if (actor.type !== 'staff' && actor.type !== 'system') throw notFound('Alert');
  if (!isUuid(alertId)) throw notFound('Alert');
  const [alert] = await db
    .select({ id: riskAlerts.id, sharedAt: riskAlerts.sharedAt, sharedBy: riskAlerts.sharedBy })
    .from(riskAlerts)
    .where(eq(riskAlerts.id, alertId));
  if (!alert) throw notFound('Alert');
  const t = await thread(db, alert.id, true);
  const sharedByName = alert.sharedBy
    ? ((await namesOf(db, [alert.sharedBy])).get(alert.sharedBy) ?? '')
    : null;
  return { sharedAt: alert.sharedAt, sharedByName, ...t };
}

/**
 * The partner attaches an evidence file to a shared alert of its own. Same checks as every upload
 * (type from the content, size limit, content-addressed storage); the same file twice on one
 * alert is stored once and the first upload is returned.
 */
export async function uploadRiskAlertEvidence(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  raw: { alertId: string; fileName: string; bytes: Uint8Array },
  limits: { maxBytes?: number } = {},
  now = new Date(),
) {
  assertCan(actor, 'respond:risk-alerts:own');
  const userId = actor.type === 'partner' ? actor.userId : null;
  return uploadEvidence(db, storage, {
    idField: 'alertId',
    raw,
    maxBytes: limits.maxBytes,
    before: async (alertId) => {
      const alert = await sharedAlertFor(db, actor, alertId);
      await assertPartnerActive(db, actor);
      return alert;
    },
    save: async (tx, file, alert) => {
      const [saved] = await tx
        .insert(riskAlertEvidence)
        .values({
          alertId: alert.id,
          partnerId: alert.partnerId,
          ...file,
          uploadedBy: userId,
          uploadedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!saved) {
        const [existing] = await tx
          .select()
          .from(riskAlertEvidence)
          .where(and(eq(riskAlertEvidence.alertId, alert.id), eq(riskAlertEvidence.sha256, file.sha256)));
        return { file: withoutStorageKey(existing!), created: false };
      }
      const { fileName, sha256, sizeBytes, contentType } = file;
      await recordAlertEvent(tx, actor, alert, 'evidence_uploaded', now, {
        evidenceId: saved.id,
        fileName,
        sha256,
        sizeBytes,
        contentType,
      });
      return { file: withoutStorageKey(saved), created: true };
    },
  });
}

/** The bytes of an evidence file: for staff, or for its partner while the alert is shared. */
export async function readRiskAlertEvidence(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  evidenceId: string,
) {
  if (!isUuid(evidenceId)) throw notFound('Evidence');
  const staff = actor.type === 'staff' && can(actor, 'read:risk');
  if (!staff) assertCan(actor, 'read:risk-alerts:own');
  const [row] = await db
    .select({ file: riskAlertEvidence, sharedAt: riskAlerts.sharedAt })
    .from(riskAlertEvidence)
    .innerJoin(riskAlerts, eq(riskAlerts.id, riskAlertEvidence.alertId))
    .where(eq(riskAlertEvidence.id, evidenceId));
  if (!row) throw notFound('Evidence');
  if (!staff && (actor.type !== 'partner' || row.file.partnerId !== actor.partnerId || !row.sharedAt)) {
    throw notFound('Evidence');
  }
  return evidenceDownload(storage, row.file);
}
