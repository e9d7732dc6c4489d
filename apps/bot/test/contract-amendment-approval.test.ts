import {
  decideContractApproval,
  draftContract,
  ensureDefaultContractLibrary,
  ensureDefaultKpis,
  listTemplates,
  LocalDiskStorage,
  personById,
  setContractApprovers,
  startAmendment,
  startRenewal,
  submitContract,
  updateDraft,
  uploadSignedContract,
  withdrawAmendment,
} from '@outpost/core';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contracts, contractVersions, partners } from '@outpost/db';
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

const tempStorage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-bot-files-')));

/** A PDF the upload accepts, as the partner's countersigned copy. */
const signedPdf = () =>
  new Uint8Array(
    readFileSync(path.join(import.meta.dirname, '../../../packages/core/test/fixtures/licence.pdf')),
  );

/** A contract approved (in the console) and countersigned, then an amendment of it submitted to the approvers. */
async function amendmentInApproval() {
  const db = h.conn.db;
  const contract = await inApproval();
  for (const who of [zhang, lee]) {
    const person = await personById(db, who.id);
    await decideContractApproval(db, person!.actor, { contractId: contract.id, decision: 'approve' });
  }
  await uploadSignedContract(db, drafter!.actor, tempStorage, {
    contractId: contract.id,
    fileName: 'signed.pdf',
    bytes: signedPdf(),
  });
  await startAmendment(db, drafter!.actor, contract.id, { reason: '延长服务期限' });
  await updateDraft(db, drafter!.actor, contract.id, {
    terms: {
      startDate: '2027-01-01',
      endDate: '2029-12-31',
      noticeDays: 60,
      annualValueCents: 10_000_000,
      governingLaw: '中国法律',
    },
  });
  await submitContract(db, drafter!.actor, contract.id);
  await h.deliverOutbox();
  return contract;
}

describe('approving an amendment from Slack (decision record 040)', () => {
  it('the ballot says it is an amendment with its reason and new term; a double click and a retry store one decision', async () => {
    const contract = await amendmentInApproval();
    const zh = await ballotOf(contract.id, zhang.id);
    expect(zh.text).toContain(contract.reference);
    expect(JSON.stringify(zh.blocks)).toContain('补充协议（第 2 版）');
    expect(JSON.stringify(zh.blocks)).toContain('延长服务期限');
    expect(JSON.stringify(zh.blocks)).toContain('2029');
    expect(actionsBlock(zh)).toBeDefined();

    const first = click(zhang, 'contract_approve', contract.id, zh, h.fake.responseUrl());
    const second = click(zhang, 'contract_approve', contract.id, zh, h.fake.responseUrl());
    const retry = retryOf(h, first.payload);
    expect((await Promise.all([first.response, second.response, retry])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
    await new Promise((r) => setTimeout(r, 200));
    const decisions = await decisionsOf(contract.id);
    expect(decisions.filter((d) => d.version === 2)).toMatchObject([
      { approverId: zhang.id, decision: 'approve', via: 'slack' },
    ]);
    // Nothing said back: the repeat was recognised as this approver's own decision on this version.
    expect(h.fake.calls.filter((c) => c.method === 'response_url')).toEqual([]);

    const en = await ballotOf(contract.id, lee.id);
    expect(
      (await click(lee, 'contract_approve', contract.id, en, h.fake.responseUrl()).response).status,
    ).toBe(200);
    // Approved: the amendment awaits its countersignature; the contract stays active on version 1.
    const [row] = await h.conn.db.select().from(contracts).where(eq(contracts.id, contract.id));
    expect(row).toMatchObject({ status: 'active', currentVersion: 1 });
    const [v2] = await h.conn.db
      .select()
      .from(contractVersions)
      .where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, 2)));
    expect(v2!.status).toBe('signing');
    await h.deliverOutbox();
    await until(() => !actionsBlock(zh) && !actionsBlock(en));
  });

  it('someone who is not an approver is told so, and nothing is stored', async () => {
    const contract = await amendmentInApproval();
    const message = await ballotOf(contract.id, zhang.id);
    const url = h.fake.responseUrl();
    const { response } = click(outsider, 'contract_approve', contract.id, message, url);
    expect((await response).status).toBe(200);
    await ephemeral(url);
    expect((await decisionsOf(contract.id)).filter((d) => d.version === 2)).toEqual([]);
  });

  it('withdrawn while in approval (decision record 047): every card is redrawn as withdrawn with the reason, and a late vote is refused', async () => {
    const contract = await amendmentInApproval();
    const zh = await ballotOf(contract.id, zhang.id);
    const en = await ballotOf(contract.id, lee.id);
    expect(
      (await click(zhang, 'contract_approve', contract.id, zh, h.fake.responseUrl()).response).status,
    ).toBe(200);
    await until(async () => (await decisionsOf(contract.id)).some((d) => d.version === 2));

    const staleEn = structuredClone(en);
    await withdrawAmendment(h.conn.db, drafter!.actor, contract.id, { reason: '改为续签' });
    await h.deliverOutbox();
    await until(() => !actionsBlock(zh) && !actionsBlock(en) && en.text.includes('Withdrawn'));
    expect(en.text).toContain('Withdrawn: 改为续签');
    expect(JSON.stringify(zh.blocks)).toContain('已撤回：改为续签');

    // Lee still had the old buttons on screen: the click is refused and Lee is told so.
    const url = h.fake.responseUrl();
    const { response } = click(lee, 'contract_approve', contract.id, staleEn, url);
    expect((await response).status).toBe(200);
    const reply = await ephemeral(url);
    expect(JSON.stringify(reply)).toContain('no longer waiting for approval');
    expect((await decisionsOf(contract.id)).filter((d) => d.version === 2)).toMatchObject([
      { approverId: zhang.id, decision: 'approve' },
    ]);
    const [v2] = await h.conn.db
      .select()
      .from(contractVersions)
      .where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, 2)));
    expect(v2).toMatchObject({ status: 'withdrawn', withdrawnReason: '改为续签' });
    expect(await statusOf(contract.id)).toBe('active');
  });

  it('a renewal (decision record 047) is put to the approvers as a renewal with its new end', async () => {
    const db = h.conn.db;
    const contract = await inApproval();
    for (const who of [zhang, lee]) {
      const person = await personById(db, who.id);
      await decideContractApproval(db, person!.actor, { contractId: contract.id, decision: 'approve' });
    }
    await uploadSignedContract(db, drafter!.actor, tempStorage, {
      contractId: contract.id,
      fileName: 'signed.pdf',
      bytes: signedPdf(),
    });
    await startRenewal(
      db,
      drafter!.actor,
      contract.id,
      { endDate: '2030-12-31', reason: '续签两年' },
      '2028-06-01',
    );
    await submitContract(db, drafter!.actor, contract.id);
    await h.deliverOutbox();
    const zh = await ballotOf(contract.id, zhang.id);
    await until(() => JSON.stringify(zh.blocks).includes('续签（第 2 版）'));
    expect(JSON.stringify(zh.blocks)).toContain('新期限至 2030');
    expect(JSON.stringify(zh.blocks)).toContain('续签两年');
    expect(actionsBlock(zh)).toBeDefined();
    const en = await ballotOf(contract.id, lee.id);
    await until(() => JSON.stringify(en.blocks).includes('Renewal (version 2)'));
  });
});
