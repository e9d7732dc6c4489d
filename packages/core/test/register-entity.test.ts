import {
  auditLog,
  contracts,
  contractVersions,
  type DatabaseConnection,
  partners,
  settings,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportDoraRegister,
  exportEbaRegister,
  getSetting,
  leiCheckDigits,
  leiProblem,
  missingEntityFields,
  registerReport,
  requiredOfEntity,
  setSetting,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';

/** Decision record 060: the insurer's own legal entity, a setting the register's exports name. */
let conn: DatabaseConnection;
type StaffActor = Awaited<ReturnType<typeof makeStaff>>['actor'];
let admin: StaffActor;
let auditor: StaffActor;
const today = todayInChina();

/** Real LEIs (GLEIF's published examples), checked independently of our code. */
const VALID = ['5493001KJTIIGC8Y1R12', '529900T8BM49AURSDO55', 'HWUPKR0MPOU8FGXBT394'];
const ours = {
  nameZh: '前哨财产保险股份有限公司',
  nameEn: 'Outpost Property & Casualty Insurance Co., Ltd.',
  lei: '300300OUTPOST0000123',
  country: 'CN',
  competentAuthority: 'National Financial Regulatory Administration (NFRA)',
  entityType: 'insurance_undertaking',
};

beforeAll(async () => {
  conn = await createTestDatabase();
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  auditor = (await makeStaff(conn.db, ['auditor'])).actor;
  const p = await makePartner(conn.db, { legalName: '主体测试理赔有限公司' });
  await conn.db
    .update(partners)
    .set({ registeredAddress: '上海市黄浦区中山东一路 1 号' })
    .where(eq(partners.id, p.id));
  const [c] = await conn.db
    .insert(contracts)
    .values({ reference: 'ENT-0001', partnerId: p.id, serviceCategory: 'claims', status: 'active' })
    .returning();
  await conn.db.insert(contractVersions).values({
    contractId: c!.id,
    version: 1,
    status: 'signed',
    terms: {
      startDate: addDays(today, -100),
      endDate: addDays(today, 200),
      autoRenew: false,
      noticeDays: 90,
      annualValueCents: 1_000_00,
      currency: 'CNY',
      governingLaw: '中华人民共和国法律',
      language: 'zh-CN',
    },
    clauses: [],
  });
}, 60_000);
afterAll(async () => {
  await conn?.close();
});

describe('LEI (ISO 17442, check digits MOD 97-10)', () => {
  it('accepts real LEIs and the check digits it computes', () => {
    for (const lei of VALID) expect(leiProblem(lei)).toBeNull();
    expect(leiCheckDigits('5493001KJTIIGC8Y1R')).toBe('12');
    expect(leiProblem(ours.lei)).toBeNull();
  });

  it('names what is wrong: check digits, length, characters', () => {
    expect(leiProblem('5493001KJTIIGC8Y1R21')).toBe('check_digits'); // digits swapped
    expect(leiProblem('5493001KJTIIGC8Y1S12')).toBe('check_digits'); // one character mistyped
    expect(leiProblem('5493001KJTIIGC8Y1R1')).toBe('length');
    expect(leiProblem('5493001KJTIIGC8Y1R123')).toBe('length');
    expect(leiProblem('')).toBe('length');
    expect(leiProblem('5493001KJTIIGC8Y1-12')).toBe('characters');
    expect(leiProblem('5493001KJTIIGC8Y1R1A')).toBe('characters'); // check digits must be digits
  });
});

describe('unset: the DORA export refuses, the EBA file marks it missing', () => {
  it('is listed by the completeness rules and the report', async () => {
    expect(await getSetting(conn.db, 'register.entity')).toBeNull();
    expect(missingEntityFields(null)).toEqual([...requiredOfEntity]);
    expect((await registerReport(conn.db, auditor)).entityMissing).toEqual([...requiredOfEntity]);
  });

  it('refuses the DORA zip with a 409 saying where to set it, and audits no export', async () => {
    await expect(exportDoraRegister(conn.db, auditor, { asOf: today })).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      messageKey: 'register.entity.unset',
      message: expect.stringContaining('under Settings'),
    });
    expect(
      await conn.db.select().from(auditLog).where(eq(auditLog.action, 'register.dora_exported')),
    ).toEqual([]);
  });

  it('writes the EBA file with empty entity columns and "Our legal entity" missing on each row', async () => {
    const csv = await exportEbaRegister(conn.db, auditor, { format: 'csv' }, 'en');
    const [header, row] = String(csv.body).replace('\uFEFF', '').split('\r\n');
    expect(
      header!.startsWith('Entity keeping the register,LEI of the entity keeping the register,Reference'),
    ).toBe(true);
    expect(row!.startsWith(',,ENT-0001,')).toBe(true);
    expect(row).toContain('Our legal entity');
  });
});

