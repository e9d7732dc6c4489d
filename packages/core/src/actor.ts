import type { membershipRoles, staffRoles } from '@outpost/db';

export type StaffRole = (typeof staffRoles)[number];
export type MembershipRole = (typeof membershipRoles)[number];

/**
 * Who is acting. Every domain service takes one; the partner id of a partner actor
 * scopes every query it runs, so a partner can never reach another partner's rows.
 */
export type Actor =
  | { type: 'staff'; userId: string; roles: readonly StaffRole[]; via?: 'web' | 'slack' | 'api' }
  | { type: 'partner'; userId: string; partnerId: string; role: MembershipRole; via?: 'web' | 'api' }
  | { type: 'api_key'; keyId: string; partnerId: string; scopes: readonly string[] }
  /** A staff key (decision record 059): the insurer's own system, read-only scopes across partners. */
  | { type: 'staff_api_key'; keyId: string; scopes: readonly string[] }
  | { type: 'system'; job: string }
  /** A person known only by id, for events before a full actor exists (signing in). */
  | { type: 'user'; userId: string };

export const systemActor = (job: string): Actor => ({ type: 'system', job });

export function actorRef(actor: Actor): {
  actorType: 'user' | 'api_key' | 'slack' | 'system';
  actorId: string;
} {
  switch (actor.type) {
    case 'staff':
      return { actorType: actor.via === 'slack' ? 'slack' : 'user', actorId: actor.userId };
    case 'partner':
    case 'user':
      return { actorType: 'user', actorId: actor.userId };
    case 'api_key':
    case 'staff_api_key':
      return { actorType: 'api_key', actorId: actor.keyId };
    case 'system':
      return { actorType: 'system', actorId: actor.job };
  }
}
