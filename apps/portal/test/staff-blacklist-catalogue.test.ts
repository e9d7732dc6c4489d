import { getPartner, getSetting, listBlacklist, listRequirements } from '@outpost/core';
import { makePartner } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PortalDeps } from '../app/context';
import {
  addToBlacklistAction,
  previewBlacklistAction,
  removeFromBlacklistAction,
} from '../app/lib/staff/blacklist-actions.server';
import {
  saveCommitteeRuleAction,
  saveRequirementAction,
  saveTrainingDigestAction,
  saveWeightsAction,
} from '../app/lib/staff/catalogue-actions.server';
import type { Viewer } from '../app/lib/viewer.server';
import { argsFor, depsFor, seedCatalogue, staffViewer } from './staff-support';

let conn: DatabaseConnection;
let deps: PortalDeps;
let reviewer: Viewer;
let admin: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  await seedCatalogue(conn.db);
  reviewer = await staffViewer(conn.db, ['reviewer']);
  admin = await staffViewer(conn.db, ['admin']);
});
afterAll(async () => {
  await conn?.close();
});

describe('blacklist forms', () => {
  test('adding an active partner’s code is previewed, needs confirming, then suspends it', async () => {
    const partner = await makePartner(conn.db, { legalName: '问题理赔有限公司' });
    const form = {
      creditCode: partner.creditCode.toLowerCase(),
      name: '问题理赔有限公司',
      reason: '伪造理赔材料',
      evidence: '',
    };
    const preview = await previewBlacklistAction(argsFor(deps, reviewer, form));
    expect(preview).toMatchObject({
      intent: 'preview',
      extra: {
        preview: { matches: [{ id: partner.id, legalName: '问题理赔有限公司', openApplications: 0 }] },
      },
    });
    const unconfirmed = await addToBlacklistAction(argsFor(deps, reviewer, form));
    expect(unconfirmed.status).toBe(409);
    expect((await getPartner(conn.db, reviewer.person.actor, partner.id)).status).toBe('active');
    const result = await addToBlacklistAction(argsFor(deps, reviewer, { ...form, confirmed: 'on' }));
    expect(result).toMatchObject({
      status: 200,
      extra: { suspended: [{ id: partner.id, legalName: '问题理赔有限公司' }] },
    });
    expect((await getPartner(conn.db, reviewer.person.actor, partner.id)).status).toBe('suspended');

    const again = await addToBlacklistAction(
      argsFor(
        deps,
        reviewer,
        { creditCode: partner.creditCode, name: '问题理赔', reason: '重复添加测试' },
        'zh-CN',
      ),
    );
    expect(again.errors?.fields).toEqual({ creditCode: '该统一社会信用代码已在黑名单中。' });
  });

  test('bad input lands on the right fields', async () => {
    const result = await addToBlacklistAction(
      argsFor(deps, reviewer, { creditCode: '123', name: 'x', reason: 'bad' }),
    );
    // Core checks the fields first, then the credit code (with a precise message).
    expect(result.errors?.fields).toEqual({
      name: 'Enter the entity name (2 to 200 characters).',
      reason: 'Give the reason (5 to 2,000 characters).',
    });
    const badCode = await addToBlacklistAction(
      argsFor(deps, reviewer, { creditCode: '123', name: '某公司', reason: '违规经营记录' }),
    );
    expect(badCode.errors?.fields).toEqual({
      creditCode: 'A unified social credit code has exactly 18 characters.',
    });
  });

  test('only administrators remove an entry, after confirming, with a reason', async () => {
    const partner = await makePartner(conn.db, { status: 'invited' });
    await addToBlacklistAction(
      argsFor(deps, reviewer, {
        creditCode: partner.creditCode,
        name: '待移除公司',
        reason: '暂列观察名单',
        confirmed: 'on',
      }),
    );
    const [entry] = (await listBlacklist(conn.db, admin.person.actor, { q: partner.creditCode })).items;
    const remove = (viewer: Viewer, values: Record<string, string>) =>
      removeFromBlacklistAction(argsFor(deps, viewer, { entryId: entry!.id, ...values }));

    expect((await remove(admin, { reason: '核查后误列' })).errors?.fields).toEqual({
      confirm: 'Tick the box to confirm the removal.',
    });
    expect((await remove(reviewer, { reason: '核查后误列', confirm: 'on' })).errors?.form).toBe(
      'You do not have permission to do this.',
    );
    expect((await remove(admin, { reason: '短', confirm: 'on' })).errors?.fields).toEqual({
      reason: 'Give the reason for removal (at least 5 characters).',
    });
    expect(await remove(admin, { reason: '核查后确认为误列入', confirm: 'on' })).toMatchObject({
      status: 200,
      notice: '待移除公司 was removed from the blacklist.',
    });
    expect((await listBlacklist(conn.db, admin.person.actor, { q: partner.creditCode })).total).toBe(0);
  });
});

