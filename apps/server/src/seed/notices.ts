import { type Actor, confirmNotice, openNotice, publishNotice } from '@outpost/core';
import { type Database, partnerMemberships, partners, trainingPeople, users } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq, isNotNull } from 'drizzle-orm';

/**
 * Policy notices demo (decision record 029): a regulation every agency partner's people must
 * confirm within twelve days (so the first daily run has 14-day reminders to send), confirmed so
 * far by each partner's administrator only, and a risk bulletin to 华安 that asks for nothing.
 * The 华安 member has read neither, so their notices page opens on two unread ones.
 */
export async function seedNotices(db: Database): Promise<void> {
  const [risk] = await db.select().from(users).where(eq(users.email, 'risk@outpost.test'));
  if (!risk) return;
  const staff: Actor = { type: 'staff', userId: risk.id, roles: ['risk_officer'] };
  const today = todayInChina();
  const regulation = await publishNotice(db, staff, {
    kind: 'regulation',
    titleZh: '关于规范互联网保险销售行为可回溯管理的通知',
    titleEn: 'Notice on traceable records of online insurance sales',
    bodyZh:
      '自本月起，所有互联网渠道的销售过程须**完整录音录像**并保存不少于十年。\n\n- 投保前须明确提示免责条款\n- 禁止诱导客户跳过阅读页面\n\n请确认您已阅读并将遵守。',
    bodyEn:
      'From this month, every sale through an online channel must be **recorded in full** and kept for at least ten years.\n\n- Point out the exclusions before the customer applies\n- Never lead a customer to skip the reading pages\n\nPlease confirm that you have read this and will follow it.',
    target: 'category',
    serviceCategory: 'agency',
    requiresConfirmation: true,
    confirmBy: addDays(today, 12),
  });
  const [huaan] = await db.select().from(partners).where(eq(partners.legalName, '华安保险代理有限公司'));
  const bulletin = huaan
    ? await publishNotice(db, staff, {
        kind: 'risk_bulletin',
        titleZh: '风险提示：冒充保险公司客服的电信诈骗',
        titleEn: 'Risk bulletin: phone fraud by people posing as the insurer’s customer service',
        bodyZh:
          '近期出现冒充我司客服、以“退保理赔”为名索要验证码的诈骗。请提醒客户：我司从不索要短信验证码。',
        bodyEn:
          'Fraudsters posing as our customer service have been asking customers for one-time codes to "process a refund". Remind customers that we never ask for text-message codes.',
        target: 'partner',
        partnerId: huaan.id,
      })
    : null;
  // Each agency partner's administrator has read and confirmed the regulation; nobody else has.
  const admins = await db
    .select({ userId: partnerMemberships.userId, partnerId: partnerMemberships.partnerId })
    .from(partnerMemberships)
    .innerJoin(trainingPeople, eq(trainingPeople.userId, partnerMemberships.userId))
    .innerJoin(partners, eq(partners.id, partnerMemberships.partnerId))
    .where(
      and(
        eq(partnerMemberships.role, 'partner_admin'),
        isNotNull(trainingPeople.userId),
        eq(trainingPeople.serviceCategory, 'agency'),
        eq(partners.status, 'active'),
      ),
    );
  for (const admin of admins) {
    const actor: Actor = {
      type: 'partner',
      userId: admin.userId,
      partnerId: admin.partnerId,
      role: 'partner_admin',
    };
    await openNotice(db, actor, regulation.id);
    await confirmNotice(db, actor, regulation.id);
    if (bulletin && admin.partnerId === huaan?.id) await openNotice(db, actor, bulletin.id);
  }
}
