import { seedTraining } from './seed-training.ts';
import { addMonths, todayInChina } from '@outpost/i18n';
import { hashPassword, passwordProblem } from '@outpost/auth';
import {
  acceptInvitation,
  audit,
  createPartner,
  creditCodeCheckCharacter,
  type FileStorage,
  invitePartner,
  personById,
  requirementsFor,
  submitApplication,
  systemActor,
  uploadDocument,
} from '@outpost/core';
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

/** An applicant in document review, so reviewers and the committee have work on a first run. */
const applicant = {
  legalName: '远航客户服务外包有限公司',
  creditCode: demoCode('91320500MA1N7Q3B5'),
  email: 'admin@yuanhang-cs.test',
  displayName: '吴远航 Wu',
};

export const demoLogins = [
  ...staff.map((s) => ({ email: s.email, who: s.displayName })),
  ...demoPartners.flatMap((p) =>
    p.users.map((u) => ({ email: u.email, who: `${u.displayName} — ${p.legalName}` })),
  ),
  { email: applicant.email, who: `${applicant.displayName} — ${applicant.legalName} (applying)` },
];

/** A one-page PDF, the demo applicant's stand-in for every scanned document. */
const demoPdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** True when the database has no users yet (a first run). */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Demo data for a first run: staff in every role, two active partners with their users,
 * and an applicant who accepted an invitation, uploaded its documents and applied —
 * all through the same services people use, so the audit log tells the story.
 */
export async function seedDemo(db: Database, storage: FileStorage): Promise<void> {
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
  await seedApplicant(db, storage);
  await seedTraining(db);
}

async function seedApplicant(db: Database, storage: FileStorage): Promise<void> {
  const reviewer = await db.select().from(users).where(eq(users.email, 'reviewer@outpost.test'));
  const inviter = await personById(db, reviewer[0]!.id);
  const { invitation } = await invitePartner(db, inviter!.actor, {
    legalName: applicant.legalName,
    creditCode: applicant.creditCode,
    serviceCategories: ['customer_service'],
    criticality: 'important',
    contactEmail: applicant.email,
  });
  const token = invitation.acceptPath.split('/').pop()!;
  const { userId } = await acceptInvitation(
    db,
    token,
    { displayName: applicant.displayName, password: DEMO_PASSWORD },
    { hash: hashPassword, problem: passwordProblem },
  );
  const person = await personById(db, userId);
  // Issued two months ago; the expiry date follows from each type's validity period.
  const issueDate = addMonths(todayInChina(), -2);
  for (const requirement of (await requirementsFor(db, ['customer_service'])).filter((r) => r.mandatory)) {
    await uploadDocument(db, person!.actor, storage, {
      requirementId: requirement.id,
      fileName: `${requirement.nameZh}.pdf`,
      bytes: demoPdf,
      issueDate,
    });
  }
  await submitApplication(db, person!.actor, { serviceCategories: ['customer_service'] });
}
