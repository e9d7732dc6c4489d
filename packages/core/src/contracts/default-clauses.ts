import type { ClauseKind, ClauseVariable, criticalities } from '@outpost/db';

type Criticality = (typeof criticalities)[number];

/** A clause the library starts with (legal edits them as new versions). */
export interface DefaultClause {
  key: string;
  kind: ClauseKind;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  variables: ClauseVariable[];
}

const v = (name: string, type: ClauseVariable['type'], labelZh: string, labelEn: string): ClauseVariable => ({
  name,
  type,
  labelZh,
  labelEn,
});

/**
 * One clause per kind issue 13 lists, worded after the CBIRC outsourcing rules and the EBA
 * guidelines' contract section. `{{name}}` marks a typed variable filled in each draft.
 */
export const defaultClauses: DefaultClause[] = [
  {
    key: 'responsibilities',
    kind: 'responsibilities',
    titleZh: '双方职责',
    titleEn: 'Responsibilities of the parties',
    bodyZh:
      '乙方按本合同附件所列服务范围为甲方提供外包服务，并对其人员及分包方的行为承担责任。甲方负责提供履约所需的业务规则与数据，并保留对外包活动的最终责任。',
    bodyEn:
      'The Provider performs the outsourced services described in the schedules and answers for its staff and sub-contractors. The Insurer supplies the business rules and data the services need and keeps final responsibility for the outsourced activity.',
    variables: [],
  },
  {
    key: 'rights',
    kind: 'rights',
    titleZh: '双方权利',
    titleEn: 'Rights of the parties',
    bodyZh:
      '甲方有权随时了解服务进展、要求乙方整改并暂停部分服务；乙方有权按约定收取服务费用，并获得履约所必需的信息。',
    bodyEn:
      'The Insurer may follow the services at any time, require the Provider to rectify and suspend part of the services; the Provider is paid the agreed fees and given the information it needs to perform.',
    variables: [],
  },
  {
    key: 'service_standards',
    kind: 'service_standards',
    titleZh: '服务标准',
    titleEn: 'Service standards',
    bodyZh:
      '乙方应达到本合同约定的服务水平（见服务水平目标表），每月向甲方报送履约数据；连续{{sla_cure_months}}个月未达标的，视为重大违约。',
    bodyEn:
      'The Provider meets the service levels of this contract (see the table of service-level targets) and reports its performance data monthly; missing them for {{sla_cure_months}} consecutive months is a material breach.',
    variables: [v('sla_cure_months', 'number', '容忍月数', 'Months tolerated')],
  },
  {
    key: 'breach_liability',
    kind: 'breach_liability',
    titleZh: '违约责任',
    titleEn: 'Liability for breach',
    bodyZh:
      '任何一方违约给对方造成损失的，应予赔偿；乙方违约的，甲方可要求限期整改，逾期未整改的可解除合同。',
    bodyEn:
      'A party in breach compensates the other for the loss caused; where the Provider is in breach the Insurer may require rectification within a set time and terminate if it is not done.',
    variables: [],
  },
  {
    key: 'compensation',
    kind: 'compensation',
    titleZh: '服务抵扣与赔偿',
    titleEn: 'Service credits and compensation',
    bodyZh:
      '每项服务水平目标在一个考核期内未达标的，乙方按当期服务费的{{service_credit_percent}}向甲方抵扣。',
    bodyEn:
      'For each service-level target missed in an evaluation period the Provider credits the Insurer {{service_credit_percent}} of that period’s fees.',
    variables: [v('service_credit_percent', 'percent', '每项抵扣比例', 'Credit per missed target')],
  },
  {
    key: 'confidentiality',
    kind: 'confidentiality',
    titleZh: '保密',
    titleEn: 'Confidentiality',
    bodyZh:
      '乙方对履约中知悉的甲方商业秘密及客户信息负有保密义务，该义务在合同终止后{{confidentiality_years}}年内持续有效。',
    bodyEn:
      'The Provider keeps confidential the Insurer’s business secrets and customer information it learns while performing; the duty lasts {{confidentiality_years}} years after the contract ends.',
    variables: [v('confidentiality_years', 'number', '保密年限', 'Years of confidentiality')],
  },
  {
    key: 'information_security',
    kind: 'information_security',
    titleZh: '信息安全',
    titleEn: 'Information security',
    bodyZh:
      '乙方应建立与甲方要求相当的信息安全管理体系，发生信息安全事件的，应在{{incident_report_hours}}小时内报告甲方。',
    bodyEn:
      'The Provider runs an information-security management system at least equal to the Insurer’s requirements and reports any security incident to the Insurer within {{incident_report_hours}} hours.',
    variables: [
      v('incident_report_hours', 'number', '事件报告时限（小时）', 'Incident report deadline (hours)'),
    ],
  },
  {
    key: 'personal_data',
    kind: 'personal_data',
    titleZh: '个人信息保护',
    titleEn: 'Personal data',
    bodyZh:
      '乙方仅为履约目的、按甲方指示处理个人信息，遵守《个人信息保护法》，不得向第三方提供，并配合甲方响应个人的权利请求。',
    bodyEn:
      'The Provider processes personal data only to perform and on the Insurer’s instructions, complies with the Personal Information Protection Law, gives it to no third party and helps the Insurer answer data subjects’ requests.',
    variables: [],
  },
  {
    key: 'liability_limits',
    kind: 'liability_limits',
    titleZh: '责任限额',
    titleEn: 'Limits of liability',
    bodyZh: '除故意、重大过失及违反保密与个人信息保护义务外，任何一方的累计赔偿责任以{{liability_cap}}为限。',
    bodyEn:
      'Except for wilful misconduct, gross negligence and breaches of confidentiality or personal-data duties, each party’s total liability is capped at {{liability_cap}}.',
    variables: [v('liability_cap', 'money', '责任上限', 'Liability cap')],
  },
  {
    key: 'audit_rights',
    kind: 'audit_rights',
    titleZh: '审计与检查',
    titleEn: 'Audit and inspection',
    bodyZh:
      '甲方、甲方聘请的审计机构及监管机构有权对乙方与本服务相关的场所、系统和资料进行检查，甲方提前{{audit_notice_days}}日通知；监管检查不受通知期限制。',
    bodyEn:
      'The Insurer, its auditors and the regulator may inspect the Provider’s premises, systems and records that concern the services, the Insurer on {{audit_notice_days}} days’ notice; the regulator needs no notice.',
    variables: [v('audit_notice_days', 'days', '通知期（日）', 'Notice (days)')],
  },
  {
    key: 'subcontracting',
    kind: 'subcontracting',
    titleZh: '分包',
    titleEn: 'Sub-contracting',
    bodyZh: '未经甲方书面同意，乙方不得将本合同项下服务分包；经同意分包的，乙方对分包方履约承担连带责任。',
    bodyEn:
      'The Provider sub-contracts none of the services without the Insurer’s written consent, and remains jointly liable for any sub-contractor it is allowed.',
    variables: [],
  },
  {
    key: 'locations',
    kind: 'locations',
    titleZh: '服务及数据存放地点',
    titleEn: 'Service and data locations',
    bodyZh: '服务在{{service_locations}}提供，甲方数据存放于中华人民共和国境内；变更地点须经甲方书面同意。',
    bodyEn:
      'The services are provided in {{service_locations}} and the Insurer’s data is kept in the People’s Republic of China; a change of location needs the Insurer’s written consent.',
    variables: [v('service_locations', 'text', '服务地点', 'Service locations')],
  },
  {
    key: 'business_continuity',
    kind: 'business_continuity',
    titleZh: '业务连续性',
    titleEn: 'Business continuity',
    bodyZh: '乙方应制定并每年演练业务连续性计划，服务中断时应在{{recovery_hours}}小时内恢复。',
    bodyEn:
      'The Provider keeps a business-continuity plan, tests it yearly and restores the services within {{recovery_hours}} hours of an interruption.',
    variables: [v('recovery_hours', 'number', '恢复时限（小时）', 'Recovery time (hours)')],
  },
  {
    key: 'termination',
    kind: 'termination',
    titleZh: '合同解除',
    titleEn: 'Termination',
    bodyZh:
      '任何一方可提前{{termination_notice_days}}日书面通知解除本合同；乙方重大违约或监管要求时，甲方可立即解除。',
    bodyEn:
      'Either party may terminate on {{termination_notice_days}} days’ written notice; the Insurer may terminate at once on the Provider’s material breach or when the regulator requires it.',
    variables: [v('termination_notice_days', 'days', '解除通知期（日）', 'Termination notice (days)')],
  },
  {
    key: 'exit_data',
    kind: 'exit_data',
    titleZh: '退出与数据返还',
    titleEn: 'Exit and return of data',
    bodyZh:
      '合同终止后{{data_return_days}}日内，乙方应返还或按甲方要求销毁全部甲方数据，并出具销毁证明，配合服务平稳移交。',
    bodyEn:
      'Within {{data_return_days}} days of the contract ending the Provider returns, or destroys as the Insurer instructs, all the Insurer’s data, certifies the destruction and helps hand the services over.',
    variables: [v('data_return_days', 'days', '返还期限（日）', 'Return within (days)')],
  },
  {
    key: 'training_duties',
    kind: 'training_duties',
    titleZh: '培训义务',
    titleEn: 'Training duties',
    bodyZh: '乙方应确保从事甲方业务的人员每年完成不少于{{training_hours}}学时的培训，并向甲方提供培训记录。',
    bodyEn:
      'The Provider makes sure the people working on the Insurer’s business complete at least {{training_hours}} hours of training a year and gives the Insurer the records.',
    variables: [v('training_hours', 'number', '年度学时', 'Hours per year')],
  },
];

/**
 * The clause kinds each contract must contain: every kind for critical and important partners
 * (EBA §75 lists them for critical or important functions); a standard partner's contract the
 * core of any outsourcing agreement. Legal changes the sets in the console.
 */
export function defaultMandatoryKinds(criticality: Criticality): ClauseKind[] {
  if (criticality !== 'standard') return defaultClauses.map((c) => c.kind);
  return [
    'responsibilities',
    'service_standards',
    'breach_liability',
    'confidentiality',
    'information_security',
    'personal_data',
    'termination',
    'exit_data',
  ];
}
