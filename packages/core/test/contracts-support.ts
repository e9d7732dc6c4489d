import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { renderPdf } from '@outpost/pdf';
import {
  decideContractApproval,
  draftContract,
  ensureDefaultContractLibrary,
  ensureDefaultKpis,
  listTemplates,
  setContractApprovers,
  submitContract,
  uploadSignedContract,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { tempStorage } from './admission-support.ts';

export type StaffActor = Awaited<ReturnType<typeof makeStaff>>['actor'];

/** Values for every clause parameter of the default claims template. */
export const clauseValues = (serviceLocations = '上海市浦东新区') => ({
  sla_cure_months: 3,
  service_credit_percent: 5,
  confidentiality_years: 5,
  incident_report_hours: 2,
  liability_cap: 100_000_000,
  audit_notice_days: 10,
  service_locations: serviceLocations,
  recovery_hours: 4,
  termination_notice_days: 90,
  data_return_days: 30,
  training_hours: 36,
});

/** A two-year term from 2027 at ¥300,000 a year: below the legal-review threshold. */
export const standardTerms = {
  startDate: '2027-01-01',
  endDate: '2028-12-31',
  noticeDays: 60,
  annualValueCents: 30_000_000,
  governingLaw: '中华人民共和国法律',
};

/** A test database with the default KPIs and contract library. */
export async function contractDatabase(): Promise<DatabaseConnection> {
  const conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  await ensureDefaultContractLibrary(conn.db);
  return conn;
}

/**
 * A contract database with two approvers for claims (a committee member and a risk officer,
 * set by an admin), a risk officer who drafts, and the claims template's id.
 */
export async function approvalWorld() {
  const conn = await contractDatabase();
  const { actor: admin } = await makeStaff(conn.db, ['admin']);
  const a = await makeStaff(conn.db, ['committee']);
  const b = await makeStaff(conn.db, ['risk_officer']);
  const approvers: StaffActor[] = [a.actor, b.actor];
  await setContractApprovers(conn.db, admin, { serviceCategory: 'claims', userIds: [a.user.id, b.user.id] });
  const officer = (await makeStaff(conn.db, ['risk_officer'])).actor;
  const templateId = (await listTemplates(conn.db, officer, { serviceCategory: 'claims' }))[0]!.id;
  return { conn, approvers, officer, templateId };
}

/**
 * The approval world with a legal reviewer, file storage and a countersigned scan, and the
 * steps to put a contract in force (draft, submit, every approver, the partner's signed copy).
 */
export async function signingWorld() {
  const { conn, approvers, officer, templateId } = await approvalWorld();
  const legal = (await makeStaff(conn.db, ['legal'])).actor;
  const scanned = await renderPdf({
    title: 'signed',
    language: 'zh-CN',
    createdAt: new Date('2027-01-05'),
    blocks: [{ kind: 'paragraph', text: '已盖章' }],
  });
  const storage = tempStorage();
  const values = clauseValues();

  const approveAll = async (contractId: string) => {
    for (const a of approvers) await decideContractApproval(conn.db, a, { contractId, decision: 'approve' });
  };

  /** A standard partner's contract, approved and countersigned: version 1 in force. */
  const activeContract = async (terms: typeof standardTerms & { autoRenew?: boolean } = standardTerms) => {
    const partner = await makePartner(conn.db);
    const { actor: partnerAdmin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const contract = await draftContract(conn.db, officer, {
      partnerId: partner.id,
      templateId,
      terms,
      values,
      slaTargets: [{ kpiKey: 'processing_timeliness', comparator: 'gte', target: 95 }],
    });
    await submitContract(conn.db, officer, contract.id);
    await approveAll(contract.id);
    await uploadSignedContract(conn.db, partnerAdmin, storage, {
      contractId: contract.id,
      fileName: 'signed.pdf',
      bytes: scanned,
    });
    return { partner, partnerAdmin, contract };
  };

  return {
    conn,
    approvers,
    officer,
    legal,
    templateId,
    scanned,
    storage,
    values,
    approveAll,
    activeContract,
  };
}
