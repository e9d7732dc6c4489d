import { auditLog, contractClauses, type DatabaseConnection, partners } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  draftContract,
  ensureDefaultContractLibrary,
  ensureDefaultKpis,
  getContract,
  listClauses,
  listContracts,
  listTemplates,
  reviewContract,
  saveClause,
  setContractApprovers,
  setMandatoryKinds,
  setSetting,
  submitContract,
  updateDraft,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  await ensureDefaultContractLibrary(conn.db);
  const { actor: admin, user } = await makeStaff(conn.db, ['admin']);
  await setContractApprovers(conn.db, admin, { serviceCategory: 'claims', userIds: [user.id] });
});
afterAll(() => conn.close());

const terms = {
  startDate: '2027-01-01',
  endDate: '2029-12-31',
  noticeDays: 90,
  annualValueCents: 50_000_000,
  governingLaw: '中华人民共和国法律',
};
/** A value for every variable of the default clauses. */
const values = {
  sla_cure_months: 3,
  service_credit_percent: 5,
  confidentiality_years: 5,
  incident_report_hours: 2,
  liability_cap: 1_000_000_00,
  audit_notice_days: 10,
  service_locations: '上海市',
  recovery_hours: 4,
  termination_notice_days: 90,
  data_return_days: 30,
  training_hours: 36,
};

async function claimsTemplate() {
  const { actor } = await makeStaff(conn.db, ['legal']);
  const [template] = await listTemplates(conn.db, actor, { serviceCategory: 'claims' });
  return template!;
}

async function partnerOf(criticality: 'critical' | 'important' | 'standard') {
  const partner = await makePartner(conn.db);
  await conn.db.update(partners).set({ criticality }).where(eq(partners.id, partner.id));
  return partner;
}

