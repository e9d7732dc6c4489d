import { addToBlacklist, creditCodeCheckCharacter, getPartner } from '@outpost/core';
import { validCreditCode } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PortalDeps } from '../app/context';
import { invitePartnerAction } from '../app/lib/staff/invite-partner.server';
import type { Viewer } from '../app/lib/viewer.server';
import { argsFor, depsFor, staffViewer } from './staff-support';

let conn: DatabaseConnection;
let deps: PortalDeps;
let reviewer: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  reviewer = await staffViewer(conn.db, ['reviewer']);
});
afterAll(async () => {
  await conn?.close();
});

const invite = (
  values: Record<string, string | string[]>,
  options: { deps?: PortalDeps; viewer?: Viewer; locale?: 'en' | 'zh-CN' } = {},
) =>
  invitePartnerAction(
    argsFor(
      options.deps ?? deps,
      options.viewer ?? reviewer,
      {
        intent: 'invite',
        legalName: '远航信息技术有限公司',
        creditCode: validCreditCode(),
        serviceCategories: ['it'],
        criticality: 'important',
        contactEmail: `it-${Math.random().toString(36).slice(2, 8)}@example.test`,
        ...values,
      },
      options.locale,
    ),
  );

describe('inviting a partner from the staff console', () => {
  test('without SMTP the inviter gets the single-use link on the public address, with its expiry', async () => {
    const result = await invite({ contactEmail: 'Admin@Yuanhang.test' });
    expect(result.status).toBe(200);
    expect(result.notice).toBe('远航信息技术有限公司 has been invited.');
    expect(result.extra?.link).toMatch(/^https:\/\/outpost\.example\.com\/invitations\/[\w-]+\.[\w-]+$/);
    expect(result.extra?.email).toBe('admin@yuanhang.test');
    expect(result.extra?.expiresAt).toBeTruthy();
    const partner = await getPartner(conn.db, reviewer.person.actor, result.extra!.partnerId!);
    expect(partner).toMatchObject({ status: 'invited', criticality: 'important', serviceCategories: ['it'] });
  });

  test('with SMTP the link is e-mailed and never shown', async () => {
    const result = await invite({}, { deps: { ...deps, mailEnabled: true } });
    expect(result.status).toBe(200);
    expect(result.extra?.link).toBeNull();
  });

  test('each credit-code problem gets its own message under the field, in the reader’s language', async () => {
    const first17 = '91310000123456789';
    const wrongCheck = first17 + (creditCodeCheckCharacter(first17) === 'A' ? 'B' : 'A');
    const cases: [string, string][] = [
      ['', '请输入统一社会信用代码。'],
      ['9131000012345', '统一社会信用代码应为 18 位。'],
      ['91310000I2345678OX', '只能使用数字和字母 A–Y（不含 I、O、S、V、Z）。'],
      [wrongCheck, '最后一位校验码不正确，请检查是否输入有误。'],
    ];
    for (const [creditCode, message] of cases) {
      const result = await invite({ creditCode }, { locale: 'zh-CN' });
      expect(result.status).toBe(422);
      expect(result.errors?.fields?.creditCode).toBe(message);
    }
  });

  test('a blacklisted code is refused and staff are told why', async () => {
    const creditCode = validCreditCode();
    await addToBlacklist(conn.db, reviewer.person.actor, {
      creditCode,
      name: '失信代理有限公司',
      reason: '2025 年监管处罚：虚构保险中介业务',
    });
    const result = await invite({ creditCode });
    expect(result.status).toBe(409);
    expect(result.errors?.fields?.creditCode).toBe(
      'This credit code is on the Do-Not-Contract list: 2025 年监管处罚：虚构保险中介业务',
    );
  });

  test('a duplicate code points to the partner that already has it', async () => {
    const creditCode = validCreditCode();
    const first = await invite({ creditCode });
    const second = await invite({ creditCode, legalName: '另一家公司' });
    expect(second.status).toBe(409);
    expect(second.errors?.fields?.creditCode).toBe(
      'A partner with this unified social credit code already exists.',
    );
    expect(second.extra?.existingPartnerId).toBe(first.extra?.partnerId);
  });

  test('invalid fields get translated messages, never core’s English text', async () => {
    const result = await invite(
      { legalName: 'x', serviceCategories: [], contactEmail: 'not-an-email' },
      { locale: 'zh-CN' },
    );
    expect(result.status).toBe(422);
    expect(result.errors?.form).toBe('部分字段无效，请检查后重试。');
    expect(result.errors?.fields).toEqual({
      legalName: '请填写法定名称（2 至 200 个字符）。',
      serviceCategories: '请至少选择一个服务类别。',
      contactEmail: '请填写有效的电子邮箱地址。',
    });
  });

  test('someone without the permission is refused by core (the page hides the form too)', async () => {
    const auditor = await staffViewer(conn.db, ['auditor']);
    const result = await invite({}, { viewer: auditor });
    expect(result.status).toBe(403);
    expect(result.errors?.form).toBe('You do not have permission to do this.');
  });
});
