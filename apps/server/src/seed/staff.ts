import { audit, systemActor } from '@outpost/core';
import { users } from '@outpost/db';
import { actorOf, type SeedContext } from './context.ts';

/**
 * The insurer's demo staff, one per role (three on the committee). Names are people's names:
 * the portal shows each person's role itself, so no "(admin)" suffix in a Chinese UI.
 */
export const demoStaff = [
  { email: 'admin@outpost.test', displayName: '王建国', role: 'administrator', staffRoles: ['admin'] },
  { email: 'reviewer@outpost.test', displayName: '李晓梅', role: 'reviewer', staffRoles: ['reviewer'] },
  { email: 'legal@outpost.test', displayName: '赵文博', role: 'legal', staffRoles: ['legal'] },
  { email: 'committee1@outpost.test', displayName: '陈志远', role: 'committee', staffRoles: ['committee'] },
  { email: 'committee2@outpost.test', displayName: '刘思雨', role: 'committee', staffRoles: ['committee'] },
  { email: 'committee3@outpost.test', displayName: '周海涛', role: 'committee', staffRoles: ['committee'] },
  { email: 'risk@outpost.test', displayName: '孙立华', role: 'risk officer', staffRoles: ['risk_officer'] },
  {
    email: 'auditor@outpost.test',
    displayName: '吴静怡',
    role: 'auditor (read-only)',
    staffRoles: ['auditor'],
  },
] as const;

/**
 * Staff accounts are created by an installation's first administrator in practice (admin:create,
 * then invitations: decision record 042); the demo's fixed accounts are inserted directly with the
 * audit entry, and seed/people.ts then puts them in departments through the administrators' services.
 */
export async function seedStaff(context: SeedContext, passwordHash: string): Promise<void> {
  const actor = systemActor('seed');
  const ids = await context.db.transaction(async (tx) => {
    const created: [string, string][] = [];
    for (const s of demoStaff) {
      const [user] = await tx
        .insert(users)
        .values({
          kind: 'staff',
          email: s.email,
          displayName: s.displayName,
          staffRoles: [...s.staffRoles],
          passwordHash,
        })
        .returning({ id: users.id });
      await audit(tx, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user!.id,
        data: { email: s.email },
      });
      created.push([s.email, user!.id]);
    }
    return created;
  });
  for (const [email, id] of ids) context.staff.set(email, await actorOf(context.db, id));
}
