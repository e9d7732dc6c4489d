import type { Actor, MembershipRole, StaffRole } from './actor.ts';
import { AppError } from './errors.ts';

/**
 * Typed permissions, checked in the domain layer (never only by hiding a button).
 * `:own` permissions let a partner act on its own organisation's data only; the
 * services enforce the scoping by partner id.
 */
export const permissions = [
  'read:partner:any',
  'read:partner:own',
  'manage:partner',
  'manage:partner-users:own',
  'read:audit',
  'read:notifications:own',
  'manage:users',
  'link:slack',
] as const;
export type Permission = (typeof permissions)[number];

const staffGrants: Record<StaffRole, readonly Permission[]> = {
  reviewer: ['read:partner:any', 'read:notifications:own', 'link:slack'],
  legal: ['read:partner:any', 'read:notifications:own', 'link:slack'],
  committee: ['read:partner:any', 'read:notifications:own', 'link:slack'],
  risk_officer: ['read:partner:any', 'read:notifications:own', 'link:slack'],
  admin: ['read:partner:any', 'manage:partner', 'manage:users', 'read:audit', 'read:notifications:own', 'link:slack'],
  // Auditors read everything and change nothing.
  auditor: ['read:partner:any', 'read:audit', 'read:notifications:own'],
};

const partnerGrants: Record<MembershipRole, readonly Permission[]> = {
  partner_admin: ['read:partner:own', 'manage:partner-users:own', 'read:notifications:own'],
  partner_member: ['read:partner:own', 'read:notifications:own'],
};

export function permissionsOf(actor: Actor): Set<Permission> {
  switch (actor.type) {
    case 'staff':
      return new Set(actor.roles.flatMap((role) => staffGrants[role]));
    case 'partner':
      return new Set(partnerGrants[actor.role]);
    case 'api_key':
      return new Set(actor.scopes.includes('documents') ? (['read:partner:own'] as Permission[]) : []);
    case 'system':
      return new Set(permissions);
    case 'user':
      return new Set();
  }
}

export function can(actor: Actor, permission: Permission): boolean {
  return permissionsOf(actor).has(permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('forbidden', `You do not have the permission ${permission}.`, {
      messageKey: 'errors.forbidden',
      details: { permission },
    });
  }
}

/**
 * The partner whose data the actor may read: its own for partner users and keys,
 * any (undefined) for staff who may read all partners.
 */
export function partnerScope(actor: Actor): string | undefined {
  if (actor.type === 'partner' || actor.type === 'api_key') return actor.partnerId;
  if (actor.type === 'system' || can(actor, 'read:partner:any')) return undefined;
  throw new AppError('forbidden', 'You cannot read partner data.', { messageKey: 'errors.forbidden' });
}
