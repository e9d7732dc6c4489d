import {
  auditLog,
  type DatabaseConnection,
  notifications,
  outbox,
  partners,
  rectificationItems,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  acknowledgeReview,
  answerAppeal,
  appealReview,
  draftQuarterlyReviews,
  ensureDefaultKpis,
  finaliseReview,
  getReview,
  ingestEvents,
  listReviews,
  previousQuarter,
  readRectificationEvidence,
  reopenRectificationItem,
  RISK_CHANNEL,
  saveReviewDraft,
  submitRectificationItem,
  uploadRectificationEvidence,
  verifyAuditChain,
  verifyRectificationItem,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { fixture, tempStorage } from './admission-support.ts';

let conn: DatabaseConnection;
let risk: Actor;
let riskUserId: string;
let reviewer: Actor;
let a: { id: string; legalName: string };
let b: { id: string; legalName: string };
let userA: { actor: Actor; user: { id: string } };
let userB: { actor: Actor; user: { id: string } };
let memberA: Actor;
const storage = tempStorage();
/** Early October 2026 in China: Q3 has just ended. */
const NOW = new Date('2026-10-02T09:00:00+08:00');
const FUTURE = '2099-12-31';

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
const reviewOf = async (partnerId: string) =>
  (await listReviews(conn.db, risk, { quarter: '2026-Q3', partnerId })).items[0]!;
const riskChannelRows = async (template: string) =>
  (await conn.db.select().from(outbox).where(eq(outbox.target, RISK_CHANNEL))).filter(
    (r) => (r.payload as { template?: string }).template === template,
  );

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  const riskStaff = await makeStaff(conn.db, ['risk_officer']);
  risk = riskStaff.actor;
  riskUserId = riskStaff.user.id;
  reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
  a = await makePartner(conn.db, { legalName: 'Alpha Reviews Ltd' });
  b = await makePartner(conn.db, { legalName: 'Bravo Reviews Ltd' });
  await makePartner(conn.db, { legalName: 'Charlie Applicant', status: 'applying' });
  userA = await makePartnerUser(conn.db, a.id, 'partner_admin');
  userB = await makePartnerUser(conn.db, b.id, 'partner_admin');
  memberA = (await makePartnerUser(conn.db, a.id, 'partner_member')).actor;
  const key = (partnerId: string): Actor => ({ type: 'api_key', keyId: 'k', partnerId, scopes: ['events'] });
  await ingestEvents(
    conn.db,
    key(a.id),
    {
      events: [4, 5, 5].map((rating, i) => ({
        externalId: `a-${i}`,
        type: 'customer_rating' as const,
        occurredAt: '2026-08-10T10:00:00+08:00',
        rating,
      })),
    },
    NOW.getTime(),
  );
  await ingestEvents(
    conn.db,
    key(b.id),
    {
      events: [
        { externalId: 'b-1', type: 'customer_rating', occurredAt: '2026-08-10T10:00:00+08:00', rating: 2 },
      ],
    },
    NOW.getTime(),
  );
});
afterAll(() => conn.close());

describe('drafting', () => {
  it('knows which quarter a new quarter reviews', () => {
    expect(previousQuarter(NOW)).toBe('2026-Q3');
    expect(previousQuarter(new Date('2027-01-01T00:30:00+08:00'))).toBe('2026-Q4');
  });

  it('refuses staff without the permission and quarters that have not ended', async () => {
    expect((await refusal(draftQuarterlyReviews(conn.db, '2026-Q3', reviewer, NOW))).code).toBe('forbidden');
    const early = await refusal(draftQuarterlyReviews(conn.db, '2026-Q4', risk, NOW));
    expect(early.messageKey).toBe('errors.quarter_not_over');
    expect((await refusal(draftQuarterlyReviews(conn.db, '2026-07', risk, NOW))).code).toBe(
      'validation_failed',
    );
  });

  it('drafts one review per active partner with a frozen scorecard, idempotently, and tells risk once', async () => {
    const first = await draftQuarterlyReviews(conn.db, '2026-Q3', risk, NOW);
    expect(first).toEqual({ quarter: '2026-Q3', created: 2, existing: 0 });
    const again = await draftQuarterlyReviews(conn.db, '2026-Q3', undefined, NOW);
    expect(again).toEqual({ quarter: '2026-Q3', created: 0, existing: 2 });
    // Concurrent runs (two workers, a double click) still create nothing twice.
    await Promise.all([1, 2, 3].map(() => draftQuarterlyReviews(conn.db, '2026-Q3', risk, NOW)));

    const all = await listReviews(conn.db, risk, { quarter: '2026-Q3' });
    expect(all.total).toBe(2);
    const reviewA = await reviewOf(a.id);
    expect(reviewA.status).toBe('draft');
    expect(reviewA.snapshot.kpis.find((k) => k.key === 'customer_satisfaction')?.value).toBeCloseTo(
      4.6667,
      3,
    );
    expect(reviewA.score).not.toBeNull();
    expect(reviewA.percentile).toBe(100);
    expect((await reviewOf(b.id)).percentile).toBe(0);

    // Later events do not change a drafted review.
    await ingestEvents(
      conn.db,
      { type: 'api_key', keyId: 'k', partnerId: a.id, scopes: ['events'] },
      {
        events: [
          {
            externalId: 'a-late',
            type: 'customer_rating',
            occurredAt: '2026-08-11T10:00:00+08:00',
            rating: 1,
          },
        ],
      },
      NOW.getTime(),
    );
    expect(
      (await reviewOf(a.id)).snapshot.kpis.find((k) => k.key === 'customer_satisfaction')?.value,
    ).toBeCloseTo(4.6667, 3);

    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.recipientId, riskUserId), eq(notifications.template, 'notify.reviews_ready')),
      );
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.params).toEqual({ count: 2, quarter: '2026-Q3' });
    expect(await riskChannelRows('notify.reviews_ready')).toHaveLength(1);
    const audits = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'review.drafted'));
    expect(audits).toHaveLength(2);
  });

  it('partners never see drafts', async () => {
    expect((await listReviews(conn.db, userA.actor)).total).toBe(0);
    const id = (await reviewOf(a.id)).id;
    expect((await refusal(getReview(conn.db, userA.actor, id))).code).toBe('not_found');
  });
});

