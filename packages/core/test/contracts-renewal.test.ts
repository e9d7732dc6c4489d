import { auditLog, contractReminders, contracts, contractVersions, riskAlerts } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalState,
  computeContractExecution,
  contractAmendment,
  currentCompliance,
  evaluateRiskRules,
  saveRiskRule,
  decideContractApproval,
  draftContract,
  parsePeriod,
  reviewContract,
  runContractExpiry,
  startAmendment,
  startRenewal,
  submitContract,
  updateDraft,
  uploadSignedContract,
  withdrawAmendment,
} from '../src/index.ts';
import { makePartner } from '../src/testing/fixtures.ts';
import { clauseValues, signingWorld, type StaffActor, standardTerms } from './contracts-support.ts';

/** Decision record 047: renewal of a contract in force, and withdrawal in review or approval. */
type World = Awaited<ReturnType<typeof signingWorld>>;
let conn: World['conn'];
let storage: World['storage'];
let approvers: StaffActor[];
let officer: StaffActor;
let legal: StaffActor;
let templateId: string;
let scanned: Uint8Array;
let approveAll: World['approveAll'];
let signedContract: World['activeContract'];
const values = clauseValues();
const terms = standardTerms;

beforeAll(async () => {
  ({
    conn,
    storage,
    approvers,
    officer,
    legal,
    templateId,
    scanned,
    approveAll,
    activeContract: signedContract,
  } = await signingWorld());
});
afterAll(() => conn.close());

/** A standard partner's contract (no automatic renewal), approved and countersigned: version 1 in force. */
const activeContract = (autoRenew = false) => signedContract({ ...terms, autoRenew });

const contractRow = async (id: string) =>
  (await conn.db.select().from(contracts).where(eq(contracts.id, id)))[0]!;
const versionRow = async (id: string, version: number) =>
  (
    await conn.db
      .select()
      .from(contractVersions)
      .where(and(eq(contractVersions.contractId, id), eq(contractVersions.version, version)))
  )[0]!;
const auditOf = (id: string, action: string) =>
  conn.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, action)));

