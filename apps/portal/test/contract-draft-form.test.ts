import { draftContract, ensureDefaultContractLibrary, ensureDefaultKpis, listTemplates } from '@outpost/core';
import { makePartner, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  draftFormErrors,
  readDraftForm,
  templateVariables,
  yuanToCents,
} from '../app/lib/contracts/draft-form.server';
import type { DraftVariable } from '../app/lib/contracts/draft-form';
import { formOf } from './staff-support';

let conn: DatabaseConnection;
let actor: Awaited<ReturnType<typeof makeStaff>>['actor'];
let templateId: string;
let variables: DraftVariable[];

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  await ensureDefaultContractLibrary(conn.db);
  actor = (await makeStaff(conn.db, ['legal'])).actor;
  const [template] = await listTemplates(conn.db, actor, { serviceCategory: 'claims' });
  templateId = template!.id;
  variables = await templateVariables(conn.db, actor, template!.clauseIds, 'zh-CN');
});
afterAll(() => conn?.close());

const terms = {
  startDate: '2027-01-01',
  endDate: '2028-12-31',
  noticeDays: '60',
  annualValue: '300,000.50',
  currency: 'cny',
  governingLaw: '中华人民共和国法律',
  language: 'zh-CN',
};

/** Runs the form through the page's reading and core's drafting, as the action does. */
async function draft(fields: Record<string, string | string[]>) {
  const partner = await makePartner(conn.db);
  const { echo, fields: local, input } = readDraftForm(formOf(fields), variables, 'zh-CN');
  if (Object.keys(local).length > 0) return { local, echo };
  try {
    const contract = await draftContract(conn.db, actor, {
      partnerId: partner.id,
      templateId,
      terms: input.terms as Parameters<typeof draftContract>[2]['terms'],
      values: input.values,
      slaTargets: input.slaTargets,
    });
    return { contract, input };
  } catch (raw) {
    return { mapped: draftFormErrors(raw, 'zh-CN', variables, echo), echo };
  }
}

describe('the contract draft form', () => {
  test('yuan become cents; anything but an amount with at most two decimals is refused', () => {
    expect(yuanToCents('1,000,000')).toBe(100_000_000);
    expect(yuanToCents('12.5')).toBe(1250);
    expect(yuanToCents('0.07')).toBe(7);
    expect(Number.isNaN(yuanToCents('一百万'))).toBe(true);
    expect(Number.isNaN(yuanToCents('1.234'))).toBe(true);
    expect(Number.isNaN(yuanToCents('-5'))).toBe(true);
  });

  test('typed values reach core as numbers, money as cents, blank rows of SLA targets skipped', async () => {
    const result = await draft({
      ...terms,
      'value.liability_cap': '1000000',
      'value.audit_notice_days': '10',
      'value.service_locations': '上海市',
      'value.service_credit_percent': '5',
      'sla.0.kpiKey': 'processing_timeliness',
      'sla.0.comparator': 'gte',
      'sla.0.target': '95',
      'sla.0.period': 'quarter',
      'sla.1.kpiKey': '',
      'sla.1.target': '',
    });
    expect(result.contract).toBeDefined();
    expect(result.input).toMatchObject({
      terms: { annualValueCents: 30_000_050, noticeDays: 60, currency: 'CNY' },
      values: {
        liability_cap: 100_000_000,
        audit_notice_days: 10,
        service_locations: '上海市',
        service_credit_percent: 5,
      },
      slaTargets: [{ kpiKey: 'processing_timeliness', comparator: 'gte', target: 95, period: 'quarter' }],
    });
  });

  test('a value that is not of its type is refused under its own field before core is called', async () => {
    const result = await draft({
      ...terms,
      'value.liability_cap': '一百万',
      'value.audit_notice_days': '十',
    });
    expect(result.local).toEqual({
      'value.liability_cap': '责任上限：请填写以元为单位的金额（不小于 0，最多两位小数）',
      'value.audit_notice_days': '通知期（日）：请填写 0 到 3650 之间的整数天数',
    });
    expect(result.echo?.values.liability_cap).toBe('一百万');
  });

  test('core’s refusals land under the terms, values and SLA rows they concern', async () => {
    const result = await draft({
      ...terms,
      startDate: '',
      endDate: '2026-01-01',
      noticeDays: '',
      governingLaw: '',
      'value.audit_notice_days': '2.5',
      'sla.0.kpiKey': 'processing_timeliness',
      'sla.0.target': '',
    });
    const fields = result.mapped?.errors.fields ?? {};
    expect(result.mapped?.status).toBe(422);
    expect(fields.startDate).toMatch(/^起始日期：/);
    expect(fields.noticeDays).toMatch(/^通知期（天）：/);
    expect(fields.governingLaw).toMatch(/^适用法律：/);
    expect(fields['sla.0.target']).toMatch(/^目标 1 · 目标值：/);

    const values = await draft({ ...terms, 'value.audit_notice_days': '2.5' });
    expect(values.mapped?.errors.fields).toEqual({
      'value.audit_notice_days': '通知期（日）：请填写 0 到 3650 之间的整数天数',
    });

    const kpi = await draft({ ...terms, 'sla.0.kpiKey': 'no_such_kpi', 'sla.0.target': '95' });
    expect(kpi.mapped?.errors.fields).toEqual({ 'sla.0.kpiKey': '指标：请从指标定义中选择' });

    const order = await draft({ ...terms, endDate: '2026-06-30' });
    expect(order.mapped?.errors.fields).toEqual({ endDate: '终止日期：须晚于起始日期' });
  });
});