describe('catalogue and admission settings forms', () => {
  test('a requirement is saved from checkboxes and numbers; a non-expiring one drops its validity', async () => {
    const result = await saveRequirementAction(
      argsFor(deps, admin, {
        key: 'anti_money_laundering',
        nameZh: '反洗钱内控制度',
        nameEn: 'Anti-money-laundering controls',
        descriptionZh: '',
        serviceCategories: ['agency', 'sales_channel'],
        validityMonths: '12',
        mandatory: 'on',
        active: 'on',
        sortOrder: '80',
      }),
    );
    expect(result.status).toBe(200);
    const saved = (await listRequirements(conn.db, admin.person.actor)).find(
      (r) => r.key === 'anti_money_laundering',
    );
    expect(saved).toMatchObject({
      serviceCategories: ['agency', 'sales_channel'],
      expires: false,
      validityMonths: null,
      mandatory: true,
      active: true,
      sortOrder: 80,
      descriptionZh: null,
    });
  });

  test('an expiring requirement needs its validity; a bad key is explained', async () => {
    const result = await saveRequirementAction(
      argsFor(
        deps,
        admin,
        { key: 'Bad Key', nameZh: '测试', nameEn: 'Test', expires: 'on', validityMonths: '' },
        'zh-CN',
      ),
    );
    expect(result.errors?.fields).toEqual({
      key: '请使用 2–60 位小写字母、数字或下划线。',
      validityMonths: '有有效期的资料须填写有效期：1 至 240 个月。',
    });
    const reviewerTry = await saveRequirementAction(
      argsFor(deps, reviewer, { key: 'x_y', nameZh: '测试', nameEn: 'Test' }),
    );
    expect(reviewerTry.status).toBe(403);
  });

  test('committee ratios typed as fractions are stored exactly', async () => {
    expect(
      (await saveCommitteeRuleAction(argsFor(deps, admin, { quorumRatio: '1/2', approvalRatio: '2/3' })))
        .status,
    ).toBe(200);
    expect(await getSetting(conn.db, 'admission.committee')).toEqual({
      quorumRatio: 0.5,
      approvalRatio: 2 / 3,
    });
    const bad = await saveCommitteeRuleAction(
      argsFor(deps, admin, { quorumRatio: '150%', approvalRatio: 'abc' }),
    );
    expect(Object.keys(bad.errors?.fields ?? {}).sort()).toEqual(['approvalRatio', 'quorumRatio']);
  });

  test('weights: negative numbers are refused per field; all zero is refused for the whole form', async () => {
    const negative = await saveWeightsAction(
      argsFor(deps, admin, { financial: '-1', capability: '1', compliance: '1', reputation: '1' }),
    );
    expect(negative.errors?.fields).toEqual({ financial: 'Enter a number of 0 or more.' });
    const zero = await saveWeightsAction(
      argsFor(deps, admin, { financial: '0', capability: '0', compliance: '0', reputation: '0' }),
    );
    expect(zero.errors).toEqual({ form: 'At least one weight must be above 0.' });
    expect(
      (
        await saveWeightsAction(
          argsFor(deps, admin, { financial: '4', capability: '3', compliance: '2', reputation: '1' }),
        )
      ).status,
    ).toBe(200);
    expect(await getSetting(conn.db, 'admission.weights')).toEqual({
      financial: 4,
      capability: 3,
      compliance: 2,
      reputation: 1,
    });
  });

  test('training digest threshold: a percentage is stored as a share; a share above 1 is refused', async () => {
    const bad = await saveTrainingDigestAction(argsFor(deps, admin, { threshold: '120%' }));
    expect(bad.status).toBe(422);
    expect(bad.errors?.fields).toEqual({
      threshold: 'Enter a share above 0 and at most 1, e.g. 1/2, 2/3, 0.6 or 60%.',
    });
    expect(await getSetting(conn.db, 'training.digest')).toEqual({ threshold: 0.9 });
    expect((await saveTrainingDigestAction(argsFor(deps, admin, { threshold: '85%' }))).status).toBe(200);
    expect(await getSetting(conn.db, 'training.digest')).toEqual({ threshold: 0.85 });
  });
});
