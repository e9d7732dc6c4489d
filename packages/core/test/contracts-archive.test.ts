import { auditLog, contracts, type DatabaseConnection } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contractHistory,
  contractPdfFile,
  contractRegister,
  contractVersionDiff,
  decideContractApproval,
  draftContract,
  exportContractArchive,
  getContract,
  listTemplates,
  reviewContract,
  searchContracts,
  setContractApprovers,
  submitContract,
  updateContractRegister,
  updateDraft,
  uploadSignedContract,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { tempStorage } from './admission-support.ts';
import { clauseValues, contractDatabase } from './contracts-support.ts';

let conn: DatabaseConnection;
const storage = tempStorage();
type StaffActor = Awaited<ReturnType<typeof makeStaff>>['actor'];
let officer: StaffActor;
let approver: StaffActor;
let auditor: StaffActor;
let templateId: string;
const today = todayInChina();

const values = clauseValues();
const termsEnding = (days: number) => ({
  startDate: addDays(today, -300),
  endDate: addDays(today, days),
  noticeDays: 30,
  annualValueCents: 30_000_000,
  governingLaw: '中华人民共和国法律',
});

let signedPartner: Awaited<ReturnType<typeof makePartner>>;
let signedId: string;
let soonId: string;
let otherId: string;

async function draftFor(partnerId: string, days: number) {
  return draftContract(conn.db, officer, {
    partnerId,
    templateId,
    terms: termsEnding(days),
    values,
    slaTargets: [{ kpiKey: 'processing_timeliness', comparator: 'gte', target: 95 }],
  });
}

beforeAll(async () => {
  conn = await contractDatabase();
  const { actor: admin } = await makeStaff(conn.db, ['admin']);
  const a = await makeStaff(conn.db, ['committee']);
  approver = a.actor;
  await setContractApprovers(conn.db, admin, { serviceCategory: 'claims', userIds: [a.user.id] });
  officer = (await makeStaff(conn.db, ['risk_officer'])).actor;
  auditor = (await makeStaff(conn.db, ['auditor'])).actor;
  templateId = (await listTemplates(conn.db, officer, { serviceCategory: 'claims' }))[0]!.id;

  // 1. Signed, after one return: version 1 returned, version 2 with an edited clause, signed.
  signedPartner = await makePartner(conn.db, { legalName: '归档测试理赔有限公司' });
  const signed = await draftFor(signedPartner.id, 400);
  signedId = signed.id;
  await submitContract(conn.db, officer, signed.id);
  await decideContractApproval(conn.db, approver, {
    contractId: signed.id,
    decision: 'return',
    reason: '保密期限需要调整',
  });
  const { version } = await getContract(conn.db, officer, signed.id);
  await updateDraft(conn.db, officer, signed.id, {
    terms: { ...termsEnding(400), noticeDays: 45 },
    clauses: version.clauses.map(({ clauseVersionId, titleZh, titleEn, bodyZh, bodyEn, kind }) => ({
      clauseVersionId,
      titleZh,
      titleEn,
      bodyEn: kind === 'subcontracting' ? bodyEn.replace('written consent', 'prior written consent') : bodyEn,
      bodyZh: kind === 'subcontracting' ? bodyZh.replace('书面同意', '事先书面同意') : bodyZh,
    })),
  });
  // The edited clause sends it to legal first.
  expect(await submitContract(conn.db, officer, signed.id)).toMatchObject({ status: 'legal_review' });
  const legal = (await makeStaff(conn.db, ['legal'])).actor;
  await reviewContract(conn.db, legal, signed.id, { decision: 'approve', comments: '分包条款已确认' });
  await decideContractApproval(conn.db, approver, { contractId: signed.id, decision: 'approve' });
  const admin2 = await makePartnerUser(conn.db, signedPartner.id, 'partner_admin');
  const pdf = await contractPdfFile(conn.db, admin2.actor, signed.id);
  await uploadSignedContract(conn.db, admin2.actor, storage, {
    contractId: signed.id,
    fileName: 'signed.pdf',
    bytes: pdf.bytes,
  });

  // 2. Another partner's draft ending within 30 days.
  const soonPartner = await makePartner(conn.db, { legalName: 'Expiring Adjusters Co., Ltd.' });
  soonId = (await draftFor(soonPartner.id, 20)).id;
  // 3. A third one ending in 75 days, without the personal-data clause.
  const other = await makePartner(conn.db);
  const draft = await draftFor(other.id, 75);
  otherId = draft.id;
  const v = (await getContract(conn.db, officer, draft.id)).version;
  await updateDraft(conn.db, officer, draft.id, {
    clauses: v.clauses
      .filter((c) => c.kind !== 'personal_data')
      .map(({ clauseVersionId, titleZh, titleEn, bodyZh, bodyEn }) => ({
        clauseVersionId,
        titleZh,
        titleEn,
        bodyZh,
        bodyEn,
      })),
  });
});
afterAll(() => conn.close());

const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id).sort();

