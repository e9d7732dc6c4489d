import {
  acceptStaffInvitation,
  deactivateStaffMember,
  inviteStaff,
  listDepartments,
  updateStaffMember,
} from '@outpost/core';
import type { StaffRole } from '@outpost/core';
import { DEMO_PASSWORD, type SeedContext, staffActor } from './context.ts';

/** Each demo staff member's department (decision record 042). */
const departmentOf: Record<string, string> = {
  'admin@outpost.test': 'management',
  'reviewer@outpost.test': 'partner_management',
  'legal@outpost.test': 'legal',
  'committee1@outpost.test': 'management',
  'committee2@outpost.test': 'compliance',
  'committee3@outpost.test': 'operations',
  'risk@outpost.test': 'risk',
  'auditor@outpost.test': 'supervision',
};

/**
 * People and roles in the demo, through the administrators' own services: every demo staff
 * member in a department, one invitation still waiting (a new compliance reviewer), and one
 * person who left — invited, joined, then deactivated (the people page shows them as such).
 */
export async function seedPeople(context: SeedContext): Promise<void> {
  const admin = staffActor(context, 'admin@outpost.test');
  const departments = new Map((await listDepartments(context.db)).map((d) => [d.key, d.id]));
  for (const [email, key] of Object.entries(departmentOf)) {
    const actor = staffActor(context, email);
    if (actor.type !== 'staff') continue;
    await updateStaffMember(context.db, admin, {
      userId: actor.userId,
      staffRoles: [...actor.roles] as StaffRole[],
      departmentId: departments.get(key)!,
    });
  }
  await inviteStaff(context.db, admin, {
    email: 'new.reviewer@outpost.test',
    staffRoles: ['reviewer'],
    departmentId: departments.get('compliance')!,
    locale: 'zh-CN',
  });
  const left = await inviteStaff(context.db, admin, {
    email: 'former.analyst@outpost.test',
    staffRoles: ['risk_officer'],
    departmentId: departments.get('risk')!,
    locale: 'en',
  });
  const { userId } = await acceptStaffInvitation(
    context.db,
    left.acceptPath.split('/').at(-1)!,
    { displayName: '马晓东', password: DEMO_PASSWORD },
    context.passwords,
  );
  await deactivateStaffMember(context.db, admin, { userId, reason: '已离职' });
}
