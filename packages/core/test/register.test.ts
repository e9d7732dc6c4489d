import {
  auditLog,
  contracts,
  contractApprovals,
  contractVersions,
  type DatabaseConnection,
  partners,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppError,
  exportDoraRegister,
  exportEbaRegister,
  missingFields,
  partnersWithoutArrangement,
  registerEntry,
  registerReport,
  requiredForCriticalOrImportant,
  setSetting,
  requiredForEvery,
  updateArrangementRegister,
  updateContractRegister,
  updatePartnerRegister,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
type StaffActor = Awaited<ReturnType<typeof makeStaff>>['actor'];
let officer: StaffActor;
let auditor: StaffActor;
let approverId: string;
const today = todayInChina();
const ids: Record<'standard' | 'critical' | 'bare', string> = { standard: '', critical: '', bare: '' };
let criticalPartnerId: string;
let lonePartnerId: string;

/** The base register fields every arrangement needs, as staff enter them on the contract's form. */
const base = {
  functionDescription: '车险理赔查勘 · Motor claims survey',
  dataDescription: '理赔案件 · Claim files',
  personalData: true,
  personalDataKinds: ['identity', 'claims'] as ('identity' | 'claims')[],
  serviceCountries: ['CN'],
  dataCountries: ['CN', 'HK'],
  criticalityAssessedOn: addDays(today, -30),
  partnerNoticeDays: 60,
};
const criticalExtras = {
  riskAssessedOn: addDays(today, -20),
  riskAssessmentResult: 'medium' as const,
  lastAuditOn: addDays(today, -100),
  nextAuditOn: addDays(today, 265),
  discontinuationImpact: 'high' as const,
  alternativeProviders: ['备选理赔服务有限公司'],
  timeCritical: true,
  rtoHours: 4,
  rpoHours: 1,
  regulatorNotifiedOn: addDays(today, -200),
};

/** A contract in force, inserted as the signing flow leaves it: a signed version 1, approved by one approver. */
async function arrangement(partnerId: string, reference: string, startDate = addDays(today, -300)) {
  const [c] = await conn.db
    .insert(contracts)
    .values({ reference, partnerId, serviceCategory: 'claims', status: 'active' })
    .returning();
  await conn.db.insert(contractVersions).values({
    contractId: c!.id,
    version: 1,
    status: 'signed',
    terms: {
      startDate,
      endDate: addDays(today, 400),
      autoRenew: false,
      noticeDays: 90,
      annualValueCents: 123_456_00,
      currency: 'CNY',
      governingLaw: '中华人民共和国法律',
      language: 'zh-CN',
    },
    clauses: [],
  });
  await conn.db.insert(contractApprovals).values({
    contractId: c!.id,
    version: 1,
    approverId,
    decision: 'approve',
  });
  return c!.id;
}

async function partnerWith(criticality: 'critical' | 'standard', name: string) {
  const p = await makePartner(conn.db, { legalName: name });
  await conn.db
    .update(partners)
    .set({ criticality, registeredAddress: '上海市浦东新区世纪大道 100 号', parentCompany: null })
    .where(eq(partners.id, p.id));
  return p;
}

beforeAll(async () => {
  conn = await createTestDatabase();
  officer = (await makeStaff(conn.db, ['risk_officer'])).actor;
  auditor = (await makeStaff(conn.db, ['auditor'])).actor;
  approverId = (await makeStaff(conn.db, ['committee'])).user.id;
  const standard = await partnerWith('standard', '标准理赔有限公司');
  const critical = await partnerWith('critical', '核心理赔有限公司');
  criticalPartnerId = critical.id;
  const bare = await makePartner(conn.db, { legalName: '空白登记有限公司' });
  ids.standard = await arrangement(standard.id, 'REG-0001');
  ids.critical = await arrangement(critical.id, 'REG-0002');
  ids.bare = await arrangement(bare.id, 'REG-0003');
  await updateContractRegister(conn.db, officer, ids.standard, base);
  await updateContractRegister(conn.db, officer, ids.critical, {
    ...base,
    criticalityReason: '核心理赔 · Core claims',
    subcontractors: [{ name: '速达影像', country: 'CN', function: '影像录入' }],
  });
  lonePartnerId = (await makePartner(conn.db, { legalName: '无合同服务有限公司' })).id;
  // The insurer's own entity (decision record 060): the DORA export is refused without it.
  await setSetting(conn.db, (await makeStaff(conn.db, ['admin'])).actor, 'register.entity', {
    nameZh: '前哨保险股份有限公司',
    nameEn: 'Outpost Insurance Co., Ltd.',
    lei: '5493001KJTIIGC8Y1R12',
    country: 'CN',
    competentAuthority: 'NFRA',
    entityType: 'insurance_undertaking',
  });
}, 60_000);

afterAll(async () => {
  await conn?.close();
});

describe('completeness rules', () => {
  it('asks a standard arrangement for the base fields only, a critical one for the critical list too', async () => {
    const standard = await registerEntry(conn.db, auditor, ids.standard, today);
    expect(standard.missing).toEqual([]);
    expect(standard.complete).toBe(true);
    // Filled from live data: partner identity, terms, approvals.
    expect(standard.record).toMatchObject({
      reference: 'REG-0001',
      providerName: '标准理赔有限公司',
      governingLaw: '中华人民共和国法律',
      noticeDays: 90,
      partnerNoticeDays: 60,
      annualValueCents: 123_456_00,
      approvedBy: ['Staff committee'],
    });

    const critical = await registerEntry(conn.db, auditor, ids.critical, today);
    // The same base fields; still lacking what only critical or important arrangements record.
    expect(critical.missing).toEqual([
      'riskAssessedOn',
      'riskAssessmentResult',
      'lastAuditOn',
      'nextAuditOn',
      'substitutability',
      'exitPossibility',
      'discontinuationImpact',
      'alternativeProviders',
      'rtoHours',
      'rpoHours',
      'regulatorNotifiedOn',
    ]);
    expect(missingFields({ ...critical.record, criticality: 'standard' })).toEqual([]);

    const bare = await registerEntry(conn.db, auditor, ids.bare, today);
    expect(bare.missing).toEqual(
      expect.arrayContaining(['registeredAddress', 'functionDescription', 'dataCountries']),
    );
    expect(bare.missing.every((f) => (requiredForEvery as readonly string[]).includes(f))).toBe(true);
    expect(requiredForCriticalOrImportant).toContain('substitutability');
  });

  it('completes a critical arrangement from the register page and the partner’s own fields, keeping the contract form’s', async () => {
    await updatePartnerRegister(conn.db, officer, criticalPartnerId, {
      substitutability: 'difficult',
      exitPossibility: 'in_house',
      exitNotes: '本地化系统对接 · Local system integration',
    });
    const r = await updateArrangementRegister(conn.db, officer, ids.critical, criticalExtras);
    expect(r.changed).toBe(true);
    const entry = await registerEntry(conn.db, auditor, ids.critical, today);
    expect(entry.missing).toEqual([]);
    expect(entry.record.inherited).toEqual(['substitutability', 'exitPossibility', 'exitNotes']);
    expect(entry.record.subcontractors).toHaveLength(1);

    // Saving the contract's own register form again keeps the register page's fields.
    await updateContractRegister(conn.db, officer, ids.critical, {
      ...base,
      criticalityReason: '核心理赔 · Core claims',
      subcontractors: [{ name: '速达影像', country: 'CN', function: '影像录入' }],
    });
    expect((await registerEntry(conn.db, auditor, ids.critical, today)).record.rtoHours).toBe(4);
    // The same record again changes nothing.
    expect((await updateArrangementRegister(conn.db, officer, ids.critical, criticalExtras)).changed).toBe(
      false,
    );
  });

  it('reports counts and filters, and lists partners without a contract in force', async () => {
    const all = await registerReport(conn.db, auditor);
    expect(all).toMatchObject({ total: 3, shown: 3, complete: 2, incomplete: 1 });
    expect(all.entries.map((e) => e.record.reference)).toEqual(['REG-0001', 'REG-0002', 'REG-0003']);
    const incomplete = await registerReport(conn.db, auditor, { completeness: 'incomplete' });
    expect(incomplete.entries.map((e) => e.record.reference)).toEqual(['REG-0003']);
    expect((await registerReport(conn.db, auditor, { criticality: 'critical' })).shown).toBe(1);
    expect((await registerReport(conn.db, auditor, { missing: 'registeredAddress' })).shown).toBe(1);
    const lone = await partnersWithoutArrangement(conn.db, auditor);
    expect(lone.map((p) => p.partnerId)).toContain(lonePartnerId);
  });
});

describe('bad input and permissions', () => {
  it('refuses a register field of the wrong type, naming it, and changes nothing', async () => {
    const before = await conn.db.select().from(auditLog);
    const refused = await updateArrangementRegister(conn.db, officer, ids.standard, {
      rtoHours: 'four' as unknown as number,
    }).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: 'validation_failed', status: 422 });
    const fields = ((refused as AppError).details as { fields: { path: string }[] }).fields;
    expect(fields.map((f) => f.path)).toEqual(['rtoHours']);
    const wrongPartner = await updatePartnerRegister(conn.db, officer, lonePartnerId, {
      substitutability: 'sometimes' as 'easy',
    }).catch((e: AppError) => e);
    expect(wrongPartner).toMatchObject({ code: 'validation_failed' });
    expect(((wrongPartner as AppError).details as { fields: { path: string }[] }).fields[0]!.path).toBe(
      'substitutability',
    );
    await expect(
      registerReport(conn.db, auditor, { criticality: 'vital' as 'critical' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await conn.db.select().from(auditLog)).toHaveLength(before.length);
  });

  it('lets an auditor read and export but change nothing; a partner reads nothing', async () => {
    await expect(updateArrangementRegister(conn.db, auditor, ids.standard, {})).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      updatePartnerRegister(conn.db, auditor, lonePartnerId, { substitutability: 'easy' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await registerReport(conn.db, auditor)).total).toBe(3);
    const partnerUser = await makePartnerUser(conn.db, lonePartnerId);
    await expect(registerReport(conn.db, partnerUser.actor)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(exportDoraRegister(conn.db, partnerUser.actor)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

const templateCodes: Record<string, number> = {
  'b_01.01.csv': 6,
  'b_02.01.csv': 5,
  'b_02.02.csv': 18,
  'b_05.01.csv': 12,
  'b_06.01.csv': 10,
  'b_07.01.csv': 12,
};
const csvRows = (bytes: Uint8Array) =>
  new TextDecoder()
    .decode(bytes)
    .split('\r\n')
    .filter((l) => l !== '');

describe('DORA Register of Information', () => {
  it('holds every core template with its column codes, and is byte-identical on a second export, audited each time', async () => {
    const first = await exportDoraRegister(conn.db, auditor, { asOf: today });
    const files = unzipSync(first.body);
    expect(Object.keys(files)).toEqual(Object.keys(templateCodes));
    for (const [name, n] of Object.entries(templateCodes)) {
      const [header] = csvRows(files[name]!);
      expect(header!.split(',')).toEqual(
        Array.from({ length: n }, (_, i) => `c${String((i + 1) * 10).padStart(4, '0')}`),
      );
    }
    const b0202 = csvRows(files['b_02.02.csv']!).slice(1);
    expect(b0202.map((l) => l.split(',')[0])).toEqual(['REG-0001', 'REG-0002', 'REG-0003']);
    // Governing law as its country; data at rest in CN and HK; notice periods for both sides.
    expect(b0202[0]!.split(',').slice(9, 12)).toEqual(['90', '60', 'CN']);
    expect(b0202[0]).toContain('CN;HK');
    const b0701 = csvRows(files['b_07.01.csv']!).slice(1);
    expect(b0701[1]).toContain('Highly complex substitutability');
    expect(csvRows(files['b_05.01.csv']!)).toHaveLength(4);
    expect(csvRows(files['b_02.01.csv']!)[1]).toBe('REG-0001,Standalone arrangement,,CNY,123456.00');

    const second = await exportDoraRegister(conn.db, officer, { asOf: today });
    expect(Buffer.from(second.body).equals(Buffer.from(first.body))).toBe(true);
    const entries = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'register.dora_exported'));
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => (e.data as { sha256: string }).sha256)).toEqual([first.sha256, first.sha256]);
    expect(entries[0]!.data).toMatchObject({ arrangements: 3, rows: { 'B_02.02': 3, 'B_01.01': 1 } });
  });

  it('for a date before any arrangement started: every template with its header row only', async () => {
    const empty = await exportDoraRegister(conn.db, auditor, { asOf: addDays(today, -1000) });
    expect(empty.arrangements).toBe(0);
    const files = unzipSync(empty.body);
    expect(Object.keys(files)).toEqual(Object.keys(templateCodes));
    for (const name of Object.keys(templateCodes)) {
      expect(csvRows(files[name]!)).toHaveLength(name === 'b_01.01.csv' ? 2 : 1);
    }
    await expect(exportDoraRegister(conn.db, auditor, { asOf: '2026-13-01' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('EBA register export', () => {
  it('writes every register field as CSV and XLSX in the reader’s language, with what is missing, audited', async () => {
    const csv = await exportEbaRegister(conn.db, auditor, { format: 'csv' }, 'en');
    const lines = String(csv.body).replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toContain('Reference number');
    expect(lines[0]).toContain('Substitutability');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain('Registered address');
    const xlsx = await exportEbaRegister(conn.db, auditor, { format: 'xlsx' }, 'zh-CN');
    const rows = await readSheet(Buffer.from(xlsx.body as Uint8Array));
    expect(rows).toHaveLength(4);
    expect(rows[2]).toContain('核心理赔有限公司');
    const audited = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'register.exported'));
    expect(audited.map((a) => (a.data as { format: string }).format)).toEqual(['csv', 'xlsx']);
  });
});