describe('contract archive search', () => {
  it('filters by partner, status, category, clause kind and expiry window', async () => {
    expect(ids(await searchContracts(conn.db, auditor, { partnerId: signedPartner.id }))).toEqual([signedId]);
    expect(ids(await searchContracts(conn.db, auditor, { status: 'active' }))).toEqual([signedId]);
    expect((await searchContracts(conn.db, auditor, { serviceCategory: 'claims' })).total).toBe(3);
    expect((await searchContracts(conn.db, auditor, { serviceCategory: 'it' })).total).toBe(0);
    const withPersonalData = ids(await searchContracts(conn.db, auditor, { clauseKind: 'personal_data' }));
    expect(withPersonalData).toContain(signedId);
    expect(withPersonalData).not.toContain(otherId);
    expect(ids(await searchContracts(conn.db, auditor, { endsWithinDays: 30 }, today))).toEqual([soonId]);
    expect(ids(await searchContracts(conn.db, auditor, { endsWithinDays: 90 }, today))).toEqual(
      [soonId, otherId].sort(),
    );
    expect(
      ids(
        await searchContracts(conn.db, auditor, {
          endsFrom: addDays(today, 60),
          endsTo: addDays(today, 500),
        }),
      ),
    ).toEqual([signedId, otherId].sort());
    await expect(
      searchContracts(conn.db, auditor, { endsFrom: addDays(today, 10), endsTo: today }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('searches the reference, the partner name and clause texts in both languages', async () => {
    const { reference } = (await getContract(conn.db, auditor, signedId)) as { reference: string };
    expect(ids(await searchContracts(conn.db, auditor, { q: reference }))).toEqual([signedId]);
    expect(ids(await searchContracts(conn.db, auditor, { q: '归档测试' }))).toEqual([signedId]);
    expect(ids(await searchContracts(conn.db, auditor, { q: 'expiring adjusters' }))).toEqual([soonId]);
    // Only the signed contract's current version has the edited sub-contracting clause.
    expect(ids(await searchContracts(conn.db, auditor, { q: '事先书面同意' }))).toEqual([signedId]);
    expect(ids(await searchContracts(conn.db, auditor, { q: 'PRIOR WRITTEN CONSENT' }))).toEqual([signedId]);
    // Keys of the stored JSON are not text: "bodyEn" matches nothing; % is a character, not a wildcard.
    expect((await searchContracts(conn.db, auditor, { q: 'bodyEn' })).total).toBe(0);
    expect((await searchContracts(conn.db, auditor, { q: '%' })).total).toBe(0);
  });

  it('keeps pagination', async () => {
    const page1 = await searchContracts(conn.db, auditor, { pageSize: 2, page: 1 });
    const page2 = await searchContracts(conn.db, auditor, { pageSize: 2, page: 2 });
    expect(page1.total).toBe(3);
    expect(page1.items).toHaveLength(2);
    expect(page2.items).toHaveLength(1);
  });

  it('shows a partner only its own contracts from signing on, whatever filter it sends', async () => {
    const own = await makePartnerUser(conn.db, signedPartner.id, 'partner_member');
    expect(ids(await searchContracts(conn.db, own.actor, {}))).toEqual([signedId]);
    expect((await searchContracts(conn.db, own.actor, { endsWithinDays: 30 })).total).toBe(0);
    const stranger = await makePartnerUser(conn.db, (await makePartner(conn.db)).id, 'partner_admin');
    expect((await searchContracts(conn.db, stranger.actor, { partnerId: signedPartner.id })).total).toBe(0);
  });
});

describe('contract archive export', () => {
  it('exports every matching row as CSV and XLSX with headings in the language asked, audited', async () => {
    const zh = await exportContractArchive(
      conn.db,
      auditor,
      { serviceCategory: 'claims' },
      { format: 'csv', locale: 'zh-CN' },
    );
    const csv = String(zh.body);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('合同编号');
    expect(lines).toHaveLength(4);
    expect(csv).toContain('归档测试理赔有限公司');
    expect(csv).toContain('生效');

    const en = await exportContractArchive(
      conn.db,
      auditor,
      { endsWithinDays: 30 },
      { format: 'xlsx', locale: 'en' },
    );
    expect(en.fileName).toMatch(/\.xlsx$/);
    const rows = await readSheet(Buffer.from(en.body as Uint8Array), 1);
    expect(rows[0]).toContain('Reference');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('Expiring Adjusters Co., Ltd.');

    const entries = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'contract.archive_exported'));
    expect(entries).toHaveLength(2);
    expect(entries[1]!.data).toMatchObject({ format: 'xlsx', rows: 1, filters: { endsWithinDays: 30 } });
  });
});

describe('version history', () => {
  it('lists every version, reviews, approvals and signed files for staff, with diffs', async () => {
    const history = await contractHistory(conn.db, auditor, signedId);
    expect(history.versions.map((v) => [v.version, v.state])).toEqual([
      [1, 'returned'],
      [2, 'active'],
    ]);
    expect(history.approvals.map((a) => a.decision)).toEqual(['return', 'approve']);
    expect(history.approvals[0]!.reason).toBe('保密期限需要调整');
    expect(history.reviews.map((r) => r.comments)).toEqual(['分包条款已确认']);
    expect(history.signedFiles).toHaveLength(1);
    expect(history.signedFiles[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const diff = await contractVersionDiff(conn.db, auditor, signedId, 2);
    expect(diff.previousVersion).toBe(1);
    expect(diff.clauses).toHaveLength(1);
    expect(diff.clauses[0]).toMatchObject({ op: 'changed', kind: 'subcontracting' });
    expect(diff.clauses[0]!.zh).toContainEqual({ op: 'added', text: '事先' });
    expect(diff.clauses[0]!.en.filter((p) => p.op === 'added').map((p) => p.text.trim())).toContain('prior');
    expect(diff.terms).toEqual([{ field: 'noticeDays', before: 30, after: 45 }]);
    const first = await contractVersionDiff(conn.db, auditor, signedId, 1);
    expect(first.previousVersion).toBeNull();
    expect(first.clauses.every((c) => c.op === 'added')).toBe(true);
  });

  it('shows the partner only the signed version, no review comments or votes', async () => {
    const own = await makePartnerUser(conn.db, signedPartner.id, 'partner_member');
    const history = await contractHistory(conn.db, own.actor, signedId);
    expect(history.versions.map((v) => v.version)).toEqual([2]);
    expect(history.reviews).toEqual([]);
    expect(history.approvals).toEqual([]);
    expect(history.versions[0]!.submittedBy).toBeNull();
    await expect(contractVersionDiff(conn.db, own.actor, signedId, 1)).rejects.toMatchObject({
      code: 'not_found',
    });
    const stranger = await makePartnerUser(conn.db, (await makePartner(conn.db)).id, 'partner_admin');
    await expect(contractHistory(conn.db, stranger.actor, signedId)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('register fields', () => {
  it('derives the live fields and reports the missing ones', async () => {
    const register = await contractRegister(conn.db, auditor, signedId, today);
    expect(register.derived).toMatchObject({
      endDate: addDays(today, 400),
      noticeDays: 45,
      noticeDeadline: addDays(today, 355),
      governingLaw: '中华人民共和国法律',
      annualValueCents: 30_000_000,
      criticality: 'standard',
      renewalDate: null,
    });
    expect(register.complete).toBe(false);
    expect(register.missing).toContain('functionDescription');
  });

  it('refuses bad values field by field, storing nothing', async () => {
    const error = await updateContractRegister(conn.db, officer, signedId, {
      personalData: true,
      personalDataKinds: [],
      serviceCountries: ['CN', 'XX1'],
      dataCountries: ['ZZ'],
      criticalityAssessedOn: addDays(today, 5),
      subcontractors: [{ name: '', country: 'CN', function: '影像录入' }],
      substitutability: 'sometimes' as 'easy',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    const paths = (error as { details: { fields: { path: string }[] } }).details.fields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'serviceCountries.1',
        'dataCountries.0',
        'subcontractors.0.name',
        'substitutability',
      ]),
    );
    const [row] = await conn.db.select().from(contracts).where(eq(contracts.id, signedId));
    expect(row!.register).toEqual({});
  });

  it('stores, audits before and after, and a repeated save writes nothing twice', async () => {
    const record = {
      functionDescription: '车险理赔查勘与定损',
      dataDescription: '保单、理赔案件、客户联系方式',
      personalData: true,
      personalDataKinds: ['identity' as const, 'claims' as const],
      serviceCountries: ['cn'],
      dataCountries: ['CN', 'CN'],
      criticalityAssessedOn: addDays(today, -10),
      subcontractors: [{ name: '速达影像服务有限公司', country: 'CN', function: '影像录入' }],
      substitutability: 'difficult' as const,
      exitPossibility: 'other_provider' as const,
    };
    expect((await updateContractRegister(conn.db, officer, signedId, record)).changed).toBe(true);
    expect((await updateContractRegister(conn.db, officer, signedId, record)).changed).toBe(false);
    const register = await contractRegister(conn.db, auditor, signedId, today);
    expect(register.stored).toMatchObject({ serviceCountries: ['CN'], dataCountries: ['CN'] });
    expect(register.complete).toBe(true);
    const entries = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'contract.register_updated'), eq(auditLog.entityId, signedId)));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toMatchObject({
      before: {},
      after: { functionDescription: '车险理赔查勘与定损' },
    });

    await updateContractRegister(conn.db, officer, signedId, { ...record, substitutability: 'easy' });
    const [, second] = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'contract.register_updated'), eq(auditLog.entityId, signedId)))
      .orderBy(auditLog.id);
    expect(second!.data).toMatchObject({
      before: { substitutability: 'difficult' },
      after: { substitutability: 'easy' },
    });
  });

  it('is staff business: an auditor may read but not change, a partner neither', async () => {
    await expect(
      updateContractRegister(conn.db, auditor, signedId, { functionDescription: 'x' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const own = await makePartnerUser(conn.db, signedPartner.id, 'partner_admin');
    await expect(contractRegister(conn.db, own.actor, signedId)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      updateContractRegister(conn.db, own.actor, signedId, { functionDescription: 'x' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
