import { setSetting } from '@outpost/core';
import { type SeedContext, staffActor } from './context.ts';

/**
 * The insurer's own legal entity (decision record 060), set by the demo's administrator as any
 * administrator does under Settings, so the register's DORA export works in the demo. Fictional:
 * the LEI has valid check digits (ISO 17442) but is registered to no one.
 */
export const demoEntity = {
  nameZh: '前哨财产保险股份有限公司',
  nameEn: 'Outpost Property & Casualty Insurance Co., Ltd.',
  lei: '300300OUTPOST0000123',
  country: 'CN',
  competentAuthority: '国家金融监督管理总局',
  entityType: 'insurance_undertaking',
} as const;

export async function seedRegisterEntity(context: SeedContext): Promise<void> {
  await setSetting(context.db, staffActor(context, 'admin@outpost.test'), 'register.entity', demoEntity);
}
