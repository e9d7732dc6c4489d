import {
  draftContract,
  ensureDefaultContractLibrary,
  ensureDefaultKpis,
  listTemplates,
  personById,
  setContractApprovers,
  submitContract,
} from '@outpost/core';
import { auditLog, contracts, partners } from '@outpost/db';
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
let drafter: Awaited<ReturnType<typeof personById>>;
let templateId: string;

const values = {
  sla_cure_months: 3,
  service_credit_percent: 5,
  confidentiality_years: 5,
  incident_report_hours: 2,
  liability_cap: 100_000_000,
  audit_notice_days: 10,
  service_locations: '上海市',
  recovery_hours: 4,
  termination_notice_days: 90,
  data_return_days: 30,
  training_hours: 36,
};

beforeAll(async () => {
  h = await startHarness();
  const db = h.conn.db;
  await ensureDefaultKpis(db);
  await ensureDefaultContractLibrary(db);
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
  const adminActor = (await personById(db, admin.id))!.actor;
  await setContractApprovers(db, adminActor, { serviceCategory: 'claims', userIds: [zhang.id, lee.id] });
  drafter = await personById(db, admin.id);
  templateId = (await listTemplates(db, adminActor, { serviceCategory: 'claims' }))[0]!.id;
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

/** A standard partner's contract submitted straight to approval, its ballots delivered as the worker would. */
async function inApproval() {
  const db = h.conn.db;
  const [partner] = await db
    .insert(partners)
    .values({
      legalName: `合同测试公估 ${Math.random().toString(36).slice(2, 8)}`,
      creditCode: `91310000${Math.random().toString().slice(2, 12)}`,
      status: 'active',
      serviceCategories: ['claims'],
    })
    .returning();
  const contract = await draftContract(db, drafter!.actor, {
    partnerId: partner!.id,
    templateId,
    terms: {
      startDate: '2027-01-01',
      endDate: '2028-12-31',
      noticeDays: 60,
      annualValueCents: 10_000_000,
      governingLaw: '中国法律',
    },
    values,
  });
  await submitContract(db, drafter!.actor, contract.id);
  await h.deliverOutbox();
  return contract;
}

const ballotOf = async (contractId: string, approverId: string) =>
  ballotMessage(
    h,
    await h.conn.db.query.contractMessages.findFirst({
      where: (m, { and, eq }) => and(eq(m.contractId, contractId), eq(m.approverId, approverId)),
    }),
    'contract',
  );

const click = (
  who: Approver,
  actionId: string,
  contractId: string,
  message: FakeMessage,
  responseUrl: string,
) => clickBallot(h, who, actionId, contractId, message, responseUrl);

const statusOf = async (contractId: string) =>
  (await h.conn.db.select().from(contracts).where(eq(contracts.id, contractId)))[0]!.status;
const decisionsOf = (contractId: string) =>
  h.conn.db.query.contractApprovals.findMany({ where: (a, { eq }) => eq(a.contractId, contractId) });
const ephemeral = (responseUrl: string) => ephemeralReply(h, responseUrl);

describe('approving a contract from Slack', () => {
  it('posts a ballot to each approver in their language; Approve records it and every message shows the live tally', async () => {
    const contract = await inApproval();
    const zh = await ballotOf(contract.id, zhang.id);
    const en = await ballotOf(contract.id, lee.id);
    expect(zh.text).toContain(contract.reference);
    expect(JSON.stringify(zh.blocks)).toContain('批准');
    expect(JSON.stringify(en.blocks)).toContain('Return…');

    const { response } = click(lee, 'contract_approve', contract.id, en, h.fake.responseUrl());
    expect((await response).status).toBe(200);
    expect(await decisionsOf(contract.id)).toMatchObject([
      { approverId: lee.id, decision: 'approve', via: 'slack' },
    ]);
    await h.deliverOutbox();
    await until(() => !actionsBlock(en) && JSON.stringify(zh.blocks).includes('已批准 1'));
    expect(en.text).toContain('You approved.');
    // Zhang still has the buttons, and sees one of two approved.
    expect(actionsBlock(zh)).toBeDefined();
    const audit = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, contract.id), eq(auditLog.action, 'contract.approval_decided')));
    expect(audit).toMatchObject([{ actorId: lee.id, actorType: 'slack' }]);
  });

  it('a double click and a Slack retry store one decision and answer nothing more', async () => {
    const contract = await inApproval();
    const message = await ballotOf(contract.id, zhang.id);
    const first = click(zhang, 'contract_approve', contract.id, message, h.fake.responseUrl());
    const second = click(zhang, 'contract_approve', contract.id, message, h.fake.responseUrl());
    const retry = retryOf(h, first.payload);
    expect((await Promise.all([first.response, second.response, retry])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await decisionsOf(contract.id)).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.method === 'response_url')).toEqual([]);
  });

  it('two approvers at once: both count and the contract goes to signing exactly once', async () => {
    const contract = await inApproval();
    const [a, b] = await Promise.all([ballotOf(contract.id, zhang.id), ballotOf(contract.id, lee.id)]);
    const responses = await Promise.all([
      click(zhang, 'contract_approve', contract.id, a, h.fake.responseUrl()).response,
      click(lee, 'contract_approve', contract.id, b, h.fake.responseUrl()).response,
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(await statusOf(contract.id)).toBe('signing');
    const approved = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, contract.id), eq(auditLog.action, 'contract.approved')));
    expect(approved).toHaveLength(1);
    await h.deliverOutbox();
    await until(() => JSON.stringify(a.blocks).includes('进入签署'));
  });

  it('Return opens a modal in the ballot’s language; a blank reason stays on the field, a real one returns it', async () => {
    const contract = await inApproval();
    const message = await ballotOf(contract.id, zhang.id);
    const responseUrl = h.fake.responseUrl();
    const { payload, response } = click(zhang, 'contract_return', contract.id, message, responseUrl);
    expect((await response).status).toBe(200);
    const opened = await h.fake.waitForCall((c) => c.method === 'views.open');
    expect(opened.args.trigger_id).toBe(payload.trigger_id);
    const modal = opened.args.view as Record<string, unknown>;
    expect(modal).toMatchObject({ callback_id: 'contract_return_reason', title: { text: '退回合同' } });
    const submit = (reason: string | null) => submitReason(h, zhang, modal, reason);
    const blank = await submit('  ');
    expect(await blank.json()).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.stringContaining('3') },
    });
    expect(await decisionsOf(contract.id)).toEqual([]);
    expect((await submit('违约金条款需重新谈判')).status).toBe(200);
    expect(await decisionsOf(contract.id)).toMatchObject([
      { decision: 'return', reason: '违约金条款需重新谈判' },
    ]);
    expect(await statusOf(contract.id)).toBe('draft');
  });

  it('someone who is not an approver, or not linked, is told so and changes nothing', async () => {
    const contract = await inApproval();
    const message = await ballotOf(contract.id, lee.id);
    const url1 = h.fake.responseUrl();
    await click(outsider, 'contract_approve', contract.id, message, url1).response;
    expect(String((await ephemeral(url1)).args.text)).toContain('not an approver');
    const url2 = h.fake.responseUrl();
    await click({ id: '', slackUserId: uniqueSlackId() }, 'contract_approve', contract.id, message, url2)
      .response;
    expect((await ephemeral(url2)).args).toMatchObject({ response_type: 'ephemeral' });
    expect(await decisionsOf(contract.id)).toEqual([]);
    expect(await statusOf(contract.id)).toBe('approval');
  });
});
