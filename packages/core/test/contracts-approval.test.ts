import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditLog, contractSignedFiles, type DatabaseConnection, notifications } from '@outpost/db';
import { renderPdf } from '@outpost/pdf';
import { pdfText } from '@outpost/pdf/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalState,
  contractPdfFile,
  decideContractApproval,
  draftContract,
  getContract,
  listContracts,
  signedContractFile,
  submitContract,
  updateDraft,
  uploadSignedContract,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { tempStorage } from './admission-support.ts';
import { approvalWorld, clauseValues, type StaffActor, standardTerms } from './contracts-support.ts';

let conn: DatabaseConnection;
const storage = tempStorage();
let approvers: StaffActor[] = [];
let officer: StaffActor;
let templateId: string;
const values = clauseValues();
const terms = standardTerms;

beforeAll(async () => {
  ({ conn, approvers, officer, templateId } = await approvalWorld());
});
afterAll(() => conn.close());

/** A standard partner's contract below the threshold: straight to the approvers. */
async function inApproval() {
  const partner = await makePartner(conn.db);
  const contract = await draftContract(conn.db, officer, {
    partnerId: partner.id,
    templateId,
    terms,
    values,
    slaTargets: [{ kpiKey: 'processing_timeliness', comparator: 'gte', target: 95 }],
  });
  expect(await submitContract(conn.db, officer, contract.id)).toMatchObject({ status: 'approval' });
  return { partner, contract };
}

const staffId = (actor: (typeof approvers)[number]) => (actor.type === 'staff' ? actor.userId : '');

