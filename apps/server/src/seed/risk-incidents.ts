import {
  addRemediationTask,
  closeRiskIncident,
  containRiskIncident,
  openRiskIncident,
  saveEmergencyPlan,
  submitRemediationTask,
  uploadTaskEvidence,
  verifyRemediationTask,
} from '@outpost/core';
import { riskAlerts } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import type { Joined } from './admissions.ts';
import { type SeedContext, staffActor } from './context.ts';
import { reportPdf } from './files.ts';
import type { ActivePartner } from './partners.ts';

const HOUR = 3_600_000;
const RISK = 'risk@outpost.test';

/**
 * Emergency handling (decision record 035), after the alerts are in place:
 * - two emergency plans in both languages (data breach; service outage or serious delays);
 * - 恒泰: an incident the administrator opened from its overdue critical alert with the service plan, contained, one
 *   remediation task verified and one awaiting the partner's evidence (due in five days);
 * - 瑞丰: a data-breach incident ten days ago, handled and closed with its root cause and lessons.
 */
export async function seedRiskIncidents(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db } = context;
  const now = context.now.getTime();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
  const risk = staffActor(context, RISK);
  const riskUserId = risk.type === 'staff' ? risk.userId : '';
  const joinedOf = (key: string) => {
    const found = admitted.find((a) => a.partner.key === key);
    if (!found) throw new Error(`seed: no active partner ${key}`);
    return found.joined;
  };

  const breach = await saveEmergencyPlan(db, risk, {
    scenario: 'data_breach',
    titleZh: '客户信息泄露应急预案',
    titleEn: 'Customer data breach plan',
    bodyZh:
      '适用于合作机构**误发、泄露或丢失**客户个人信息的情形。\n\n- 发现后 **2 小时内** 报告风险管理部\n- 24 小时内评估影响范围并决定是否报告监管',
    bodyEn:
      'For a partner that **sends to the wrong person, leaks or loses** customers’ personal data.\n\n- Report to Risk Management **within 2 hours** of discovery\n- Within 24 hours, assess the scope and decide whether to notify the regulator',
    stepsZh: [
      '立即停止相关数据处理并保全日志',
      '确定受影响客户和保单范围',
      '逐一通知受影响客户',
      '评估是否需向监管报告',
      '完成整改并复核',
    ],
    stepsEn: [
      'Stop the processing involved at once and preserve the logs',
      'Establish the customers and policies affected',
      'Tell every affected customer',
      'Decide whether the regulator must be notified',
      'Remediate and review',
    ],
  });
  const outage = await saveEmergencyPlan(db, risk, {
    scenario: 'service_outage',
    serviceCategories: ['agency', 'sales_channel', 'claims', 'customer_service'],
    titleZh: '服务中断与严重超时应急预案',
    titleEn: 'Service outage and serious delays plan',
    bodyZh:
      '适用于合作机构服务中断或大面积超时，影响客户理赔或服务体验的情形。\n\n优先保障**已报案客户**的处理时效。',
    bodyEn:
      'For a partner whose service stops or runs seriously late, affecting customers’ claims or service.\n\nCustomers with **open cases** come first.',
    stepsZh: [
      '启用备用处理渠道',
      '清点积压案件并排定优先级',
      '主动联系受影响客户说明进度',
      '分析原因并制定整改计划',
    ],
    stepsEn: [
      'Switch to the fallback channel',
      'Count the backlog and set priorities',
      'Contact affected customers about progress',
      'Analyse the cause and agree a remediation plan',
    ],
  });

  // 恒泰: the administrator opens an incident from its overdue critical alert (which stays open and
  // overdue for the risk officer to acknowledge) and makes the risk officer responsible.
  const admin = staffActor(context, 'admin@outpost.test');
  const hengtai = joinedOf('hengtai');
  const [alert] = await db
    .select({ id: riskAlerts.id })
    .from(riskAlerts)
    .where(and(eq(riskAlerts.partnerId, hengtai.partnerId), eq(riskAlerts.level, 'critical')))
    .limit(1);
  const { incident: open } = await openRiskIncident(
    db,
    admin,
    {
      ...(alert ? { alertId: alert.id } : { partnerId: hengtai.partnerId }),
      title: '恒泰保险销售结案严重超时',
      severity: 'critical',
      description: '昨日一批 15 件案件全部超过服务时限结案，涉及车险报案客户。',
      affectedScope: '昨日结案的车险报案客户；合作机构的案件处理系统',
      affectedCustomers: 15,
      affectedPolicies: 15,
      affectedSystems: 1,
      containment: '新报案临时转由总部客服受理；积压案件逐件跟进。',
      handlingPlan: '按服务中断预案处理：清点积压、联系客户、合作机构提交整改报告。',
      responsibleId: riskUserId,
      planId: outage.id,
    },
    at(20),
  );
  await containRiskIncident(db, risk, { incidentId: open.id, note: '新报案已全部转由总部受理。' }, at(18));
  const verified = await addRemediationTask(
    db,
    risk,
    {
      incidentId: open.id,
      assignee: 'partner',
      description: '提交积压案件清单及逐件处理进度',
      dueDate: addDays(context.today, -1),
    },
    at(17),
  );
  await uploadTaskEvidence(
    db,
    hengtai.admin,
    context.storage,
    {
      taskId: verified.id,
      fileName: '积压案件清单.pdf',
      bytes: await reportPdf({
        title: '积压案件清单',
        holder: '恒泰保险销售服务有限公司',
        date: context.today,
        body: '15 件超时案件的清单及逐件处理进度，均已联系客户。',
      }),
    },
    {},
    at(11),
  );
  await submitRemediationTask(db, hengtai.admin, { taskId: verified.id, note: '清单及进度见附件。' }, at(10));
  await verifyRemediationTask(db, risk, verified.id, at(8));
  await addRemediationTask(
    db,
    risk,
    {
      incidentId: open.id,
      assignee: 'partner',
      description: '提交超时原因分析及整改报告（含人员与系统措施）',
      dueDate: addDays(context.today, 5),
    },
    at(8),
  );

  // 瑞丰: a data breach ten days ago, closed.
  const { incident: closed } = await openRiskIncident(
    db,
    risk,
    {
      partnerId: joinedOf('ruifeng').partnerId,
      title: '瑞丰核保 核保通知书误发',
      severity: 'warning',
      description: '一批 8 份核保通知书因地址合并错误寄给了其他客户。',
      affectedScope: '8 位投保人的姓名、保单号和体检结论',
      affectedCustomers: 8,
      affectedPolicies: 8,
      containment: '已停止批量寄送并收回 6 份。',
      handlingPlan: '按客户信息泄露预案：通知客户、评估报告义务、修复地址合并程序。',
      responsibleId: riskUserId,
      planId: breach.id,
    },
    at(240),
  );
  await containRiskIncident(db, risk, { incidentId: closed.id }, at(236));
  const internal = await addRemediationTask(
    db,
    risk,
    {
      incidentId: closed.id,
      assignee: 'internal',
      assigneeId: riskUserId,
      description: '逐一电话告知受影响投保人并记录',
      dueDate: addDays(context.today, -7),
    },
    at(235),
  );
  await submitRemediationTask(
    db,
    risk,
    { taskId: internal.id, note: '8 位投保人均已电话告知，无投诉。' },
    at(200),
  );
  await verifyRemediationTask(db, risk, internal.id, at(199));
  await closeRiskIncident(
    db,
    risk,
    {
      incidentId: closed.id,
      rootCause: '地址合并程序在客户地址为空时取用了上一条记录的地址。',
      lessonsLearned: '批量寄送前抽样核对；地址为空的记录不再寄送，转人工处理。',
    },
    at(190),
  );
}
