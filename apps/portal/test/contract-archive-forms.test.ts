import { updateContractRegister } from '@outpost/core';
import { makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { translate } from '@outpost/i18n';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appErrorToForm } from '../app/lib/app-error.server';
import { archiveFilters } from '../app/lib/contracts/archive-view.server';
import { registerInputOf } from '../app/lib/contracts/register-form.server';
import { formOf } from './staff-support';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

describe('the contract archive’s query string', () => {
  test('reads every filter, drops hand-edited bad values, and turns a reversed window round', () => {
    const params = new URLSearchParams({
      status: 'active',
      category: 'claims',
      kind: 'personal_data',
      partner: '7d0c1b1e-8a43-4c1e-9a55-0f8f0c6f6b1a',
      within: '60',
      from: '2027-06-30',
      to: '2027-01-01',
      q: '  保密  ',
    });
    expect(archiveFilters(params)).toEqual({
      status: 'active',
      serviceCategory: 'claims',
      clauseKind: 'personal_data',
      partnerId: '7d0c1b1e-8a43-4c1e-9a55-0f8f0c6f6b1a',
      endsWithinDays: 60,
      endsFrom: '2027-01-01',
      endsTo: '2027-06-30',
      q: '保密',
    });
    const bad = new URLSearchParams({
      status: 'nope',
      kind: 'x',
      partner: '1',
      within: '45',
      from: '2027-13-40',
    });
    expect(archiveFilters(bad)).toEqual({});
  });
});

describe('the register form', () => {
  test('splits countries and sub-contractor lines; leaves empty fields out', () => {
    const { input, errors } = registerInputOf(
      formOf({
        functionDescription: ' 理赔查勘 ',
        dataDescription: '',
        personalData: 'yes',
        personalDataKinds: ['identity', 'claims'],
        serviceCountries: 'CN, HK，SG',
        subcontractors: '速达影像 | CN | 影像录入\n\nAcme Ltd ｜ SG ｜ Call centre',
        partnerNoticeDays: '60',
      }),
      'zh-CN',
    );
    expect(errors).toEqual({});
    expect(input).toEqual({
      functionDescription: '理赔查勘',
      personalData: true,
      personalDataKinds: ['identity', 'claims'],
      serviceCountries: ['CN', 'HK', 'SG'],
      partnerNoticeDays: 60,
      subcontractors: [
        { name: '速达影像', country: 'CN', function: '影像录入' },
        { name: 'Acme Ltd', country: 'SG', function: 'Call centre' },
      ],
    });
    expect(registerInputOf(formOf({ noSubcontractors: 'on' }), 'en').input).toEqual({ subcontractors: [] });
  });

  test('a line that is not three parts is named by its number', () => {
    const { errors } = registerInputOf(formOf({ subcontractors: 'A | CN | x\nonly a name' }), 'en');
    expect(errors.subcontractors).toBe(
      translate('en', 'contracts.register.badSubcontractorLine', { line: 2 }),
    );
  });

  test('core’s refusals are worded under each field in the reader’s language', async () => {
    const { actor } = await makeStaff(conn.db, ['legal']);
    const raw = await updateContractRegister(conn.db, actor, '7d0c1b1e-8a43-4c1e-9a55-0f8f0c6f6b1a', {
      serviceCountries: ['CN', 'ZZ'],
      substitutability: 'never' as 'easy',
    }).catch((e: unknown) => e);
    const labels = {
      serviceCountries: translate('zh-CN', 'contracts.register.field.serviceCountries'),
      substitutability: translate('zh-CN', 'contracts.register.field.substitutability'),
    };
    const mapped = appErrorToForm(raw, 'zh-CN', labels);
    expect(mapped?.status).toBe(422);
    expect(mapped?.errors.fields?.serviceCountries).toContain('服务所在国家/地区');
    expect(mapped?.errors.fields?.substitutability).toContain('可替代性');
  });
});
