import { addSupervisionFinding, createSupervisionTask } from '@outpost/core';
import { partners, rectificationItems, users } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type SeedContext, staffActor } from './context.ts';

/**
 * A supervision task in the demo (decision record 053): the risk officer inspects the partners
 * that have rectification items, in East China, due in two weeks; one finding about the first of
 * them is linked to its open (or submitted) rectification item. The auditor demo login reads it.
 */
export async function seedSupervision(context: SeedContext): Promise<void> {
  const { db } = context;
  const risk = staffActor(context, 'risk@outpost.test');
  const items = await db
    .select({ id: rectificationItems.id, partnerId: rectificationItems.partnerId, name: partners.legalName })
    .from(rectificationItems)
    .innerJoin(partners, eq(partners.id, rectificationItems.partnerId))
    .where(inArray(rectificationItems.status, ['open', 'submitted']))
    .orderBy(asc(partners.legalName), asc(rectificationItems.position));
  const first = items[0];
  if (!first) throw new Error('seed: the demo reviews left no open rectification item');
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, 'risk@outpost.test'), eq(users.kind, 'staff')));
  const task = await createSupervisionTask(
    db,
    risk,
    {
      title: '季度整改落实情况专项检查',
      description: '核查上季度评审中提出的整改事项是否按期落实，抽查相关理赔卷宗与培训记录。',
      partnerIds: [...new Set(items.map((i) => i.partnerId))].slice(0, 3),
      regions: ['east'],
      ownerId: owner!.id,
      dueDate: addDays(context.today, 14),
    },
    context.now,
  );
  await addSupervisionFinding(db, risk, {
    taskId: task.id,
    partnerId: first.partnerId,
    severity: 'medium',
    description: '抽查的 20 份理赔卷宗中有 3 份缺少客户签字确认，整改事项尚未完成。',
    itemIds: items
      .filter((i) => i.partnerId === first.partnerId)
      .map((i) => i.id)
      .slice(0, 1),
  });
}