describe('contract approval and signing', () => {
  it('needs every configured approver; a second decision by the same approver is refused', async () => {
    const { contract } = await inApproval();
    const [a, b] = approvers as [(typeof approvers)[0], (typeof approvers)[0]];
    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, staffId(a)),
          eq(notifications.template, 'notify.contract_approval_needed'),
        ),
      );
    expect(inbox.map((n) => n.link)).toContain(`/s/contracts/${contract.id}`);

    expect(
      await decideContractApproval(conn.db, a, { contractId: contract.id, decision: 'approve' }),
    ).toMatchObject({
      outcome: null,
      tally: { approve: 1, pending: 1, approvers: 2 },
    });
    await expect(
      decideContractApproval(conn.db, a, { contractId: contract.id, decision: 'approve', via: 'slack' }),
    ).rejects.toMatchObject({ code: 'conflict', messageKey: 'errors.contracts.already_decided' });
    const { actor: stranger } = await makeStaff(conn.db, ['committee']);
    await expect(
      decideContractApproval(conn.db, stranger, { contractId: contract.id, decision: 'approve' }),
    ).rejects.toMatchObject({ code: 'forbidden', messageKey: 'errors.contracts.not_approver' });
    expect(
      await decideContractApproval(conn.db, b, { contractId: contract.id, decision: 'approve' }),
    ).toMatchObject({
      outcome: 'approved',
    });
    expect((await getContract(conn.db, officer, contract.id)).status).toBe('signing');
    await expect(
      decideContractApproval(conn.db, b, { contractId: contract.id, decision: 'return', reason: '太晚了' }),
    ).rejects.toMatchObject({ code: 'already_decided' });
  });

  it('two approvers deciding at once: both count, exactly one completes the approval', async () => {
    const { contract } = await inApproval();
    const results = await Promise.all(
      approvers.map((actor) =>
        decideContractApproval(conn.db, actor, { contractId: contract.id, decision: 'approve' }),
      ),
    );
    expect(results.map((r) => r.outcome).sort()).toEqual(['approved', null]);
    const state = await approvalState(conn.db, officer, contract.id);
    expect(state).toMatchObject({ status: 'signing', tally: { approve: 2, pending: 0 } });
    const approved = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, contract.id), eq(auditLog.action, 'contract.approved')))
      .orderBy(auditLog.id);
    expect(approved).toHaveLength(1);
  });

  it('a return needs a reason and sends the contract back to draft as a new version', async () => {
    const { contract } = await inApproval();
    await expect(
      decideContractApproval(conn.db, approvers[0]!, { contractId: contract.id, decision: 'return' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(
      await decideContractApproval(conn.db, approvers[0]!, {
        contractId: contract.id,
        decision: 'return',
        reason: '年度金额需复核',
      }),
    ).toMatchObject({ outcome: 'returned' });
    const back = await getContract(conn.db, officer, contract.id);
    expect(back).toMatchObject({ status: 'draft', currentVersion: 2 });
    // The new version is a draft again: it can change and be submitted, and the approvers start afresh.
    await updateDraft(conn.db, officer, contract.id, { terms: { ...terms, annualValueCents: 25_000_000 } });
    await submitContract(conn.db, officer, contract.id);
    expect((await approvalState(conn.db, officer, contract.id)).tally).toMatchObject({
      approve: 0,
      pending: 2,
    });
  });

  it('makes the PDF from the approved version with extractable Chinese; the partner signs; the file is checked', async () => {
    const { partner, contract } = await inApproval();
    const { actor: partnerAdmin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const { actor: partnerMember } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    const other = await makePartner(conn.db);
    const { actor: foreign } = await makePartnerUser(conn.db, other.id, 'partner_admin');
    await expect(contractPdfFile(conn.db, officer, contract.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(contractPdfFile(conn.db, partnerAdmin, contract.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    for (const a of approvers)
      await decideContractApproval(conn.db, a, { contractId: contract.id, decision: 'approve' });

    const zh = await contractPdfFile(conn.db, partnerAdmin, contract.id);
    const { text } = await pdfText(zh.bytes);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('外包服务合同');
    expect(flat).toContain(contract.reference);
    expect(flat).toContain('上海市浦东新区');
    expect(flat).toContain('第1条双方职责');
    expect(flat).toContain('1,000,000元'); // the liability cap, in yuan
    const en = await contractPdfFile(conn.db, partnerAdmin, contract.id, 'en');
    expect((await pdfText(en.bytes)).text).toContain('Outsourcing services agreement');
    await expect(contractPdfFile(conn.db, foreign, contract.id)).rejects.toMatchObject({ code: 'not_found' });

    // Not a PDF, too large, or from a member: refused, nothing stored.
    await expect(
      uploadSignedContract(conn.db, partnerAdmin, storage, {
        contractId: contract.id,
        fileName: 'signed.png',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
      }),
    ).rejects.toMatchObject({ code: 'unsupported_media_type' });
    await expect(
      uploadSignedContract(
        conn.db,
        partnerAdmin,
        storage,
        { contractId: contract.id, fileName: 'signed.pdf', bytes: zh.bytes },
        { maxBytes: 100 },
      ),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(
      uploadSignedContract(conn.db, partnerMember, storage, {
        contractId: contract.id,
        fileName: 'signed.pdf',
        bytes: zh.bytes,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      uploadSignedContract(conn.db, foreign, storage, {
        contractId: contract.id,
        fileName: 'signed.pdf',
        bytes: zh.bytes,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(
      await conn.db.select().from(contractSignedFiles).where(eq(contractSignedFiles.contractId, contract.id)),
    ).toEqual([]);

    const scanned = await renderPdf({
      title: 'signed',
      language: 'zh-CN',
      createdAt: new Date('2027-01-05'),
      blocks: [{ kind: 'paragraph', text: '已盖章' }],
    });
    const signed = await uploadSignedContract(conn.db, partnerAdmin, storage, {
      contractId: contract.id,
      fileName: '回签件.pdf',
      bytes: scanned,
    });
    expect(signed.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await getContract(conn.db, partnerMember, contract.id)).status).toBe('active');
    expect((await listContracts(conn.db, partnerMember)).items.map((c) => c.id)).toEqual([contract.id]);
    // Signed once: a second upload and any change of the active version are refused.
    await expect(
      uploadSignedContract(conn.db, partnerAdmin, storage, {
        contractId: contract.id,
        fileName: 'again.pdf',
        bytes: scanned,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(updateDraft(conn.db, officer, contract.id, { values })).rejects.toMatchObject({
      code: 'conflict',
    });

    const file = await signedContractFile(conn.db, partnerMember, storage, contract.id);
    expect(file.sha256).toBe(signed.sha256);
    expect(Buffer.from(file.bytes).equals(Buffer.from(scanned))).toBe(true);
    // Someone changes the stored bytes: the download is refused, not served.
    const [row] = await conn.db
      .select()
      .from(contractSignedFiles)
      .where(eq(contractSignedFiles.contractId, contract.id));
    writeFileSync(path.join(storage.root, row!.storageKey), Buffer.from('tampered'));
    await expect(signedContractFile(conn.db, officer, storage, contract.id)).rejects.toMatchObject({
      code: 'integrity_failed',
    });
  });
});