describe('set by an administrator', () => {
  it('refuses a wrong LEI with a 422 naming the check digits, and saves nothing', async () => {
    const error = await setSetting(conn.db, admin, 'register.entity', {
      ...ours,
      lei: '300300OUTPOST0000132',
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.details.fields).toEqual([
      expect.objectContaining({ path: 'lei', message: expect.stringMatching(/check digits .* are wrong/) }),
    ]);
    const short = await setSetting(conn.db, admin, 'register.entity', { ...ours, lei: 'ABC' }).catch(
      (e) => e,
    );
    expect(short.details.fields[0]).toMatchObject({
      path: 'lei',
      message: 'An LEI has exactly 20 characters.',
    });
    const country = await setSetting(conn.db, admin, 'register.entity', { ...ours, country: 'XX' }).catch(
      (e) => e,
    );
    expect(country.details.fields[0]).toMatchObject({ path: 'country' });
    expect(await conn.db.select().from(settings).where(eq(settings.key, 'register.entity'))).toEqual([]);
  });

  it('is for administrators only', async () => {
    await expect(setSetting(conn.db, auditor, 'register.entity', ours)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('is saved (LEI and country upper-cased), audited, and each change is audited again', async () => {
    const saved = await setSetting(conn.db, admin, 'register.entity', {
      ...ours,
      lei: ` ${ours.lei.toLowerCase()} `,
      country: 'cn',
    });
    expect(saved).toEqual(ours);
    expect(await getSetting(conn.db, 'register.entity')).toEqual(ours);
    await setSetting(conn.db, admin, 'register.entity', { ...ours, competentAuthority: 'NFRA Shanghai' });
    const entries = await conn.db.select().from(auditLog).where(eq(auditLog.entityId, 'register.entity'));
    expect(
      entries.map((e) => [e.action, (e.data as { value: typeof ours }).value.competentAuthority]),
    ).toEqual([
      ['setting.changed', ours.competentAuthority],
      ['setting.changed', 'NFRA Shanghai'],
    ]);
    await setSetting(conn.db, admin, 'register.entity', ours);
    expect(missingEntityFields(await getSetting(conn.db, 'register.entity'))).toEqual([]);
    expect((await registerReport(conn.db, auditor)).entityMissing).toEqual([]);
  });

  it('names the entity in the DORA zip: B_01.01, and its LEI on every arrangement and function', async () => {
    const zip = await exportDoraRegister(conn.db, auditor, { asOf: today });
    const files = unzipSync(zip.body);
    const rows = (name: string) =>
      new TextDecoder()
        .decode(files[name]!)
        .split('\r\n')
        .filter((l) => l !== '');
    expect(rows('b_01.01.csv')[1]).toBe(
      `${ours.lei},"Outpost Property & Casualty Insurance Co., Ltd.",CN,Insurance undertaking,National Financial Regulatory Administration (NFRA),${today}`,
    );
    expect(rows('b_02.02.csv')[1]!.split(',').slice(0, 2)).toEqual(['ENT-0001', ours.lei]);
    expect(rows('b_06.01.csv')[1]!.split(',')[3]).toBe(ours.lei);
  });

  it('names the entity on every row of the EBA file, in the reader’s language, with nothing missing for it', async () => {
    const zh = await exportEbaRegister(conn.db, auditor, { format: 'csv' }, 'zh-CN');
    const [, row] = String(zh.body).replace('\uFEFF', '').split('\r\n');
    expect(row!.startsWith(`${ours.nameZh},${ours.lei},ENT-0001,`)).toBe(true);
    expect(row).not.toContain('本公司法人主体');
    const en = await exportEbaRegister(conn.db, auditor, { format: 'csv' }, 'en');
    expect(String(en.body)).toContain(`"${ours.nameEn}",${ours.lei},ENT-0001,`);
    expect(String(en.body)).not.toContain('Our legal entity');
  });
});
