import {
  applications,
  type Database,
  documents,
  partners,
  quarterlyReviews,
  rectificationItems,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { requirementsFor } from '../admission/requirements.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan, can } from '../permissions.ts';
import { myNoticesToConfirm } from '../training/notices/reader.ts';
import { partnerRemediationTasks } from '../risk/incidents/read.ts';
import { type DocumentCounts, documentChecklist } from './document-checklist.ts';

export type DocumentStepReason = 'missing' | 'returned' | 'expired' | 'expiring';

/** One thing the partner should do next, with the page (and place on it) where they do it. */
export interface DocumentStep {
  kind: 'document';
  reason: DocumentStepReason;
  requirementId: string;
  name: { zh: string; en: string };
  expiryDate: string | null;
  daysLeft: number | null;
  rejectionReason: string | null;
  href: string;
}

export type NextStep =
  | DocumentStep
  | { kind: 'submitApplication'; ready: boolean; canSubmit: boolean; href: string }
  | { kind: 'applicationInProgress'; stage: string; href: string }
  | { kind: 'respondToReview'; reviewId: string; quarter: string; canRespond: boolean; href: string }
  | {
      kind: 'rectification';
      itemId: string;
      reviewId: string;
      description: string;
      dueDate: string;
      overdue: boolean;
      reopenReason: string | null;
      href: string;
    }
  | {
      kind: 'confirmNotices';
      /** Notices the signed-in person has still to confirm, the earliest confirm-by date among them. */
      count: number;
      confirmBy: string;
      overdue: boolean;
      href: string;
    }
  | {
      /** A remediation task of a risk incident, assigned to the partner (decision record 035). */
      kind: 'remediationTask';
      taskId: string;
      incidentId: string;
      description: string;
      dueDate: string;
      overdue: boolean;
      rejectionReason: string | null;
      canAnswer: boolean;
      href: string;
    };

export interface PartnerNextSteps {
  steps: NextStep[];
  documents: DocumentCounts;
}

const documentOrder: DocumentStepReason[] = ['missing', 'returned', 'expired', 'expiring'];

/**
 * What the partner's people should do next, in order: documents to upload (missing, returned,
 * expired, expiring soon), the application to submit or where it stands, finalised reviews
 * to acknowledge or appeal, open rectification items by due date, and the policy notices the
 * signed-in person has still to confirm. Everything is read for the actor's own organisation only.
 */
export async function partnerNextSteps(
  db: Database,
  actor: Actor,
  now = new Date(),
): Promise<PartnerNextSteps> {
  assertCan(actor, 'read:document:own');
  if (actor.type !== 'partner') {
    throw new AppError('forbidden', 'Next steps are for a partner’s people.', {
      messageKey: 'errors.forbidden',
    });
  }
  const partnerId = actor.partnerId;
  const today = todayInChina(now);
  const [partner] = await db
    .select({ status: partners.status, serviceCategories: partners.serviceCategories })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!partner) throw notFound('Partner');

  const [requirements, docs, [openApplication], reviews, items, notices] = await Promise.all([
    requirementsFor(db, partner.serviceCategories),
    db
      .select({
        requirementId: documents.requirementId,
        status: documents.status,
        expiryDate: documents.expiryDate,
        rejectionReason: documents.rejectionReason,
      })
      .from(documents)
      .where(eq(documents.partnerId, partnerId)),
    db
      .select({ id: applications.id, stage: applications.stage })
      .from(applications)
      .where(and(eq(applications.partnerId, partnerId), eq(applications.status, 'in_progress'))),
    can(actor, 'read:review:own')
      ? db
          .select({ id: quarterlyReviews.id, quarter: quarterlyReviews.quarter })
          .from(quarterlyReviews)
          .where(and(eq(quarterlyReviews.partnerId, partnerId), eq(quarterlyReviews.status, 'finalised')))
          .orderBy(asc(quarterlyReviews.quarter))
      : [],
    can(actor, 'read:review:own')
      ? db
          .select({
            id: rectificationItems.id,
            reviewId: rectificationItems.reviewId,
            description: rectificationItems.description,
            dueDate: rectificationItems.dueDate,
            reopenReason: rectificationItems.reopenReason,
          })
          .from(rectificationItems)
          .innerJoin(quarterlyReviews, eq(quarterlyReviews.id, rectificationItems.reviewId))
          .where(
            and(
              eq(rectificationItems.partnerId, partnerId),
              eq(rectificationItems.status, 'open'),
              ne(quarterlyReviews.status, 'draft'),
            ),
          )
          .orderBy(asc(rectificationItems.dueDate), asc(rectificationItems.position))
      : [],
    myNoticesToConfirm(db, actor, today),
  ]);

  const checklist = documentChecklist(requirements, docs, today);
  const documentSteps = checklist.rows.flatMap((row): DocumentStep[] => {
    const reason: DocumentStepReason | null =
      row.state === 'missing'
        ? row.requirement.mandatory
          ? 'missing'
          : null
        : row.state === 'rejected'
          ? 'returned'
          : row.state === 'expired'
            ? 'expired'
            : row.expiringSoon
              ? 'expiring'
              : null;
    if (!reason) return [];
    const step: DocumentStep = {
      kind: 'document',
      reason,
      requirementId: row.requirement.id,
      name: { zh: row.requirement.nameZh, en: row.requirement.nameEn },
      expiryDate: row.document?.expiryDate ?? null,
      daysLeft: row.daysLeft,
      rejectionReason: row.state === 'rejected' ? (row.document?.rejectionReason ?? null) : null,
      // The documents page gives each requirement's card this heading id.
      href: `/p/documents#doc-${row.requirement.id}`,
    };
    return [step];
  });
  documentSteps.sort((a, b) => documentOrder.indexOf(a.reason) - documentOrder.indexOf(b.reason));

  const steps: NextStep[] = [...documentSteps];
  if (openApplication) {
    steps.push({ kind: 'applicationInProgress', stage: openApplication.stage, href: '/p/application' });
  } else if (partner.status === 'invited' || partner.status === 'applying') {
    // As submitApplication checks: every mandatory requirement has a live (submitted or accepted) document.
    const ready = checklist.rows.every(
      (row) => !row.requirement.mandatory || row.state === 'submitted' || row.state === 'accepted',
    );
    steps.push({
      kind: 'submitApplication',
      ready,
      canSubmit: can(actor, 'submit:application:own'),
      href: '/p/application',
    });
  }
  const canRespond = can(actor, 'respond:review:own');
  for (const review of reviews) {
    steps.push({
      kind: 'respondToReview',
      reviewId: review.id,
      quarter: review.quarter,
      canRespond,
      href: `/p/reviews/${review.id}`,
    });
  }
  for (const item of items) {
    steps.push({
      kind: 'rectification',
      itemId: item.id,
      reviewId: item.reviewId,
      description: item.description,
      dueDate: item.dueDate,
      overdue: item.dueDate < today,
      reopenReason: item.reopenReason,
      href: `/p/reviews/${item.reviewId}#item-${item.id}`,
    });
  }
  if (notices) {
    steps.push({
      kind: 'confirmNotices',
      count: notices.count,
      confirmBy: notices.confirmBy,
      overdue: notices.overdue,
      href: '/p/training/notices',
    });
  }
  if (can(actor, 'read:risk-incidents:own')) {
    const canAnswer = can(actor, 'respond:risk-incidents:own');
    for (const task of await partnerRemediationTasks(db, actor, now)) {
      if (task.status !== 'open') continue;
      steps.push({
        kind: 'remediationTask',
        taskId: task.id,
        incidentId: task.incidentId,
        description: task.description,
        dueDate: task.dueDate,
        overdue: task.overdue,
        rejectionReason: task.rejectionReason,
        canAnswer,
        href: `/p/risk/incidents/${task.incidentId}#task-${task.id}`,
      });
    }
  }
  return { steps, documents: checklist.counts };
}