describe('completing and finalising', () => {
  it('needs a decision, and items for a rectification', async () => {
    const id = (await reviewOf(a.id)).id;
    expect((await refusal(finaliseReview(conn.db, risk, { reviewId: id }))).messageKey).toBe(
      'errors.review_decision_required',
    );
    const noItems = await refusal(
      finaliseReview(conn.db, risk, { reviewId: id, decision: 'rectification', items: [] }),
    );
    expect(noItems.messageKey).toBe('errors.rectification_items_required');
    const past = await refusal(
      saveReviewDraft(conn.db, risk, {
        reviewId: id,
        items: [{ description: 'Fix it', dueDate: '2020-01-01' }],
      }),
    );
    expect(past.details?.fields).toEqual([
      { path: 'items.0.dueDate', message: 'A due date cannot be in the past.', code: 'in_the_past' },
    ]);
    // An empty due date is "fill this in", not a bad date (the form says which).
    const empty = await refusal(
      saveReviewDraft(conn.db, risk, { reviewId: id, items: [{ description: 'Fix it', dueDate: '' }] }),
    );
    const emptyIssues = empty.details?.fields as { path: string; code: string }[];
    expect(emptyIssues[0]).toMatchObject({ path: 'items.0.dueDate', code: 'required' });
    expect(
      (await refusal(finaliseReview(conn.db, reviewer, { reviewId: id, decision: 'warning' }))).code,
    ).toBe('forbidden');
  });

  it('finalises a rectification with its items, audits it and notifies the partner', async () => {
    const id = (await reviewOf(a.id)).id;
    await saveReviewDraft(conn.db, risk, {
      reviewId: id,
      comments: 'Complaints too slow',
      decision: 'warning',
    });
    const done = await finaliseReview(conn.db, risk, {
      reviewId: id,
      decision: 'rectification',
      items: [
        { description: 'Answer complaints within 48 hours', dueDate: FUTURE },
        { description: 'Retrain the claims team', dueDate: FUTURE },
      ],
    });
    expect(done.status).toBe('finalised');
    expect(done.comments).toBe('Complaints too slow');
    const detail = await getReview(conn.db, userA.actor, id);
    expect(detail.items.map((i) => [i.description, i.status, i.overdue])).toEqual([
      ['Answer complaints within 48 hours', 'open', false],
      ['Retrain the claims team', 'open', false],
    ]);
    expect('finalisedBy' in detail.review).toBe(false);
    expect((await refusal(saveReviewDraft(conn.db, risk, { reviewId: id, comments: 'x' }))).messageKey).toBe(
      'errors.review_not_draft',
    );
    const [entry] = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'review.finalised'));
    expect(entry?.entityId).toBe(id);
    expect(entry?.data).toMatchObject({ decision: 'rectification', items: 2 });
    const partnerInbox = await conn.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, userA.user.id),
          eq(notifications.template, 'notify.review_finalised'),
        ),
      );
    expect(partnerInbox[0]?.params).toEqual({ quarter: '2026-Q3', decision: 'rectification' });
  });

  it('a partner sees only its own finalised reviews', async () => {
    const own = await listReviews(conn.db, userA.actor);
    expect(own.items.map((r) => r.partnerId)).toEqual([a.id]);
    expect((await listReviews(conn.db, userB.actor)).total).toBe(0);
    const id = (await reviewOf(a.id)).id;
    expect((await refusal(getReview(conn.db, userB.actor, id))).code).toBe('not_found');
    expect((await listReviews(conn.db, userB.actor, { partnerId: a.id })).total).toBe(0);
  });
});