describe('contract drafting and legal review', () => {
  it('seeds the library once: a clause of every kind, a template per category, mandatory sets', async () => {
    await ensureDefaultContractLibrary(conn.db);
    const { actor } = await makeStaff(conn.db, ['auditor']);
    const clauses = await listClauses(conn.db, actor);
    expect(clauses).toHaveLength(16);
    expect(new Set(clauses.map((c) => c.kind)).size).toBe(16);
    expect((await listTemplates(conn.db, actor)).map((t) => t.serviceCategory)).toContain('claims');
  });

  it('refuses a clause whose text uses an undeclared variable, and versions an edit', async () => {
    const { actor: legal } = await makeStaff(conn.db, ['legal']);
    await expect(
      saveClause(conn.db, legal, {
        kind: 'confidentiality',
        titleZh: '保密',
        titleEn: 'Confidentiality',
        bodyZh: '保密{{years}}年。',
        bodyEn: 'Confidential for {{yaers}} years.',
        variables: [{ name: 'years', type: 'number', labelZh: '年限', labelEn: 'Years' }],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const first = await saveClause(conn.db, legal, {
      kind: 'confidentiality',
      titleZh: '保密（简）',
      titleEn: 'Confidentiality (short)',
      bodyZh: '保密{{years}}年。',
      bodyEn: 'Confidential for {{years}} years.',
      variables: [{ name: 'years', type: 'number', labelZh: '年限', labelEn: 'Years' }],
    });
    const second = await saveClause(conn.db, legal, {
      clauseId: first.clauseId,
      kind: 'confidentiality',
      titleZh: '保密（简）',
      titleEn: 'Confidentiality (short)',
      bodyZh: '保密{{years}}年，终止后仍有效。',
      bodyEn: 'Confidential for {{years}} years, after the end too.',
      variables: [{ name: 'years', type: 'number', labelZh: '年限', labelEn: 'Years' }],
    });
    expect(second.version).toBe(2);
    const { actor: officer } = await makeStaff(conn.db, ['risk_officer']);
    await expect(
      saveClause(conn.db, officer, {
        clauseId: first.clauseId,
        kind: 'confidentiality',
        titleZh: second.titleZh,
        titleEn: second.titleEn,
        bodyZh: second.bodyZh,
        bodyEn: second.bodyEn,
        variables: second.variables,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await conn.db.delete(contractClauses).where(eq(contractClauses.id, first.clauseId));
  });

  it('checks variable types and SLA KPIs when drafting, and keeps nothing of a refused draft', async () => {
    const { actor: officer } = await makeStaff(conn.db, ['risk_officer']);
    const partner = await partnerOf('standard');
    const template = await claimsTemplate();
    const base = { partnerId: partner.id, templateId: template.id, terms };
    await expect(
      draftContract(conn.db, officer, { ...base, values: { ...values, recovery_hours: '四小时' } }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { values: [{ name: 'recovery_hours' }] } });
    await expect(
      draftContract(conn.db, officer, {
        ...base,
        values,
        slaTargets: [{ kpiKey: 'no_such_kpi', comparator: 'gte', target: 95 }],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { kpiKeys: ['no_such_kpi'] } });
    await expect(
      draftContract(conn.db, officer, { ...base, terms: { ...terms, endDate: '2026-01-01' }, values }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const { actor: auditor } = await makeStaff(conn.db, ['auditor']);
    await expect(draftContract(conn.db, auditor, { ...base, values })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await listContracts(conn.db, auditor, { partnerId: partner.id })).total).toBe(0);
  });

  it('skips legal review for a standard partner below the threshold; requires it above', async () => {
    const { actor: officer } = await makeStaff(conn.db, ['risk_officer']);
    const { actor: admin } = await makeStaff(conn.db, ['admin']);
    await setSetting(conn.db, admin, 'contracts.legalReview', { annualValueCents: 80_000_000 });
    const template = await claimsTemplate();
    const below = await draftContract(conn.db, officer, {
      partnerId: (await partnerOf('standard')).id,
      templateId: template.id,
      terms,
      values,
      slaTargets: [{ kpiKey: 'processing_timeliness', comparator: 'gte', target: 95 }],
    });
    expect(below.reference).toMatch(/^HT-2027-\d{4}$/);
    expect(await submitContract(conn.db, officer, below.id)).toMatchObject({
      status: 'approval',
      legalReviewRequired: false,
    });
    const above = await draftContract(conn.db, officer, {
      partnerId: (await partnerOf('standard')).id,
      templateId: template.id,
      terms: { ...terms, annualValueCents: 90_000_000 },
      values,
    });
    expect(await submitContract(conn.db, officer, above.id)).toMatchObject({ status: 'legal_review' });
    const critical = await draftContract(conn.db, officer, {
      partnerId: (await partnerOf('critical')).id,
      templateId: template.id,
      terms,
      values,
    });
    expect(await submitContract(conn.db, officer, critical.id)).toMatchObject({ status: 'legal_review' });
    // Once submitted the version is frozen.
    await expect(updateDraft(conn.db, officer, below.id, { values })).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'errors.contracts.not_draft',
    });
  });

  it('refuses submission while a mandatory clause is missing, naming it', async () => {
    const { actor: officer } = await makeStaff(conn.db, ['risk_officer']);
    const template = await claimsTemplate();
    const contract = await draftContract(conn.db, officer, {
      partnerId: (await partnerOf('important')).id,
      templateId: template.id,
      terms,
      values,
    });
    const { version } = await getContract(conn.db, officer, contract.id);
    const withoutExit = version.clauses.filter((c) => c.kind !== 'exit_data' && c.kind !== 'audit_rights');
    await updateDraft(conn.db, officer, contract.id, {
      clauses: withoutExit.map(({ clauseVersionId, titleZh, titleEn, bodyZh, bodyEn }) => ({
        clauseVersionId,
        titleZh,
        titleEn,
        bodyZh,
        bodyEn,
      })),
    });
    const refused = submitContract(conn.db, officer, contract.id);
    await expect(refused).rejects.toMatchObject({
      code: 'validation_failed',
      messageKey: 'errors.contracts.mandatory_missing',
      details: { kinds: expect.arrayContaining(['audit_rights', 'exit_data']) },
    });
    await expect(refused).rejects.toThrow(/audit_rights/);
    // Legal narrows the set for important claims partners: then it goes through.
    const { actor: legal } = await makeStaff(conn.db, ['legal']);
    await setMandatoryKinds(conn.db, legal, {
      serviceCategory: 'claims',
      criticality: 'important',
      kinds: ['responsibilities', 'confidentiality'],
    });
    expect(await submitContract(conn.db, officer, contract.id)).toMatchObject({ status: 'legal_review' });
    await setMandatoryKinds(conn.db, legal, {
      serviceCategory: 'claims',
      criticality: 'important',
      kinds: withoutExit.map((c) => c.kind).concat(['audit_rights', 'exit_data']),
    });
  });

  it('flags an edited clause to legal with a readable word diff; return keeps the reviewed version', async () => {
    const { actor: officer } = await makeStaff(conn.db, ['risk_officer']);
    const { actor: legal } = await makeStaff(conn.db, ['legal']);
    const template = await claimsTemplate();
    const contract = await draftContract(conn.db, officer, {
      partnerId: (await partnerOf('standard')).id,
      templateId: template.id,
      terms,
      values,
    });
    const { version } = await getContract(conn.db, officer, contract.id);
    const clauses = version.clauses.map(({ clauseVersionId, titleZh, titleEn, bodyZh, bodyEn, kind }) => ({
      clauseVersionId,
      titleZh,
      titleEn,
      bodyEn: kind === 'subcontracting' ? bodyEn.replace('written consent', 'prior written consent') : bodyEn,
      bodyZh: kind === 'subcontracting' ? bodyZh.replace('书面同意', '事先书面同意') : bodyZh,
    }));
    await updateDraft(conn.db, officer, contract.id, { clauses });
    // Edited text goes to legal even though the partner is standard and the value is low.
    expect(await submitContract(conn.db, officer, contract.id)).toMatchObject({
      status: 'legal_review',
      edited: ['subcontracting'],
    });
    const read = await getContract(conn.db, legal, contract.id);
    expect(read.changes).toHaveLength(1);
    expect(read.changes[0]).toMatchObject({ kind: 'subcontracting', added: false });
    expect(read.changes[0]!.en.filter((p) => p.op === 'added').map((p) => p.text.trim())).toEqual(['prior']);
    expect(read.changes[0]!.zh.filter((p) => p.op !== 'same').map((p) => p.text)).toContain('事先');

    await expect(
      reviewContract(conn.db, legal, contract.id, { decision: 'return', comments: '' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      reviewContract(conn.db, officer, contract.id, { decision: 'approve' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await reviewContract(conn.db, legal, contract.id, { decision: 'return', comments: '请保留原文' });
    const returned = await getContract(conn.db, legal, contract.id);
    expect(returned).toMatchObject({ status: 'draft', currentVersion: 2 });
    expect(returned.reviews).toEqual([
      expect.objectContaining({ version: 1, decision: 'returned', comments: '请保留原文' }),
    ]);
    // Back to the library text: no edit is left, so legal is no longer needed; the approvers are next.
    await updateDraft(conn.db, officer, contract.id, {
      clauses: version.clauses.map(({ clauseVersionId, titleZh, titleEn, bodyZh, bodyEn }) => ({
        clauseVersionId,
        titleZh,
        titleEn,
        bodyZh,
        bodyEn,
      })),
    });
    expect(await submitContract(conn.db, officer, contract.id)).toMatchObject({ status: 'approval' });
    await expect(reviewContract(conn.db, legal, contract.id, { decision: 'approve' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const actions = await conn.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, contract.id))
      .orderBy(auditLog.id);
    expect(actions.map((a) => a.action)).toEqual([
      'contract.drafted',
      'contract.draft_updated',
      'contract.submitted',
      'contract.legal_returned',
      'contract.draft_updated',
      'contract.submitted',
    ]);
  });

  it('a partner sees only its own contracts, from signing on, and nothing internal', async () => {
    const { actor: officer } = await makeStaff(conn.db, ['risk_officer']);
    const partner = await partnerOf('standard');
    const other = await partnerOf('standard');
    const { actor: own } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const { actor: foreign } = await makePartnerUser(conn.db, other.id, 'partner_admin');
    const template = await claimsTemplate();
    const contract = await draftContract(conn.db, officer, {
      partnerId: partner.id,
      templateId: template.id,
      terms,
      values,
    });
    // Still being drafted inside: not the partner's to see yet.
    await expect(getContract(conn.db, own, contract.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await listContracts(conn.db, own)).total).toBe(0);
    await expect(getContract(conn.db, foreign, contract.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      draftContract(conn.db, own, { partnerId: partner.id, templateId: template.id, terms, values }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(getContract(conn.db, own, 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
  });
});
