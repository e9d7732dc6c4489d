import { openTerminationCase, personById, setSetting } from '@outpost/core';
import { auditLog, departments, partners, terminationCases } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
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
let opener: NonNullable<Awaited<ReturnType<typeof personById>>>;
let departmentId: string;

beforeAll(async () => {
  h = await startHarness();
  const db = h.conn.db;
  const linked = async (name: string, locale: 'zh-CN' | 'en', roles: ('committee' | 'reviewer')[]) => {
    const user = await createStaff(db, { name, locale, roles });
    const slackUserId = uniqueSlackId();
    await linkStaff(db, user.id, slackUserId);
    return { id: user.id, slackUserId };
  };
  zhang = await linked('Zhang Min', 'zh-CN', ['committee']);
  lee = await linked('Lee Ann', 'en', ['committee']);
  outsider = await linked('Out Sider', 'en', ['reviewer']);
  const admin = await createStaff(db, { name: 'Admin', roles: ['admin'] });
  opener = (await personById(db, admin.id))!;
  await setSetting(db, opener.actor, 'termination.approvers', { userIds: [zhang.id, lee.id] });
  departmentId = (await db.select().from(departments).where(eq(departments.key, 'risk')))[0]!.id;
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

/** A case opened by staff, its ballots delivered as the worker would. */
async function inApproval() {
  const db = h.conn.db;
  const [partner] = await db
    .insert(partners)
    .values({
      legalName: `退出测试公估 ${Math.random().toString(36).slice(2, 8)}`,
      creditCode: `91310000${Math.random().toString().slice(2, 12)}`,
      status: 'active',
      serviceCategories: ['claims'],
    })
    .returning();
  const row = await openTerminationCase(db, opener.actor, {
    partnerId: partner!.id,
    source: 'non_renewal',
    type: 'non_renewal',
    reason: '合作期满不再续约',
    effectiveDate: addDays(todayInChina(), 30),
    departmentId,
    responsibleId: opener.user.id,
  });
  await h.deliverOutbox();
  return { row, partnerId: partner!.id };
}

const ballotOf = async (caseId: string, approverId: string) =>
  ballotMessage(
    h,
    await h.conn.db.query.terminationMessages.findFirst({
      where: (m, { and, eq }) => and(eq(m.caseId, caseId), eq(m.approverId, approverId)),
    }),
    'termination',
  );

const click = (who: Approver, actionId: string, caseId: string, message: FakeMessage, responseUrl: string) =>
  clickBallot(h, who, actionId, caseId, message, responseUrl);

const statusOf = async (caseId: string) =>
  (await h.conn.db.select().from(terminationCases).where(eq(terminationCases.id, caseId)))[0]!.status;
const partnerStatus = async (partnerId: string) =>
  (await h.conn.db.select().from(partners).where(eq(partners.id, partnerId)))[0]!.status;
const decisionsOf = (caseId: string) =>
  h.conn.db.query.terminationApprovals.findMany({ where: (a, { eq }) => eq(a.caseId, caseId) });
const ephemeral = (responseUrl: string) => ephemeralReply(h, responseUrl);

describe('approving a termination case from Slack', () => {
  it('ballots in each approver’s language; approvals show a live tally; the last one makes the partner exiting', async () => {
    const { row, partnerId } = await inApproval();
    const zh = await ballotOf(row.id, zhang.id);
    const en = await ballotOf(row.id, lee.id);
    expect(JSON.stringify(zh.blocks)).toContain('批准');
    expect(JSON.stringify(en.blocks)).toContain('Reject…');
    expect((await click(lee, 'termination_approve', row.id, en, h.fake.responseUrl()).response).status).toBe(
      200,
    );
    expect(await decisionsOf(row.id)).toMatchObject([
      { approverId: lee.id, decision: 'approve', via: 'slack' },
    ]);
    await h.deliverOutbox();
    await until(() => !actionsBlock(en) && JSON.stringify(zh.blocks).includes('已批准 1'));
    expect(en.text).toContain('You approved.');
    expect(actionsBlock(zh)).toBeDefined();
    await click(zhang, 'termination_approve', row.id, zh, h.fake.responseUrl()).response;
    expect(await statusOf(row.id)).toBe('approved');
    expect(await partnerStatus(partnerId)).toBe('exiting');
    await h.deliverOutbox();
    await until(() => JSON.stringify(en.blocks).includes('Approved: the partner is exiting.'));
    const audit = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, 'termination.approval_decided')));
    expect(audit.map((a) => a.actorType)).toEqual(['slack', 'slack']);
  });

  it('a double click and a Slack retry store one decision and answer nothing more', async () => {
    const { row } = await inApproval();
    const message = await ballotOf(row.id, zhang.id);
    const first = click(zhang, 'termination_approve', row.id, message, h.fake.responseUrl());
    const second = click(zhang, 'termination_approve', row.id, message, h.fake.responseUrl());
    const retry = retryOf(h, first.payload);
    expect((await Promise.all([first.response, second.response, retry])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await decisionsOf(row.id)).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.method === 'response_url')).toEqual([]);
  });

  it('Reject… opens a modal; a blank reason stays on the field, a real one rejects the case', async () => {
    const { row, partnerId } = await inApproval();
    const message = await ballotOf(row.id, zhang.id);
    const { payload, response } = click(zhang, 'termination_reject', row.id, message, h.fake.responseUrl());
    expect((await response).status).toBe(200);
    const opened = await h.fake.waitForCall((c) => c.method === 'views.open');
    expect(opened.args.trigger_id).toBe(payload.trigger_id);
    const modal = opened.args.view as Record<string, unknown>;
    expect(modal).toMatchObject({
      callback_id: 'termination_reject_reason',
      title: { text: '驳回退出' },
    });
    const submit = (reason: string | null) => submitReason(h, zhang, modal, reason);
    const blank = await submit('  ');
    expect(await blank.json()).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.stringContaining('3') },
    });
    expect(await decisionsOf(row.id)).toEqual([]);
    expect((await submit('整改已完成，继续合作')).status).toBe(200);
    expect(await decisionsOf(row.id)).toMatchObject([{ decision: 'reject', reason: '整改已完成，继续合作' }]);
    expect(await statusOf(row.id)).toBe('rejected');
    expect(await partnerStatus(partnerId)).toBe('active');
  });

  it('someone who is not an approver, or not linked, is told so and changes nothing', async () => {
    const { row } = await inApproval();
    const message = await ballotOf(row.id, lee.id);
    const url1 = h.fake.responseUrl();
    await click(outsider, 'termination_approve', row.id, message, url1).response;
    expect(String((await ephemeral(url1)).args.text)).toContain('not an approver');
    const url2 = h.fake.responseUrl();
    await click({ id: '', slackUserId: uniqueSlackId() }, 'termination_approve', row.id, message, url2)
      .response;
    expect((await ephemeral(url2)).args).toMatchObject({ response_type: 'ephemeral' });
    expect(await decisionsOf(row.id)).toEqual([]);
    expect(await statusOf(row.id)).toBe('approval');
  });
});
