import { z } from 'zod';

/** One task of the exit checklist template: who does it and how many days before the effective date it is due. */
export const checklistTaskTemplate = z.object({
  key: z.string().trim().min(1).max(60),
  side: z.enum(['partner', 'internal']),
  titleZh: z.string().trim().min(1).max(200),
  titleEn: z.string().trim().min(1).max(200),
  /** Days before the effective date it is due (0: on the day). */
  daysBefore: z.number().int().min(0).max(365),
  /** The partner uploads a certificate that staff verify (data return or destruction). */
  needsCertificate: z.boolean().default(false),
  /** Only for partners marked critical (e.g. the regulator's notification). */
  criticalOnly: z.boolean().default(false),
});

/** The default checklist (issue 15): hand-over, data, settlement, equipment, regulator, customers. */
export const defaultChecklist: z.input<typeof checklistTaskTemplate>[] = [
  {
    key: 'handover',
    side: 'partner',
    titleZh: '向承接机构移交未结案件与客户',
    titleEn: 'Hand over open cases and customers to the successor',
    daysBefore: 14,
  },
  {
    key: 'data_destruction',
    side: 'partner',
    titleZh: '返还或销毁数据并上传销毁证明',
    titleEn: 'Return or destroy the data and upload the destruction certificate',
    daysBefore: 7,
    needsCertificate: true,
  },
  {
    key: 'equipment',
    side: 'partner',
    titleZh: '归还设备与账号凭证',
    titleEn: 'Return equipment and credentials',
    daysBefore: 3,
  },
  {
    key: 'settlement',
    side: 'internal',
    titleZh: '完成最终结算',
    titleEn: 'Complete the final settlement',
    daysBefore: 0,
  },
  {
    key: 'regulator',
    side: 'internal',
    titleZh: '向监管机构报告重要外包安排的终止',
    titleEn: 'Notify the regulator of the end of a critical arrangement',
    daysBefore: 14,
    criticalOnly: true,
  },
  {
    key: 'customers',
    side: 'internal',
    titleZh: '必要时通知受影响的客户',
    titleEn: 'Tell affected customers where needed',
    daysBefore: 7,
  },
];

/** Settings of termination cases: who approves, and the checklist generated on approval. */
export const terminationSettingSchemas = {
  'termination.approvers': z
    .object({ userIds: z.array(z.uuid('Unknown user.')).max(20) })
    .default({ userIds: [] }),
  'termination.checklist': z
    .object({ tasks: z.array(checklistTaskTemplate).min(1).max(30) })
    .default({ tasks: defaultChecklist.map((t) => checklistTaskTemplate.parse(t)) }),
} as const;