describe('rectification items and evidence', () => {
  it('checks the evidence file type and size, and scopes items to their partner', async () => {
    const item = (await getReview(conn.db, risk, (await reviewOf(a.id)).id)).items[0]!;
    const upload = (actor: Actor, name: string, max?: number) =>
      uploadRectificationEvidence(
        conn.db,
        actor,
        storage,
        { itemId: item.id, fileName: name, bytes: fixture(name) },
        {
          maxBytes: max,
        },
      );
    expect((await refusal(upload(userA.actor, 'disguised-executable.pdf'))).code).toBe(
      'unsupported_media_type',
    );
    expect((await refusal(upload(userA.actor, 'licence.pdf', 10))).code).toBe('payload_too_large');
    expect((await refusal(upload(userB.actor, 'licence.pdf'))).code).toBe('not_found');
    expect((await refusal(upload(memberA, 'licence.pdf'))).code).toBe('forbidden');
    expect((await refusal(upload(risk, 'licence.pdf'))).code).toBe('forbidden');
    const noEvidence = await refusal(submitRectificationItem(conn.db, userA.actor, item.id));
    expect(noEvidence.messageKey).toBe('errors.rectification_evidence_required');
    expect(noEvidence.details?.fields).toMatchObject([{ path: 'evidence', code: 'file_required' }]);
    const evidence = await upload(userA.actor, 'scan.png');
    expect(evidence.contentType).toBe('image/png');
    expect('storageKey' in evidence).toBe(false);

    const file = await readRectificationEvidence(conn.db, userA.actor, storage, evidence.id);
    expect(file.fileName).toBe('scan.png');
    expect(Buffer.from(file.bytes).equals(Buffer.from(fixture('scan.png')))).toBe(true);
    expect((await readRectificationEvidence(conn.db, reviewer, storage, evidence.id)).contentType).toBe(
      'image/png',
    );
    expect((await refusal(readRectificationEvidence(conn.db, userB.actor, storage, evidence.id))).code).toBe(
      'not_found',
    );
  });

  it('submit, verify, reopen with a reason; overdue items show', async () => {
    const detail = await getReview(conn.db, risk, (await reviewOf(a.id)).id);
    const [first, second] = detail.items;
    expect((await refusal(verifyRectificationItem(conn.db, risk, first!.id))).messageKey).toBe(
      'errors.rectification_item_state',
    );
    expect((await submitRectificationItem(conn.db, userA.actor, first!.id)).status).toBe('submitted');
    expect((await refusal(submitRectificationItem(conn.db, userA.actor, first!.id))).code).toBe('conflict');
    expect((await refusal(verifyRectificationItem(conn.db, userA.actor, first!.id))).code).toBe('forbidden');
    expect(
      (await refusal(reopenRectificationItem(conn.db, risk, { itemId: first!.id, reason: 'no' }))).code,
    ).toBe('validation_failed');
    const reopened = await reopenRectificationItem(conn.db, risk, {
      itemId: first!.id,
      reason: 'The scan is unreadable; upload a clearer copy.',
    });
    expect(reopened.status).toBe('open');
    expect(reopened.reopenReason).toContain('unreadable');
    await submitRectificationItem(conn.db, userA.actor, first!.id);
    expect((await verifyRectificationItem(conn.db, risk, first!.id)).status).toBe('closed');

    await conn.db
      .update(rectificationItems)
      .set({ dueDate: '2026-01-01' })
      .where(eq(rectificationItems.id, second!.id));
    const after = await getReview(conn.db, userA.actor, detail.review.id);
    expect(after.items.map((i) => [i.status, i.overdue])).toEqual([
      ['closed', false],
      ['open', true],
    ]);
    const row = (await listReviews(conn.db, risk, { quarter: '2026-Q3', partnerId: a.id })).items[0]!;
    expect([row.openItems, row.overdueItems]).toEqual([1, 1]);
    // In the order they were written: without an order, PostgreSQL may return rows in any order.
    const actions = (
      await conn.db.select().from(auditLog).where(eq(auditLog.entityId, first!.id)).orderBy(auditLog.id)
    ).map((e) => e.action);
    expect(actions).toEqual([
      'rectification.evidence_uploaded',
      'rectification.submitted',
      'rectification.reopened',
      'rectification.submitted',
      'rectification.verified',
    ]);
  });
});

