import {
  type ContractRegisterInput,
  getContract,
  reviewContract,
  searchContracts,
  submitContract,
  updateContractRegister,
  updateDraft,
} from '@outpost/core';
import { addDays } from '@outpost/i18n';
import { type SeedContext, staffActor } from './context.ts';

const LEGAL = 'legal@outpost.test';
const RISK = 'risk@outpost.test';

/** What each service category's arrangement does and touches, as staff type them (decision record 039). */
const byCategory: Record<
  string,
  { fn: string; data: string; kinds: ContractRegisterInput['personalDataKinds'] }
> = {
  agency: {
    fn: '保险产品代理销售',
    data: '投保人身份与联系方式、保单信息',
    kinds: ['identity', 'contact', 'policy'],
  },
  sales_channel: {
    fn: '渠道销售与续期服务',
    data: '投保人联系方式、保单信息',
    kinds: ['contact', 'policy'],
  },
  claims: {
    fn: '车险理赔查勘与定损',
    data: '理赔案件、被保险人身份与银行账户、医疗票据',
    kinds: ['identity', 'financial', 'health', 'claims'],
  },
  loss_adjusting: {
    fn: '财产险公估',
    data: '理赔案件、现场照片',
    kinds: ['identity', 'claims'],
  },
  underwriting: {
    fn: '核保资料录入与初审',
    data: '投保单、体检报告',
    kinds: ['identity', 'health', 'policy'],
  },
  customer_service: {
    fn: '95 热线客户服务外包',
    data: '来电记录、客户身份与保单信息',
    kinds: ['identity', 'contact', 'policy'],
  },
  it: {
    fn: '核心业务系统运维与灾备',
    data: '核心系统全部业务数据',
    kinds: ['identity', 'contact', 'financial', 'policy', 'claims'],
  },
};

/**
 * The register fields of the demo contracts, through the service staff use: every active contract
 * filled in (one critical partner's with a sub-contractor), 鼎信's expiring one left incomplete (no
 * criticality assessment date), 金盾's in review with only its function. 金盾's contract was also
 * returned once by legal (a shorter notice period asked for) and resubmitted, so its history has
 * two versions and a readable diff between them.
 */
export async function seedContractRegister(context: SeedContext) {
  const { db, today } = context;
  const risk = staffActor(context, RISK);
  const legal = staffActor(context, LEGAL);
  const { items } = await searchContracts(db, risk, { pageSize: 100 });
  for (const c of items) {
    const profile = byCategory[c.serviceCategory] ?? byCategory.agency!;
    const active = c.status === 'active' || c.status === 'expiring';
    if (c.status === 'legal_review') {
      // 金盾: legal returns version 1 with a comment; the notice period is shortened and it is resubmitted.
      await reviewContract(db, legal, c.id, {
        decision: 'return',
        comments: '通知期请按对方意见改为 90 天，并保留分包条款修改。',
      });
      const { version } = await getContract(db, risk, c.id);
      await updateDraft(db, risk, c.id, { terms: { ...version.terms, noticeDays: 90 } });
      await submitContract(db, risk, c.id);
      await updateContractRegister(db, risk, c.id, { functionDescription: profile.fn });
      continue;
    }
    if (!active) continue;
    const incomplete = c.status === 'expiring';
    const critical = c.criticality !== 'standard';
    await updateContractRegister(db, risk, c.id, {
      functionDescription: profile.fn,
      dataDescription: profile.data,
      personalData: true,
      personalDataKinds: profile.kinds,
      serviceCountries: ['CN'],
      dataCountries: c.serviceCategory === 'it' ? ['CN', 'HK'] : ['CN'],
      ...(incomplete ? {} : { criticalityAssessedOn: addDays(today, -120) }),
      ...(critical
        ? {
            criticalityReason: '承担核心理赔与客户服务，中断将直接影响客户',
            subcontractors:
              c.serviceCategory === 'claims'
                ? [
                    {
                      name: '速达影像服务有限公司',
                      country: 'CN',
                      function: '理赔影像录入',
                    },
                  ]
                : [],
            substitutability: 'difficult' as const,
            exitPossibility: 'other_provider' as const,
            exitNotes: '备选服务商已完成准入评估；退出期 6 个月',
          }
        : { substitutability: 'easy' as const, exitPossibility: 'both' as const }),
      partnerNoticeDays: 60,
    });
  }
}
