import { addToBlacklist, creditCodeCheckCharacter } from '@outpost/core';
import { type SeedContext, staffActor } from './context.ts';

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);

/**
 * The blacklist in the demo (demo audit, 2026-12-06): the legal demo login "shows the blacklist",
 * which the first run used to leave empty. Two entities that are not partners and never applied,
 * so nobody is suspended; an application under either credit code is refused.
 */
export const demoBlacklist = [
  {
    creditCode: code('91330106MA2BLK001'),
    name: '杭州速达保险代理有限公司',
    reason: '监管通报：虚构保险中介业务套取手续费，已被吊销经营保险代理业务许可证。',
    evidence: '国家金融监督管理总局浙江监管局行政处罚决定书（示例）',
  },
  {
    creditCode: code('91440101MA5BLK002'),
    name: '广州恒信理赔咨询有限公司',
    reason: '合作期间泄露客户个人信息，经核实后终止合作并列入黑名单。',
  },
] as const;

export async function seedBlacklist(context: SeedContext): Promise<void> {
  const legal = staffActor(context, 'legal@outpost.test');
  for (const entry of demoBlacklist) await addToBlacklist(context.db, legal, { ...entry });
}