describe('the partner answers', () => {
  it('acknowledges once', async () => {
    const id = (await reviewOf(a.id)).id;
    expect((await refusal(acknowledgeReview(conn.db, userB.actor, id))).code).toBe('not_found');
    expect((await refusal(acknowledgeReview(conn.db, risk, id))).code).toBe('forbidden');
    expect((await acknowledgeReview(conn.db, userA.actor, id)).status).toBe('acknowledged');
    expect(
      (await refusal(appealReview(conn.db, userA.actor, { reviewId: id, reason: 'Too late to appeal now' })))
        .messageKey,
    ).toBe('errors.review_not_finalised');
  });

  it('a suspension suspends the partner; an appeal reaches risk; overturning revises and reinstates', async () => {
    const id = (await reviewOf(b.id)).id;
    await finaliseReview(conn.db, risk, {
      reviewId: id,
      decision: 'suspension',
      comments: 'Ratings collapsed',
    });
    const [suspended] = await conn.db.select().from(partners).where(eq(partners.id, b.id));
    expect(suspended?.status).toBe('suspended');
    const [change] = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'partner.status_changed'), eq(auditLog.entityId, b.id)));
    expect(change?.data).toMatchObject({ from: 'active', to: 'suspended', reviewId: id });

    expect((await refusal(appealReview(conn.db, userB.actor, { reviewId: id, reason: 'short' }))).code).toBe(
      'validation_failed',
    );
    const appealed = await appealReview(conn.db, userB.actor, {
      reviewId: id,
      reason: 'The ratings came from a test system, see ticket 42.',
    });
    expect(appealed.status).toBe('appealed');
    const slack = await riskChannelRows('notify.review_appealed');
    expect(slack).toHaveLength(1);
    expect((slack[0]!.payload as { params: Record<string, unknown> }).params).toMatchObject({
      name: b.legalName,
    });
    // Suspended: the partner may appeal (above) but not acknowledge.
    expect((await refusal(acknowledgeReview(conn.db, userB.actor, id))).code).toBe('partner.suspended');

    expect(
      (
        await refusal(
          answerAppeal(conn.db, userB.actor, {
            reviewId: id,
            outcome: 'upheld',
            response: 'We uphold it now.',
          }),
        )
      ).code,
    ).toBe('forbidden');
    const answered = await answerAppeal(conn.db, risk, {
      reviewId: id,
      outcome: 'overturned',
      response: 'Confirmed: the ratings were test data. We will revise the review.',
    });
    expect(answered.status).toBe('draft');
    const [reinstated] = await conn.db.select().from(partners).where(eq(partners.id, b.id));
    expect(reinstated?.status).toBe('active');
    const partnerNote = await conn.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, userB.user.id),
          eq(notifications.template, 'notify.review_appeal_answered'),
        ),
      );
    expect(partnerNote).toHaveLength(1);
    const riskNote = await conn.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, riskUserId),
          eq(notifications.template, 'notify.review_appeal_answered'),
        ),
      );
    expect(riskNote).toHaveLength(1);

    // Revised and finalised again; a second appeal is refused, the answer stays on record.
    await finaliseReview(conn.db, risk, { reviewId: id, decision: 'warning' });
    const again = await refusal(
      appealReview(conn.db, userB.actor, { reviewId: id, reason: 'We still disagree with this.' }),
    );
    expect(again.messageKey).toBe('errors.review_already_appealed');
    const detail = await getReview(conn.db, userB.actor, id);
    expect(detail.review.appealOutcome).toBe('overturned');
    expect(detail.review.decision).toBe('warning');
  });

  it('an upheld appeal closes the review', async () => {
    const c = await makePartner(conn.db, { legalName: 'Delta Upheld Ltd' });
    const userC = await makePartnerUser(conn.db, c.id);
    await draftQuarterlyReviews(conn.db, '2026-Q3', risk, NOW);
    const id = (await reviewOf(c.id)).id;
    await finaliseReview(conn.db, risk, { reviewId: id, decision: 'no_change' });
    await appealReview(conn.db, userC.actor, { reviewId: id, reason: 'We deserve a bonus this quarter.' });
    const answered = await answerAppeal(conn.db, risk, {
      reviewId: id,
      outcome: 'upheld',
      response: 'Your score does not reach the bonus grade.',
    });
    expect(answered.status).toBe('appeal_upheld');
    expect(
      (
        await refusal(
          answerAppeal(conn.db, risk, { reviewId: id, outcome: 'upheld', response: 'Once more, upheld.' }),
        )
      ).messageKey,
    ).toBe('errors.review_not_appealed');
    expect((await listReviews(conn.db, risk, { decision: 'no_change', status: 'appeal_upheld' })).total).toBe(
      1,
    );
  });

  it('keeps the audit chain intact', async () => {
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: true });
  });
});
