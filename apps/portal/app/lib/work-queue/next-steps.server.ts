import { type NextStep, partnerNextSteps } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDay, type Locale, translate } from '@outpost/i18n';
import type { PartnerActor } from '../partner/partner-viewer.server';

export interface NextStepView {
  key: string;
  href: string;
  action: string;
  detail: string;
  urgent: boolean;
}

/** The partner home's next steps, worded in the reader's language (core decides what and in which order). */
export async function loadNextSteps(db: Database, actor: PartnerActor, locale: Locale, now = new Date()) {
  const { steps, documents } = await partnerNextSteps(db, actor, now);
  return { steps: steps.map((step) => describe(step, locale)), documents };
}

function describe(step: NextStep, locale: Locale): NextStepView {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  switch (step.kind) {
    case 'document': {
      const name = locale === 'zh-CN' ? step.name.zh : step.name.en;
      const date = formatDay(locale, step.expiryDate) ?? '';
      const key = `document-${step.requirementId}`;
      switch (step.reason) {
        case 'missing':
          return {
            key,
            href: step.href,
            urgent: false,
            action: t('work-queue.next.upload', { name }),
            detail: t('work-queue.next.missing'),
          };
        case 'returned':
          return {
            key,
            href: step.href,
            urgent: true,
            action: t('work-queue.next.uploadAgain', { name }),
            detail: step.rejectionReason
              ? t('work-queue.next.returned', { reason: step.rejectionReason })
              : t('work-queue.next.returnedNoReason'),
          };
        case 'expired':
          return {
            key,
            href: step.href,
            urgent: true,
            action: t('work-queue.next.renew', { name }),
            detail: t('work-queue.next.expired', { date }),
          };
        case 'expiring':
          return {
            key,
            href: step.href,
            urgent: false,
            action: t('work-queue.next.renew', { name }),
            // Past its date but not yet marked expired by the nightly job: say so plainly.
            detail:
              (step.daysLeft ?? 0) < 0
                ? t('work-queue.next.expired', { date })
                : t('work-queue.next.expiring', { days: step.daysLeft ?? 0, date }),
          };
      }
      break;
    }
    case 'submitApplication':
      return step.canSubmit
        ? {
            key: 'submit',
            href: step.href,
            urgent: false,
            action: t('work-queue.next.submit'),
            detail: step.ready ? t('work-queue.next.submitReady') : t('work-queue.next.submitNotReady'),
          }
        : {
            key: 'submit',
            href: step.href,
            urgent: false,
            action: t('work-queue.next.submitByAdmin'),
            detail: t('work-queue.next.submitByAdminHint'),
          };
    case 'applicationInProgress':
      return {
        key: 'application',
        href: step.href,
        urgent: false,
        action: t('work-queue.next.application'),
        detail: t('work-queue.next.applicationStage', { stage: step.stage }),
      };
    case 'respondToReview':
      return step.canRespond
        ? {
            key: `review-${step.reviewId}`,
            href: step.href,
            urgent: false,
            action: t('work-queue.next.respond', { quarter: step.quarter }),
            detail: t('work-queue.next.respondHint'),
          }
        : {
            key: `review-${step.reviewId}`,
            href: step.href,
            urgent: false,
            action: t('work-queue.next.readReview', { quarter: step.quarter }),
            detail: t('work-queue.next.readReviewHint'),
          };
    case 'rectification': {
      const date = formatDay(locale, step.dueDate) ?? step.dueDate;
      const due = step.overdue ? t('work-queue.next.overdue', { date }) : t('work-queue.next.due', { date });
      return {
        key: `item-${step.itemId}`,
        href: step.href,
        urgent: step.overdue,
        action: t('work-queue.next.rectify', { description: step.description }),
        detail: step.reopenReason
          ? `${due} ${t('work-queue.next.reopened', { reason: step.reopenReason })}`
          : due,
      };
    }
    case 'confirmNotices': {
      const date = formatDay(locale, step.confirmBy) ?? step.confirmBy;
      return {
        key: 'notices',
        href: step.href,
        urgent: step.overdue,
        action: t('work-queue.next.confirmNotices', { count: step.count, date }),
        detail: step.overdue
          ? t('work-queue.next.confirmNoticesOverdue', { date })
          : t('work-queue.next.confirmNoticesHint'),
      };
    }
    case 'remediationTask': {
      const date = formatDay(locale, step.dueDate) ?? step.dueDate;
      const due = step.overdue ? t('work-queue.next.overdue', { date }) : t('work-queue.next.due', { date });
      return {
        key: `task-${step.taskId}`,
        href: step.href,
        urgent: step.overdue,
        action: t(step.canAnswer ? 'risk.next.remediate' : 'risk.next.remediateByAdmin', {
          description: step.description,
        }),
        detail: step.rejectionReason
          ? `${due} ${t('risk.incident.task.rejected', { reason: step.rejectionReason })}`
          : due,
      };
    }
  }
  throw new Error('unknown next step');
}
