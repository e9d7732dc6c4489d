import { auditLog, contractApprovals, contracts, contractVersions } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalState,
  contractAmendment,
  contractPdfFile,
  decideContractApproval,
  draftContract,
  getContract,
  reviewContract,
  signedContractFile,
  signedCopies,
  staffWorkQueue,
  startAmendment,
  submitContract,
  updateDraft,
  uploadSignedContract,
  withdrawAmendment,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { clauseValues, signingWorld, type StaffActor, standardTerms } from './contracts-support.ts';

type World = Awaited<ReturnType<typeof signingWorld>>;
let conn: World['conn'];
let storage: World['storage'];
let approvers: StaffActor[];
let officer: StaffActor;
let legal: StaffActor;
let templateId: string;
let approveAll: World['approveAll'];
let activeContract: World['activeContract'];
const values = clauseValues();
const terms = standardTerms;

beforeAll(async () => {
  ({ conn, storage, approvers, officer, legal, templateId, approveAll, activeContract } =
    await signingWorld());
});
afterAll(() => conn.close());

const versionsOf = (contractId: string) =>
  conn.db
    .select({
      version: contractVersions.version,
      kind: contractVersions.kind,
      status: contractVersions.status,
    })
    .from(contractVersions)
    .where(eq(contractVersions.contractId, contractId))
    .orderBy(contractVersions.version);