describe('renewing a contract in force', () => {
  it('goes through legal review, approval and signing; the contract is renewed and in force with the new term', async () => {
    const { contract, partnerAdmin } = await activeContract();
    // The term ends 2028-12-31; the renewal runs 2029-01-01 – 2030-12-31 at a higher value, which
    // puts it above the legal-review threshold (¥1,000,000).
    const started = await startRenewal(
      conn.db,
      officer,
      contract.id,
      { endDate: '2030-12-31', annualValueCents: 150_000_000, reason: '续签两年' },
      '2028-10-15',
    );
    expect(started).toMatchObject({ version: 2, termStartDate: '2029-01-01' });
    const draft = await versionRow(contract.id, 2);
    expect(draft).toMatchObject({ kind: 'amendment', renewal: true, status: 'draft', reason: '续签两年' });
    expect(draft.terms).toMatchObject({
      startDate: '2027-01-01',
      termStartDate: '2029-01-01',
      endDate: '2030-12-31',
      annualValueCents: 150_000_000,
    });
    // The SLA targets are edited in the draft like an amendment's; the term start is kept.
    await updateDraft(conn.db, officer, contract.id, {
      terms: { ...terms, endDate: '2030-12-31', annualValueCents: 150_000_000 },
      slaTargets: [{ kpiKey: 'processing_timeliness', comparator: 'gte', target: 97 }],
    });
    expect((await versionRow(contract.id, 2)).terms.termStartDate).toBe('2029-01-01');
    expect((await contractAmendment(conn.db, officer, contract.id))?.changes.sla).toBe(true);

    const submitted = await submitContract(conn.db, officer, contract.id);
    expect(submitted).toMatchObject({ status: 'legal_review', renewal: true });
    await reviewContract(conn.db, legal, contract.id, { decision: 'approve' });
    expect((await approvalState(conn.db, officer, contract.id)).renewal).toBe(true);
    await approveAll(contract.id);
    // Still active on version 1 until the countersignature.
    expect(await contractRow(contract.id)).toMatchObject({ status: 'active', currentVersion: 1 });
    await uploadSignedContract(conn.db, partnerAdmin, storage, {
      contractId: contract.id,
      fileName: 'renewal.pdf',
      bytes: scanned,
    });
    expect(await contractRow(contract.id)).toMatchObject({ status: 'renewed', currentVersion: 2 });
    expect((await versionRow(contract.id, 1)).status).toBe('superseded');
    expect(await auditOf(contract.id, 'contract.renewed')).toHaveLength(1);
    expect(await auditOf(contract.id, 'contract.renewal_started')).toHaveLength(1);

    // In force: evaluated, and amendable again.
    const evaluated = await computeContractExecution(conn.db, parsePeriod('2029-03'));
    expect(evaluated.find((r) => r.contractId === contract.id)).toMatchObject({
      version: 2,
      slaResults: [{ kpiKey: 'processing_timeliness', target: 97 }],
    });
    await startAmendment(conn.db, officer, contract.id, { reason: '补充条款' });
    await withdrawAmendment(conn.db, officer, contract.id);
  });

  it('a renewed contract counts as in force for the risk rules and the quarterly targets', async () => {
    const { contract, partner, partnerAdmin } = await activeContract();
    await startRenewal(conn.db, officer, contract.id, { endDate: '2030-12-31' }, '2028-11-15');
    await submitContract(conn.db, officer, contract.id);
    await approveAll(contract.id);
    await uploadSignedContract(conn.db, partnerAdmin, storage, {
      contractId: contract.id,
      fileName: 'renewal.pdf',
      bytes: scanned,
    });
    expect((await contractRow(contract.id)).status).toBe('renewed');
    // On 2028-12-01 the old term would end within 60 days; the renewed one ends in 2030. With no
    // other contract, a rule that also flags "no contract in force" finds nothing either.
    await saveRiskRule(conn.db, officer, {
      kind: 'contract_lapsing',
      nameZh: '合同即将到期',
      nameEn: 'Contract lapsing',
      level: 'warning',
      params: { withinDays: 60, includeNoContract: true },
    });
    await evaluateRiskRules(conn.db, {
      kinds: ['contract_lapsing'],
      partnerIds: [partner.id],
      now: new Date('2028-12-01T04:00:00Z'),
    });
    expect(await conn.db.select().from(riskAlerts).where(eq(riskAlerts.partnerId, partner.id))).toEqual([]);
    // The quarterly targets' compliance check: a contract in force covers the quarter's last day.
    const compliance = await currentCompliance(conn.db, '2029-03-31', new Date('2029-03-31T04:00:00Z'));
    expect(compliance.find((c) => c.partnerId === partner.id)?.reasons ?? []).not.toContain('contract');
  });

  it('the daily job keeps a renewed contract in force, makes it expiring near its new end with fresh reminders, then expired', async () => {
    const { contract, partnerAdmin } = await activeContract();
    // Expiring on the old term first: 2028-11-01 is within 90 days of 2028-12-31.
    await runContractExpiry(conn.db, '2028-11-01');
    expect((await contractRow(contract.id)).status).toBe('expiring');
    await startRenewal(conn.db, officer, contract.id, { endDate: '2029-12-31' }, '2028-11-02');
    await submitContract(conn.db, officer, contract.id);
    await approveAll(contract.id);
    await uploadSignedContract(conn.db, partnerAdmin, storage, {
      contractId: contract.id,
      fileName: 'renewal.pdf',
      bytes: scanned,
    });
    expect((await contractRow(contract.id)).status).toBe('renewed');
    const remindersFor = async (termEnd: string) =>
      (await conn.db.select().from(contractReminders).where(eq(contractReminders.contractId, contract.id)))
        .filter((r) => r.termEnd === termEnd)
        .map((r) => `${r.kind}:${r.days}`)
        .sort();
    const oldReminders = await remindersFor('2028-12-31');
    expect(oldReminders.length).toBeGreaterThan(0);

    // On the old end date and after it: still in force (renewed), no reminder about the old term.
    await runContractExpiry(conn.db, '2028-12-31');
    await runContractExpiry(conn.db, '2029-01-15');
    expect((await contractRow(contract.id)).status).toBe('renewed');
    expect(await remindersFor('2028-12-31')).toEqual(oldReminders);
    // 2029-10-02 is 90 days before the new end: expiring again, the reminders restart for the new term.
    await runContractExpiry(conn.db, '2029-10-02');
    expect((await contractRow(contract.id)).status).toBe('expiring');
    expect(await remindersFor('2029-12-31')).toEqual(['expiry:90', 'notice:30', 'notice:60', 'notice:90']);
    await runContractExpiry(conn.db, '2030-01-01');
    expect((await contractRow(contract.id)).status).toBe('expired');
  });

  it('an early renewal of an automatically renewing contract starts after its current rolling term', async () => {
    const { contract } = await activeContract(true);
    // The term is 731 days (2027-01-01 – 2028-12-31, 2028 a leap year) and rolls on in days: on
    // 2029-06-01 the rolled term ends 2028-12-31 + 731 days = 2031-01-01, so the renewal starts a day later.
    const started = await startRenewal(
      conn.db,
      officer,
      contract.id,
      { endDate: '2033-12-31' },
      '2029-06-01',
    );
    expect(started.termStartDate).toBe('2031-01-02');
    await submitContract(conn.db, officer, contract.id);
    await approveAll(contract.id);
  });

  it('refuses a new end before the current one, a second renewal, and a contract not in force', async () => {
    const { contract } = await activeContract();
    await expect(
      startRenewal(conn.db, officer, contract.id, { endDate: '2028-06-30' }, '2028-01-01'),
    ).rejects.toMatchObject({ status: 422, messageKey: 'errors.contracts.renewal_end' });
    await expect(
      startRenewal(conn.db, officer, contract.id, { endDate: 'next year' }, '2028-01-01'),
    ).rejects.toMatchObject({ status: 422 });
    expect(
      await conn.db.select().from(contractVersions).where(eq(contractVersions.contractId, contract.id)),
    ).toHaveLength(1);
    await startRenewal(conn.db, officer, contract.id, { endDate: '2029-12-31' }, '2028-01-01');
    await expect(
      startRenewal(conn.db, officer, contract.id, { endDate: '2030-12-31' }, '2028-01-01'),
    ).rejects.toMatchObject({ status: 409, messageKey: 'errors.contracts.amendment_open' });
    // A draft renewal moved before the current end is refused at submission.
    await updateDraft(conn.db, officer, contract.id, { terms: { ...terms, endDate: '2028-10-31' } });
    await expect(submitContract(conn.db, officer, contract.id)).rejects.toMatchObject({
      status: 422,
      messageKey: 'errors.contracts.renewal_end',
    });

    const partner = await makePartner(conn.db);
    const draft = await draftContract(conn.db, officer, { partnerId: partner.id, templateId, terms, values });
    await expect(
      startRenewal(conn.db, officer, draft.id, { endDate: '2030-12-31' }, '2028-01-01'),
    ).rejects.toMatchObject({ status: 409, messageKey: 'errors.contracts.not_in_force' });
    const { partnerAdmin } = await activeContract();
    await expect(
      startRenewal(conn.db, partnerAdmin, contract.id, { endDate: '2030-12-31' }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe('withdrawing an amendment or renewal under way', () => {
  it('in legal review: a reason is required, kept and audited; the version in force stays', async () => {
    const { contract } = await activeContract();
    await startRenewal(
      conn.db,
      officer,
      contract.id,
      { endDate: '2030-12-31', annualValueCents: 150_000_000 },
      '2028-01-01',
    );
    await submitContract(conn.db, officer, contract.id);
    expect((await versionRow(contract.id, 2)).status).toBe('legal_review');
    await expect(withdrawAmendment(conn.db, officer, contract.id)).rejects.toMatchObject({
      status: 422,
      messageKey: 'errors.contracts.withdraw_reason',
    });
    expect((await versionRow(contract.id, 2)).status).toBe('legal_review');
    const result = await withdrawAmendment(conn.db, officer, contract.id, { reason: '合作方不再续约' });
    expect(result).toMatchObject({ version: 2, from: 'legal_review', renewal: true });
    expect(await versionRow(contract.id, 2)).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: '合作方不再续约',
    });
    expect(await contractRow(contract.id)).toMatchObject({ status: 'active', currentVersion: 1 });
    const [entry] = await auditOf(contract.id, 'contract.renewal_withdrawn');
    expect(entry!.data).toMatchObject({ version: 2, from: 'legal_review', reason: '合作方不再续约' });
    // Legal can no longer review it.
    await expect(reviewContract(conn.db, legal, contract.id, { decision: 'approve' })).rejects.toMatchObject({
      status: 409,
    });
  });

  it('awaiting approval: the approval shows withdrawn and a later vote is refused; once approved it is not withdrawn', async () => {
    const { contract, partnerAdmin } = await activeContract();
    await startAmendment(conn.db, officer, contract.id, { reason: '调整服务地点' });
    await submitContract(conn.db, officer, contract.id);
    await decideContractApproval(conn.db, approvers[0]!, { contractId: contract.id, decision: 'approve' });
    await withdrawAmendment(conn.db, officer, contract.id, { reason: '改为续签' });
    const state = await approvalState(conn.db, officer, contract.id);
    expect(state).toMatchObject({
      status: 'withdrawn',
      version: 2,
      amendment: true,
      withdrawnReason: '改为续签',
    });
    expect(state.tally).toMatchObject({ approve: 1, pending: 1 });
    await expect(
      decideContractApproval(conn.db, approvers[1]!, { contractId: contract.id, decision: 'approve' }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'errors.contracts.not_in_approval' });
    expect(await contractRow(contract.id)).toMatchObject({ status: 'active', currentVersion: 1 });

    // A next amendment approved by all awaits the partner's signature: no longer withdrawn.
    await startAmendment(conn.db, officer, contract.id, { reason: '调整服务地点' });
    await submitContract(conn.db, officer, contract.id);
    await approveAll(contract.id);
    await expect(
      withdrawAmendment(conn.db, officer, contract.id, { reason: '太晚了' }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'errors.contracts.amendment_approved' });
    await uploadSignedContract(conn.db, partnerAdmin, storage, {
      contractId: contract.id,
      fileName: 'amendment.pdf',
      bytes: scanned,
    });
    expect(await contractRow(contract.id)).toMatchObject({ status: 'active', currentVersion: 3 });
  });
});
