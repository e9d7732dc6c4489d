import { listDepartments, saveExitPlan, setOwnership } from '@outpost/core';
import { contracts, partners, rectificationItems, riskAlerts } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { asc, inArray } from 'drizzle-orm';
import { type SeedContext, staffActor } from './context.ts';
import { activePartners } from './partners.ts';

const nameOf = (key: string) => activePartners.find((p) => p.key === key)!.legalName;

/**
 * Continuity and ownership in the demo (decision record 050): an exit plan for each critical
 * partner — 金盾's review is overdue, so the owner's reminder is due on the first worker run —,
 * and every partner, contract, live alert and rectification item with a department and a
 * responsible person. The IT category is flagged for concentration by the events already seeded
 * (数智 above half of its cases, decision record 041). Runs after seedPeople: the departments
 * default from the people's.
 */
export async function seedContinuity(context: SeedContext): Promise<void> {
  const { db, today } = context;
  const admin = staffActor(context, 'admin@outpost.test');
  const risk = staffActor(context, 'risk@outpost.test');
  const legal = staffActor(context, 'legal@outpost.test');
  const reviewer = staffActor(context, 'reviewer@outpost.test');
  const id = (a: typeof admin) => (a.type === 'staff' ? a.userId : null);
  const rows = await db.select({ id: partners.id, legalName: partners.legalName }).from(partners);
  const partnerId = (key: string) => rows.find((r) => r.legalName === nameOf(key))!.id;

  await saveExitPlan(db, risk, partnerId('xinda'), {
    alternatives: [
      { kind: 'partner', partnerId: partnerId('anshun'), note: '同类理赔服务，已准入' },
      { kind: 'external', name: '平安好车理赔服务有限公司', note: '已询价' },
    ],
    steps: [
      '通知信达并冻结新案分配',
      '在办案件清单交接至安顺',
      '客户与维修网点通知',
      '数据返还与销毁证明',
      '切换理赔系统接口',
    ],
    switchDays: 60,
    dataToMigrate: '在办理赔案件（含影像资料）、客户联系方式、定损记录',
    lastReviewedOn: addDays(today, -120),
    lastTestedOn: addDays(today, -150),
    ownerId: id(risk),
  });
  // Reviewed a year and more ago: due, and its owner is reminded once.
  await saveExitPlan(db, risk, partnerId('jindun'), {
    alternatives: [
      { kind: 'partner', partnerId: partnerId('ruifeng'), note: '核保服务' },
      { kind: 'external', name: '中再风险管理咨询有限公司' },
    ],
    steps: ['评估在保业务', '核保规则与模型迁移', '切换 IT 运维'],
    switchDays: 120,
    dataToMigrate: '核保档案、风险查勘报告、系统运维文档',
    lastReviewedOn: addDays(today, -372),
    lastTestedOn: addDays(today, -400),
    nextReviewOn: addDays(today, -7),
    ownerId: id(risk),
  });
  const shuzhi = await saveExitPlan(db, risk, partnerId('shuzhi'), {
    alternatives: [
      { kind: 'partner', partnerId: partnerId('jindun') },
      { kind: 'external', name: '自建（收回内部 IT 部门）' },
    ],
    steps: ['冻结变更', '源代码与运维文档交接', '账号与密钥回收', '服务切换与回归测试'],
    switchDays: 90,
    dataToMigrate: '工单记录、系统配置、日志',
    lastReviewedOn: addDays(today, -200),
    ownerId: id(admin),
  });
  // A second version: the switch was tested since.
  await saveExitPlan(db, risk, partnerId('shuzhi'), {
    alternatives: [
      { kind: 'partner', partnerId: partnerId('jindun') },
      { kind: 'external', name: '自建（收回内部 IT 部门）' },
    ],
    steps: ['冻结变更', '源代码与运维文档交接', '账号与密钥回收', '服务切换与回归测试'],
    switchDays: 75,
    dataToMigrate: '工单记录、系统配置、日志',
    lastReviewedOn: addDays(today, -30),
    lastTestedOn: addDays(today, -30),
    ownerId: id(admin),
    expectedVersion: shuzhi.version,
  });

  // Ownership: the risk officer looks after the critical and important partners, the
  // administrator the others; partner management owns the relationships.
  const departments = new Map((await listDepartments(db)).map((d) => [d.key, d.id]));
  for (const p of activePartners) {
    await setOwnership(db, admin, {
      entity: 'partner',
      id: partnerId(p.key),
      ownerId: p.criticality === 'standard' ? id(admin) : id(risk),
      departmentId: departments.get('partner_management') ?? null,
    });
  }
  const contractRows = await db
    .select({ id: contracts.id })
    .from(contracts)
    .orderBy(asc(contracts.reference));
  for (const [i, c] of contractRows.entries()) {
    // Legal owns most contracts; every third is run by the risk department.
    await setOwnership(db, admin, {
      entity: 'contract',
      id: c.id,
      ownerId: i % 3 === 2 ? id(risk) : id(legal),
    });
  }
  const live = await db
    .select({ id: riskAlerts.id })
    .from(riskAlerts)
    .where(inArray(riskAlerts.status, ['open', 'acknowledged']));
  for (const a of live) await setOwnership(db, admin, { entity: 'risk_alert', id: a.id, ownerId: id(risk) });
  const items = await db.select({ id: rectificationItems.id }).from(rectificationItems);
  for (const item of items) {
    await setOwnership(db, admin, { entity: 'rectification_item', id: item.id, ownerId: id(reviewer) });
  }
}
