import { creditCodeCheckCharacter } from '@outpost/core';
import type { serviceCategories } from '@outpost/db';

type Category = (typeof serviceCategories)[number];

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);

/** How a partner's service events look: shares and rates, and how they drift over the two years. */
export interface Performance {
  /** Share of cases closed within their SLA, at the start and at the end of the two years. */
  onTime: [number, number];
  /** Mean customer rating (1–5), start and end. */
  rating: [number, number];
  /** Share of compliance checks passed, start and end. */
  compliance: [number, number];
  /** Chance that a closed case leads to a loss event. */
  lossChance: number;
  /** Chance that a closed case draws a complaint. */
  complaintChance: number;
  /** Cases closed per day. */
  casesPerDay: number;
}

export interface DemoUser {
  email: string;
  displayName: string;
}

export interface DemoPartner {
  /** Stable key the other seed modules refer to. */
  key: string;
  legalName: string;
  creditCode: string;
  serviceCategories: Category[];
  criticality: 'critical' | 'important' | 'standard';
  admin: DemoUser;
  members?: DemoUser[];
}

export interface ActivePartner extends DemoPartner {
  performance: Performance;
}

/**
 * Eleven active partners, at least three in every service category, so every scorecard has
 * peers and a percentile. Their performance differs (and drifts) so the ranking has a spread
 * and the trends have a shape.
 */
export const activePartners: ActivePartner[] = [
  {
    key: 'huaan',
    legalName: '华安保险代理有限公司',
    creditCode: code('91310000MA1K4D2X0'),
    serviceCategories: ['agency', 'sales_channel'],
    criticality: 'important',
    admin: { email: 'partner.admin@huaan-agency.test', displayName: '张伟' },
    members: [{ email: 'partner.member@huaan-agency.test', displayName: '钱丽' }],
    performance: {
      onTime: [0.93, 0.97],
      rating: [4.5, 4.75],
      compliance: [0.985, 0.995],
      lossChance: 0.01,
      complaintChance: 0.0005,
      casesPerDay: 1.2,
    },
  },
  {
    key: 'dingxin',
    legalName: '鼎信保险代理有限公司',
    creditCode: code('91110105MA01B7K3X'),
    serviceCategories: ['agency', 'sales_channel'],
    criticality: 'standard',
    admin: { email: 'admin@dingxin-agency.test', displayName: '郑明' },
    performance: {
      onTime: [0.9, 0.93],
      rating: [4.3, 4.45],
      compliance: [0.97, 0.985],
      lossChance: 0.02,
      complaintChance: 0.002,
      casesPerDay: 1,
    },
  },
  {
    key: 'hengtai',
    legalName: '恒泰保险销售服务有限公司',
    creditCode: code('91330100MA27W4N8P'),
    serviceCategories: ['agency', 'sales_channel'],
    criticality: 'standard',
    admin: { email: 'admin@hengtai-sales.test', displayName: '冯涛' },
    performance: {
      onTime: [0.9, 0.82],
      rating: [4.3, 3.9],
      compliance: [0.97, 0.94],
      lossChance: 0.04,
      complaintChance: 0.008,
      casesPerDay: 0.9,
    },
  },
  {
    key: 'xinda',
    legalName: '信达理赔服务有限公司',
    creditCode: code('91440300MA5F8B6L2'),
    serviceCategories: ['claims', 'loss_adjusting'],
    criticality: 'critical',
    admin: { email: 'admin@xinda-claims.test', displayName: '何军' },
    performance: {
      onTime: [0.94, 0.96],
      rating: [4.55, 4.65],
      compliance: [0.99, 0.995],
      lossChance: 0.01,
      complaintChance: 0.0005,
      casesPerDay: 1.4,
    },
  },
  {
    key: 'mingcheng',
    legalName: '明诚保险公估有限公司',
    creditCode: code('91510100MA6C9R2T4'),
    serviceCategories: ['claims', 'loss_adjusting'],
    criticality: 'important',
    admin: { email: 'admin@mingcheng-adjusters.test', displayName: '韩雪' },
    performance: {
      onTime: [0.91, 0.9],
      rating: [4.35, 4.3],
      compliance: [0.98, 0.975],
      lossChance: 0.025,
      complaintChance: 0.003,
      casesPerDay: 1,
    },
  },
  {
    key: 'anshun',
    legalName: '安顺理赔服务有限公司',
    creditCode: code('91420100MA4K7H3W6'),
    serviceCategories: ['claims', 'loss_adjusting'],
    criticality: 'standard',
    admin: { email: 'admin@anshun-claims.test', displayName: '曹磊' },
    performance: {
      onTime: [0.86, 0.91],
      rating: [3.95, 4.25],
      compliance: [0.95, 0.975],
      lossChance: 0.05,
      complaintChance: 0.006,
      casesPerDay: 0.9,
    },
  },
  {
    key: 'ruifeng',
    legalName: '瑞丰核保服务有限公司',
    creditCode: code('91320100MA1R5T8K2'),
    serviceCategories: ['underwriting', 'customer_service'],
    criticality: 'important',
    admin: { email: 'admin@ruifeng-uw.test', displayName: '彭静' },
    performance: {
      onTime: [0.92, 0.95],
      rating: [4.4, 4.6],
      compliance: [0.98, 0.99],
      lossChance: 0.015,
      complaintChance: 0.001,
      casesPerDay: 1,
    },
  },
  {
    key: 'jindun',
    legalName: '金盾风险管理有限公司',
    creditCode: code('91370200MA3C6N4P8'),
    serviceCategories: ['underwriting', 'it'],
    criticality: 'critical',
    admin: { email: 'admin@jindun-risk.test', displayName: '许斌' },
    performance: {
      onTime: [0.95, 0.94],
      rating: [4.5, 4.45],
      compliance: [0.99, 0.985],
      lossChance: 0.01,
      complaintChance: 0.001,
      casesPerDay: 0.8,
    },
  },
  {
    key: 'huaxin',
    legalName: '华信承保服务有限公司',
    creditCode: code('91500000MA5U3K7D1'),
    serviceCategories: ['underwriting', 'customer_service'],
    criticality: 'standard',
    admin: { email: 'admin@huaxin-uw.test', displayName: '邓芳' },
    performance: {
      onTime: [0.88, 0.92],
      rating: [4.2, 4.35],
      compliance: [0.96, 0.98],
      lossChance: 0.03,
      complaintChance: 0.004,
      casesPerDay: 0.9,
    },
  },
  {
    key: 'yunfan',
    legalName: '云帆客户服务有限公司',
    creditCode: code('91350200MA2Y8E5F3'),
    serviceCategories: ['customer_service', 'it'],
    criticality: 'important',
    admin: { email: 'admin@yunfan-cs.test', displayName: '萧然' },
    performance: {
      onTime: [0.93, 0.9],
      rating: [4.45, 4.3],
      compliance: [0.985, 0.975],
      lossChance: 0.015,
      complaintChance: 0.002,
      casesPerDay: 1.3,
    },
  },
  {
    key: 'shuzhi',
    legalName: '数智信息技术有限公司',
    creditCode: code('91440101MA9W2L6H7'),
    serviceCategories: ['it'],
    criticality: 'critical',
    admin: { email: 'admin@shuzhi-it.test', displayName: '程浩' },
    performance: {
      onTime: [0.96, 0.97],
      rating: [4.6, 4.7],
      compliance: [0.99, 0.995],
      lossChance: 0.005,
      complaintChance: 0.0005,
      casesPerDay: 0.7,
    },
  },
];

