import { finaliseReview, personById, saveTierSet } from '@outpost/core';
import { auditLog, incentiveRecords, partners, quarterlyReviews } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../src/testing/index.ts';
import {
  actionsBlock,
  type Approver,
  ballotMessage,
  clickBallot,
  ephemeral as ephemeralReply,
  retryOf,
  submitReason,
  until,
} from './ballot-support.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
let zhang: Approver;
let lee: Approver;
let outsider: Approver;
let riskActor: NonNullable<Awaited<ReturnType<typeof personById>>>['actor'];

beforeAll(async () => {
  h = await startHarness();
  const db = h.conn.db;
  const linked = async (name: string, locale: 'zh-CN' | 'en', roles: ('risk_officer' | 'reviewer')[]) => {
    const user = await createStaff(db, { name, locale, roles });
    const slackUserId = uniqueSlackId();
    await linkStaff(db, user.id, slackUserId);
    return { id: user.id, slackUserId };
  };
  zhang = await linked('Zhang Min', 'zh-CN', ['risk_officer']);
  lee = await linked('Lee Ann', 'en', ['risk_officer']);
  outsider = await linked('Out Sider', 'en', ['reviewer']);
  const risk = await createStaff(db, { name: 'Risk Officer', roles: ['risk_officer'] });
  riskActor = (await personById(db, risk.id))!.actor;
  // Any excellent score earns ¥50,000, above the ¥30,000 threshold: every record waits for approval.
  await saveTierSet(db, riskActor, {
    serviceCategory: 'claims',
    basis: 'grade',
    baseAnnualFeeCents: 400_000_000,
    approvalThresholdCents: 3_000_000,
    approverIds: [zhang.id, lee.id],
    tiers: [
      { name: 'Excellent', grades: ['A'], bonusCents: 5_000_000, businessWeight: 1.5, recognition: true },
      { name: 'Other', grades: ['B', 'C', 'D', 'E'], businessWeight: 1 },
    ],
  });
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

/** A partner's grade-A review finalised: its record waits for approval, ballots delivered as the worker would. */
async function pendingRecord() {
  const db = h.conn.db;
  const [partner] = await db
    .insert(partners)
    .values({
      legalName: `激励测试公估 ${Math.random().toString(36).slice(2, 8)}`,
      creditCode: `91310000${Math.random().toString().slice(2, 12)}`,
      status: 'active',
      serviceCategories: ['claims'],
    })
    .returning();
  const [review] = await db
    .insert(quarterlyReviews)
    .values({
      partnerId: partner!.id,
      quarter: '2026-Q3',
      score: 93,
      grade: 'A',
      snapshot: {
        period: { label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' },
        score: 93,
        grade: 'A',
        kpis: [],
        peers: [],
      },
    })
    .returning();
  await finaliseReview(db, riskActor, { reviewId: review!.id, decision: 'bonus' });
  await h.deliverOutbox();
  const [record] = await db
    .select()
    .from(incentiveRecords)
    .where(eq(incentiveRecords.partnerId, partner!.id));
  expect(record).toMatchObject({ status: 'pending_approval', amountCents: 5_000_000 });
  return record!;
}

const ballotOf = async (recordId: string, approverId: string) =>
  ballotMessage(
    h,
    await h.conn.db.query.incentiveMessages.findFirst({
      where: (m, { and, eq }) => and(eq(m.recordId, recordId), eq(m.approverId, approverId)),
    }),
    'incentive',
  );

const click = (
  who: Approver,
  actionId: string,
  recordId: string,
  message: FakeMessage,
  responseUrl: string,
) => clickBallot(h, who, actionId, recordId, message, responseUrl);

const statusOf = async (recordId: string) =>
  (await h.conn.db.select().from(incentiveRecords).where(eq(incentiveRecords.id, recordId)))[0]!;
const decisionsOf = (recordId: string) =>
  h.conn.db.query.incentiveApprovals.findMany({ where: (a, { eq }) => eq(a.recordId, recordId) });
const ephemeral = (responseUrl: string) => ephemeralReply(h, responseUrl);

describe('approving an incentive from Slack (signed requests)', () => {
  it('each approver gets a ballot in their language; approvals show the live tally and the last one applies it', async () => {
    const record = await pendingRecord();
    const zh = await ballotOf(record.id, zhang.id);
    const en = await ballotOf(record.id, lee.id);
    expect(JSON.stringify(zh.blocks)).toContain('批准');
    expect(JSON.stringify(en.blocks)).toContain('Reject…');
    expect((await click(lee, 'incentive_approve', record.id, en, h.fake.responseUrl()).response).status).toBe(
      200,
    );
    expect(await decisionsOf(record.id)).toMatchObject([
      { approverId: lee.id, decision: 'approve', via: 'slack' },
    ]);
    await h.deliverOutbox();
    await until(() => !actionsBlock(en) && JSON.stringify(zh.blocks).includes('已批准 1'));
    expect(en.text).toContain('You approved.');
    expect(actionsBlock(zh)).toBeDefined();
    expect(
      (await click(zhang, 'incentive_approve', record.id, zh, h.fake.responseUrl()).response).status,
    ).toBe(200);
    expect((await statusOf(record.id)).status).toBe('applied');
    const audit = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, record.id), eq(auditLog.action, 'incentive.approval_decided')));
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorType: 'slack' });
  });

  it('a double click and a Slack retry store one decision and answer nothing more', async () => {
    const record = await pendingRecord();
    const message = await ballotOf(record.id, zhang.id);
    const first = click(zhang, 'incentive_approve', record.id, message, h.fake.responseUrl());
    const second = click(zhang, 'incentive_approve', record.id, message, h.fake.responseUrl());
    const retry = retryOf(h, first.payload);
    expect((await Promise.all([first.response, second.response, retry])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await decisionsOf(record.id)).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.method === 'response_url')).toEqual([]);
  });

  it('Reject opens a modal; a blank reason stays on the field, a real one rejects the record with it', async () => {
    const record = await pendingRecord();
    const message = await ballotOf(record.id, zhang.id);
    const { payload, response } = click(zhang, 'incentive_reject', record.id, message, h.fake.responseUrl());
    expect((await response).status).toBe(200);
    const opened = await h.fake.waitForCall((c) => c.method === 'views.open');
    expect(opened.args.trigger_id).toBe(payload.trigger_id);
    const modal = opened.args.view as Record<string, unknown>;
    expect(modal).toMatchObject({
      callback_id: 'incentive_reject_reason',
      title: { text: '驳回激励' },
    });
    const submit = (reason: string | null) => submitReason(h, zhang, modal, reason);
    expect(await (await submit('  ')).json()).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.stringContaining('3') },
    });
    expect(await decisionsOf(record.id)).toEqual([]);
    expect((await submit('奖金需与年度预算核对')).status).toBe(200);
    expect(await statusOf(record.id)).toMatchObject({
      status: 'rejected',
      rejectReason: '奖金需与年度预算核对',
    });
    await h.deliverOutbox();
    const other = await ballotOf(record.id, lee.id);
    await until(() => !actionsBlock(other) && other.text.includes('Rejected.'));
  });

  it('someone who is not an approver, or not linked, is told so and changes nothing', async () => {
    const record = await pendingRecord();
    const message = await ballotOf(record.id, lee.id);
    const url1 = h.fake.responseUrl();
    await click(outsider, 'incentive_approve', record.id, message, url1).response;
    expect(String((await ephemeral(url1)).args.text)).toContain('not an approver');
    const url2 = h.fake.responseUrl();
    await click({ id: '', slackUserId: uniqueSlackId() }, 'incentive_approve', record.id, message, url2)
      .response;
    expect((await ephemeral(url2)).args).toMatchObject({ response_type: 'ephemeral' });
    expect(await decisionsOf(record.id)).toEqual([]);
    expect((await statusOf(record.id)).status).toBe('pending_approval');
  });
});