describe('amendments of a contract in force', () => {
  it('the version in force is locked: a change is refused with a clear 409 and nothing is stored', async () => {
    const { contract } = await activeContract();
    const [before] = await conn.db
      .select()
      .from(contractVersions)
      .where(eq(contractVersions.contractId, contract.id));
    await expect(
      updateDraft(conn.db, officer, contract.id, { terms: { ...terms, annualValueCents: 1 } }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409, messageKey: 'errors.contracts.version_locked' });
    await expect(submitContract(conn.db, officer, contract.id)).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'errors.contracts.version_locked',
    });
    const [after] = await conn.db
      .select()
      .from(contractVersions)
      .where(eq(contractVersions.contractId, contract.id));
    expect(after).toEqual(before);
    // A reason is needed to start an amendment; a bad one stores nothing either.
    await expect(startAmendment(conn.db, officer, contract.id, { reason: ' ' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await versionsOf(contract.id)).toEqual([{ version: 1, kind: 'original', status: 'signed' }]);
    // A draft (not in force) is not amended; it is changed.
    const partner = await makePartner(conn.db);
    const draft = await draftContract(conn.db, officer, { partnerId: partner.id, templateId, terms, values });
    await expect(startAmendment(conn.db, officer, draft.id, { reason: '调整金额' })).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'errors.contracts.not_in_force',
    });
  });

  it('drafted, approved and signed while the version in force stays; then it is the current version', async () => {
    const { partner, partnerAdmin, contract } = await activeContract();
    const { actor: partnerMember } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    expect(
      await startAmendment(conn.db, officer, contract.id, { reason: '服务范围扩大，年度金额上调' }),
    ).toEqual({
      contractId: contract.id,
      version: 2,
    });
    // One at a time (also a retried request): the second start is refused, nothing duplicated.
    await expect(startAmendment(conn.db, officer, contract.id, { reason: '再来一次' })).rejects.toMatchObject(
      {
        code: 'conflict',
        messageKey: 'errors.contracts.amendment_open',
      },
    );
    await updateDraft(conn.db, officer, contract.id, {
      terms: { ...terms, annualValueCents: 40_000_000, endDate: '2029-12-31' },
    });
    // The contract stays active on version 1 while the amendment is worked on.
    const inForce = await getContract(conn.db, officer, contract.id);
    expect(inForce).toMatchObject({ status: 'active', currentVersion: 1 });
    expect(inForce.version.terms.annualValueCents).toBe(30_000_000);
    const staffView = await contractAmendment(conn.db, officer, contract.id);
    expect(staffView).toMatchObject({
      status: 'draft',
      reason: '服务范围扩大，年度金额上调',
      inForceVersion: 1,
    });
    expect(staffView!.changes.terms.sort()).toEqual(['annualValueCents', 'endDate']);
    // The partner sees nothing of it yet, not even its PDF.
    expect(await contractAmendment(conn.db, partnerAdmin, contract.id)).toBeNull();
    await expect(contractPdfFile(conn.db, partnerAdmin, contract.id, undefined, 2)).rejects.toMatchObject({
      code: 'not_found',
    });

    expect(await submitContract(conn.db, officer, contract.id)).toMatchObject({
      status: 'approval',
      amendment: true,
    });
    expect(await approvalState(conn.db, officer, contract.id)).toMatchObject({
      status: 'approval',
      version: 2,
      amendment: true,
      tally: { approve: 0, pending: 2 },
    });
    expect(await contractAmendment(conn.db, partnerMember, contract.id)).toBeNull();
    await approveAll(contract.id);
    expect(await getContract(conn.db, officer, contract.id)).toMatchObject({
      status: 'active',
      currentVersion: 1,
    });

    // From signing on the partner sees it, downloads its PDF and uploads the countersigned amendment.
    const forPartner = await contractAmendment(conn.db, partnerMember, contract.id);
    expect(forPartner).toMatchObject({ status: 'signing', version: { version: 2 } });
    expect(forPartner!.libraryChanges).toEqual([]);
    const pdf = await contractPdfFile(conn.db, partnerAdmin, contract.id, 'zh-CN', 2);
    expect(pdf.fileName).toBe(`${contract.reference}-v2.pdf`);
    await uploadSignedContract(conn.db, partnerAdmin, storage, {
      contractId: contract.id,
      fileName: '补充协议回签.pdf',
      bytes: pdf.bytes,
    });
    const after = await getContract(conn.db, partnerMember, contract.id);
    expect(after).toMatchObject({ status: 'active', currentVersion: 2 });
    expect(after.version.terms.annualValueCents).toBe(40_000_000);
    expect(await versionsOf(contract.id)).toEqual([
      { version: 1, kind: 'original', status: 'superseded' },
      { version: 2, kind: 'amendment', status: 'signed' },
    ]);
    expect(await contractAmendment(conn.db, officer, contract.id)).toBeNull();
    // Both countersigned copies are kept, each with its uploader and hash; the old one still downloads.
    const copies = await signedCopies(conn.db, partnerMember, contract.id);
    expect(copies.map((c) => [c.version, c.kind])).toEqual([
      [1, 'original'],
      [2, 'amendment'],
    ]);
    expect(copies[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(copies[1]!.uploadedBy).toBeTruthy();
    expect((await signedContractFile(conn.db, partnerMember, storage, contract.id, 1)).sha256).toBe(
      copies[0]!.sha256,
    );
    // And the amended version is locked in its turn.
    await expect(updateDraft(conn.db, officer, contract.id, { values })).rejects.toMatchObject({
      messageKey: 'errors.contracts.version_locked',
    });
  });

  it('approval of an amendment is idempotent like the original: double decisions refused, one completion', async () => {
    const { contract } = await activeContract();
    await startAmendment(conn.db, officer, contract.id, { reason: '调整通知期' });
    await updateDraft(conn.db, officer, contract.id, { terms: { ...terms, noticeDays: 90 } });
    await submitContract(conn.db, officer, contract.id);
    const [a, b] = approvers as [StaffActor, StaffActor];
    await decideContractApproval(conn.db, a, { contractId: contract.id, decision: 'approve', via: 'slack' });
    await expect(
      decideContractApproval(conn.db, a, { contractId: contract.id, decision: 'approve', via: 'slack' }),
    ).rejects.toMatchObject({ code: 'conflict', messageKey: 'errors.contracts.already_decided' });
    const { actor: stranger } = await makeStaff(conn.db, ['committee']);
    await expect(
      decideContractApproval(conn.db, stranger, { contractId: contract.id, decision: 'approve' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const [r1, r2] = await Promise.all([
      decideContractApproval(conn.db, b, { contractId: contract.id, decision: 'approve' }),
      decideContractApproval(conn.db, b, { contractId: contract.id, decision: 'approve' }).catch((e) => e),
    ]);
    // The row lock orders them: the second finds the amendment already approved (as the bot's retry does).
    expect(r1.outcome).toBe('approved');
    expect(r2).toMatchObject({ code: 'already_decided', messageKey: 'errors.contracts.not_in_approval' });
    const rows = await conn.db
      .select()
      .from(contractApprovals)
      .where(and(eq(contractApprovals.contractId, contract.id), eq(contractApprovals.version, 2)));
    expect(rows).toHaveLength(2);
    const approved = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, contract.id), eq(auditLog.action, 'contract.approved')));
    expect(approved.map((r) => (r.data as { version: number }).version)).toEqual([1, 2]);
    await expect(
      decideContractApproval(conn.db, a, { contractId: contract.id, decision: 'return', reason: '太晚了' }),
    ).rejects.toMatchObject({ code: 'already_decided' });
    const [row] = await conn.db.select().from(contracts).where(eq(contracts.id, contract.id));
    expect(row).toMatchObject({ status: 'active', currentVersion: 1 });
  });

  it('the same legal review rule; a return continues the amendment as the next version; a draft can be withdrawn', async () => {
    const { contract } = await activeContract();
    await startAmendment(conn.db, officer, contract.id, { reason: '年度金额超过阈值' });
    // Above the threshold (¥1,000,000 by default): legal reviews the amendment.
    await updateDraft(conn.db, officer, contract.id, { terms: { ...terms, annualValueCents: 200_000_000 } });
    expect(await submitContract(conn.db, officer, contract.id)).toMatchObject({
      status: 'legal_review',
      legalReviewRequired: true,
    });
    await reviewContract(conn.db, legal, contract.id, { decision: 'return', comments: '请说明金额依据' });
    expect(await versionsOf(contract.id)).toEqual([
      { version: 1, kind: 'original', status: 'signed' },
      { version: 2, kind: 'amendment', status: 'returned' },
      { version: 3, kind: 'amendment', status: 'draft' },
    ]);
    expect(await contractAmendment(conn.db, officer, contract.id)).toMatchObject({
      reason: '年度金额超过阈值',
      version: { version: 3 },
    });
    expect(await getContract(conn.db, officer, contract.id)).toMatchObject({
      status: 'active',
      currentVersion: 1,
    });
    await withdrawAmendment(conn.db, officer, contract.id);
    expect(await contractAmendment(conn.db, officer, contract.id)).toBeNull();
    await expect(withdrawAmendment(conn.db, officer, contract.id)).rejects.toMatchObject({
      code: 'conflict',
    });
    // Withdrawn: a new amendment may start, numbered after every version kept.
    expect(await startAmendment(conn.db, officer, contract.id, { reason: '重新起草' })).toMatchObject({
      version: 4,
    });
  });
});