export type ApplicantStage = 'documents_in_review' | 'document_returned' | 'pilot' | 'committee';

export interface Applicant extends DemoPartner {
  /** Where its application stands when the demo starts. */
  stage: ApplicantStage;
}

/** Applications in progress at different stages, so reviewers and the committee have work on a first run. */
export const applicants: Applicant[] = [
  {
    key: 'yuanhang',
    legalName: '远航客户服务外包有限公司',
    creditCode: code('91320500MA1N7Q3B5'),
    serviceCategories: ['customer_service'],
    criticality: 'important',
    admin: { email: 'admin@yuanhang-cs.test', displayName: '吴远航' },
    stage: 'documents_in_review',
  },
  {
    key: 'qiming',
    legalName: '启明信息技术有限公司',
    creditCode: code('91330106MA2H4J8R9'),
    serviceCategories: ['it'],
    criticality: 'standard',
    admin: { email: 'admin@qiming-it.test', displayName: '林晨' },
    stage: 'document_returned',
  },
  {
    key: 'boyuan',
    legalName: '博远保险公估有限公司',
    creditCode: code('91210200MA0U6X3C2'),
    serviceCategories: ['loss_adjusting'],
    criticality: 'standard',
    admin: { email: 'admin@boyuan-adjusters.test', displayName: '罗斌' },
    stage: 'pilot',
  },
  {
    key: 'changfeng',
    legalName: '长风保险代理有限公司',
    creditCode: code('91120116MA07D5P4N'),
    serviceCategories: ['agency'],
    criticality: 'important',
    admin: { email: 'admin@changfeng-agency.test', displayName: '高远' },
    stage: 'committee',
  },
];
