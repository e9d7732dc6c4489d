import { hashPassword } from '@outpost/auth';
import { audit, createPartner, creditCodeCheckCharacter, systemActor } from '@outpost/core';
import { type Database, partnerMemberships, partners, users } from '@outpost/db';
import { count, eq } from 'drizzle-orm';

export const DEMO_PASSWORD = 'outpost-demo-2026';

const staff = [
  { email: 'admin@outpost.test', displayName: '王管理 Wang (admin)', staffRoles: ['admin'] },
  { email: 'reviewer@outpost.test', displayName: '李审核 Li (reviewer)', staffRoles: ['reviewer'] },
  { email: 'legal@outpost.test', displayName: '赵法务 Zhao (legal)', staffRoles: ['legal'] },
  { email: 'committee1@outpost.test', displayName: '陈委员 Chen (committee)', staffRoles: ['committee'] },
  { email: 'committee2@outpost.test', displayName: '刘委员 Liu (committee)', staffRoles: ['committee'] },
  { email: 'committee3@outpost.test', displayName: '周委员 Zhou (committee)', staffRoles: ['committee'] },
  { email: 'risk@outpost.test', displayName: '孙风险 Sun (risk officer)', staffRoles: ['risk_officer'] },
  { email: 'auditor@outpost.test', displayName: '吴审计 Wu (auditor)', staffRoles: ['auditor'] },
] as const;

const demoCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);

const demoPartners = [
  {
    legalName: '华安保险代理有限公司',
    creditCode: demoCode('91310000MA1K4D2X0'),
    serviceCategories: ['agency', 'sales_channel'] as const,
    criticality: 'important' as const,
    contactEmail: 'partner.admin@huaan-agency.test',
    users: [
      {
        email: 'partner.admin@huaan-agency.test',
        displayName: '张伙伴 Zhang',
        role: 'partner_admin' as const,
      },
      {
        email: 'partner.member@huaan-agency.test',
        displayName: '钱成员 Qian',
        role: 'partner_member' as const,
      },
    ],
  },
  {
    legalName: '信达理赔服务有限公司',
    creditCode: demoCode('91440300MA5F8B6L2'),
    serviceCategories: ['claims', 'loss_adjusting'] as const,
    criticality: 'critical' as const,
    contactEmail: 'admin@xinda-claims.test',
    users: [{ email: 'admin@xinda-claims.test', displayName: '何理赔 He', role: 'partner_admin' as const }],
  },
];

export const demoLogins = [
  ...staff.map((s) => ({ email: s.email, who: s.displayName })),
  ...demoPartners.flatMap((p) =>
    p.users.map((u) => ({ email: u.email, who: `${u.displayName} — ${p.legalName}` })),
  ),
];

/** True when the database has no users yet (a first run). */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Demo data for a first run: staff in every role and two partners with their users. */
export async function seedDemo(db: Database): Promise<void> {
  const actor = systemActor('seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const s of staff) {
      const [user] = await tx
        .insert(users)
        .values({
          kind: 'staff',
          email: s.email,
          displayName: s.displayName,
          staffRoles: [...s.staffRoles],
          passwordHash,
        })
        .returning();
      await audit(tx, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user!.id,
        data: { email: s.email },
      });
    }
  });
  for (const p of demoPartners) {
    const partner = await createPartner(db, actor, {
      legalName: p.legalName,
      creditCode: p.creditCode,
      serviceCategories: [...p.serviceCategories],
      criticality: p.criticality,
      contactEmail: p.contactEmail,
    });
    await db.transaction(async (tx) => {
      await tx.update(partners).set({ status: 'active' }).where(eq(partners.id, partner.id));
      await audit(tx, actor, {
        action: 'partner.status_changed',
        entityType: 'partner',
        entityId: partner.id,
        partnerId: partner.id,
        data: { to: 'active' },
      });
      for (const u of p.users) {
        const [user] = await tx
          .insert(users)
          .values({ kind: 'partner', email: u.email, displayName: u.displayName, passwordHash })
          .returning();
        await tx.insert(partnerMemberships).values({ userId: user!.id, partnerId: partner.id, role: u.role });
        await audit(tx, actor, {
          action: 'user.created',
          entityType: 'user',
          entityId: user!.id,
          partnerId: partner.id,
          data: { email: u.email, role: u.role },
        });
      }
    });
  }
}