describe('contracts in the staff work queue', () => {
  const groupOf = async (actor: StaffActor, key: string) =>
    (await staffWorkQueue(conn.db, actor, { limit: 100 })).groups.find((g) => g.key === key);

  it('legal sees reviews, each approver the versions awaiting them, owners what awaits signature', async () => {
    const { contract } = await activeContract();
    await startAmendment(conn.db, officer, contract.id, { reason: '年度金额超过阈值' });
    await updateDraft(conn.db, officer, contract.id, { terms: { ...terms, annualValueCents: 200_000_000 } });
    await submitContract(conn.db, officer, contract.id);
    const review = await groupOf(legal, 'contractsInLegalReview');
    const item = review!.items.find((i) => i.id === contract.id);
    expect(item).toMatchObject({
      href: `/s/contracts/${contract.id}/amendment#contract-review`,
      subject: { zh: `${contract.reference}（补充协议）`, en: `${contract.reference} (amendment)` },
    });
    // Approvers get their group (configured for a category); others never see it.
    const [a, b] = approvers as [StaffActor, StaffActor];
    expect(await groupOf(a, 'contractsAwaitingApproval')).toBeDefined();
    expect(await groupOf(legal, 'contractsAwaitingApproval')).toBeUndefined();
    const notYet = await groupOf(a, 'contractsAwaitingApproval');
    expect(notYet!.items.some((i) => i.id === contract.id)).toBe(false);

    await reviewContract(conn.db, legal, contract.id, { decision: 'approve' });
    expect((await groupOf(legal, 'contractsInLegalReview'))!.items.some((i) => i.id === contract.id)).toBe(
      false,
    );
    const waiting = await groupOf(a, 'contractsAwaitingApproval');
    expect(waiting!.items.find((i) => i.id === contract.id)!.href).toBe(
      `/s/contracts/${contract.id}/amendment#contract-approval`,
    );
    await decideContractApproval(conn.db, a, { contractId: contract.id, decision: 'approve' });
    // Decided: gone from a's queue, still in b's.
    expect((await groupOf(a, 'contractsAwaitingApproval'))!.items.some((i) => i.id === contract.id)).toBe(
      false,
    );
    expect((await groupOf(b, 'contractsAwaitingApproval'))!.items.some((i) => i.id === contract.id)).toBe(
      true,
    );
    await decideContractApproval(conn.db, b, { contractId: contract.id, decision: 'approve' });
    // The owner (who drafted it) is asked for the countersigned copy; another manager is not.
    const sign = await groupOf(officer, 'contractsAwaitingSignature');
    expect(sign!.items.find((i) => i.id === contract.id)!.href).toBe(
      `/s/contracts/${contract.id}/amendment#contract-actions`,
    );
    expect(
      (await groupOf(legal, 'contractsAwaitingSignature'))!.items.some((i) => i.id === contract.id),
    ).toBe(false);
  });
});
