import {
  acknowledgeReview,
  appealReview,
  draftQuarterlyReviews,
  finaliseReview,
  previousQuarter,
  submitRectificationItem,
  uploadRectificationEvidence,
  verifyRectificationItem,
  type CompleteReviewInput,
} from '@outpost/core';
import { quarterlyReviews, rectificationItems } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import type { Joined } from './admissions.ts';
import { type SeedContext, staffActor } from './context.ts';
import { reportPdf } from './files.ts';
import type { ActivePartner } from './partners.ts';

const quarterBefore = (quarter: string) => {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
};

type Decision = NonNullable<CompleteReviewInput['decision']>;

interface Plan {
  decision: Decision;
  comments: string;
  items?: { description: string; dueDate: string }[];
  /** What the partner does afterwards. */
  answer: 'acknowledge' | 'appeal' | 'nothing';
  /** For a rectification: evidence uploaded and submitted; verified by the risk officer too. */
  evidence?: 'submitted' | 'verified';
}

const byGrade = (grade: string | null): Plan =>
  grade === 'A'
    ? { decision: 'bonus', comments: '本季度各项指标表现优秀，给予奖励。', answer: 'acknowledge' }
    : grade === 'D' || grade === 'E'
      ? { decision: 'warning', comments: '本季度部分指标低于预警阈值，请关注改进。', answer: 'acknowledge' }
      : { decision: 'no_change', comments: '本季度整体表现符合要求，维持现有合作。', answer: 'acknowledge' };

/**
 * Quarterly reviews as the risk officers run them: the quarter before last is drafted,
 * finalised and answered (one rectification verified); last quarter's is finalised with one
 * appeal open, one rectification awaiting verification and one review the partner has not yet
 * acknowledged (华安: its home shows the step); the previous quarter stays in draft to finalise.
 */
export async function seedReviews(
  context: SeedContext,
  partners: { partner: ActivePartner; joined: Joined }[],
): Promise<void> {
  const { db } = context;
  const risk = staffActor(context, 'risk@outpost.test');
  const latest = previousQuarter(context.now);
  const last = quarterBefore(latest);
  const earlier = quarterBefore(last);
  const due = (days: number) => addDays(context.today, days);

  const scripted: Record<string, Record<string, Partial<Plan>>> = {
    [earlier]: {
      anshun: {
        decision: 'rectification',
        comments: '理赔时效与客户满意度低于预警阈值，请限期整改。',
        items: [{ description: '建立超时案件每日督办机制，并提交督办记录', dueDate: due(20) }],
        evidence: 'verified',
      },
    },
    [last]: {
      huaan: { answer: 'nothing' },
      mingcheng: {
        decision: 'warning',
        comments: '本季度投诉率上升，给予警告。',
        answer: 'appeal',
      },
      hengtai: {
        decision: 'rectification',
        comments: '合规检查通过率与处理时效持续下降，请限期整改。',
        items: [
          { description: '完成全员销售合规培训并提交签到记录', dueDate: due(30) },
          { description: '对超时未结案件逐件复盘并提交整改报告', dueDate: due(45) },
        ],
        evidence: 'submitted',
        answer: 'nothing',
      },
    },
  };

  for (const quarter of [earlier, last]) {
    await draftQuarterlyReviews(db, quarter, risk, context.now);
    const drafted = await db.select().from(quarterlyReviews).where(eq(quarterlyReviews.quarter, quarter));
    for (const { partner, joined } of partners) {
      const review = drafted.find((r) => r.partnerId === joined.partnerId);
      if (!review) continue;
      const plan = { ...byGrade(review.grade), ...scripted[quarter]?.[partner.key] };
      await finaliseReview(db, risk, {
        reviewId: review.id,
        decision: plan.decision,
        comments: plan.comments,
        items: plan.items,
      });
      if (plan.evidence) await rectify(context, joined, partner.legalName, review.id, plan.evidence);
      if (plan.answer === 'acknowledge') await acknowledgeReview(db, joined.admin, review.id);
      if (plan.answer === 'appeal') {
        await appealReview(db, joined.admin, {
          reviewId: review.id,
          reason: '本季度两起投诉均已核实为客户误解，并已在 48 小时内妥善处理，恳请复核考核决定。',
        });
      }
    }
  }
  // Last quarter's reviews wait, drafted, for the risk officer to finalise.
  await draftQuarterlyReviews(db, latest, risk, context.now);
}

/** The partner uploads evidence for every item and submits it; the risk officer verifies if asked. */
async function rectify(
  context: SeedContext,
  joined: Joined,
  partnerName: string,
  reviewId: string,
  until: 'submitted' | 'verified',
): Promise<void> {
  const { db } = context;
  const items = await db.select().from(rectificationItems).where(eq(rectificationItems.reviewId, reviewId));
  for (const [i, item] of items.entries()) {
    const bytes = await reportPdf({
      title: `整改报告 ${i + 1}`,
      holder: partnerName,
      date: context.today,
      body: `整改事项：${item.description}。已按要求完成整改，相关记录附后。`,
    });
    await uploadRectificationEvidence(db, joined.admin, context.storage, {
      itemId: item.id,
      fileName: `整改报告-${i + 1}.pdf`,
      bytes,
    });
    await submitRectificationItem(db, joined.admin, item.id);
    if (until === 'verified')
      await verifyRectificationItem(db, staffActor(context, 'risk@outpost.test'), item.id);
  }
}
