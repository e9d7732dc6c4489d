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
  'invite:partner',
  'read:blacklist',
  'manage:blacklist',
  'remove:blacklist',
  'read:requirements',
  'manage:requirements',
  'upload:document:own',
  'read:document:any',
  'read:document:own',
  'review:document',
  'submit:application:own',
  'read:application:any',
  'read:application:own',
  'manage:application',
  'vote:committee',
  'manage:api-keys:own',
  'read:kpis',
  'manage:kpis',
  'read:scorecard:any',
  'read:scorecard:own',
  'ingest:events:any',
  'ingest:events:own',
  // Quarterly reviews: staff read all and risk officers/admins run them; partners read and answer their own.
  'read:review:any',
  'read:review:own',
  'manage:reviews',
  'respond:review:own',
  // Training: staff with manage:training author courses and assign them; partners keep their roster
  // and take the courses assigned to their people.
  'read:training:any',
  'manage:training',
  'read:training:own',
  'manage:training-roster:own',
  'take:training:own',
  // Suspending a partner (and lifting it) by hand, with a reason.
  'suspend:partner',
  // Risk early warning: every staff member reads alerts and rules; risk officers and admins act on them.
  'read:risk',
  'manage:risk-alerts',
  'manage:risk-rules',
  // Contracts: every staff member reads them; legal keeps the clause library and reviews drafts;
  // risk officers and admins draft them; a partner reads its own.
  'read:contract:any',
  'manage:contract',
  'manage:clauses',
  'review:contract',
  'read:contract:own',
  // Partner sharing (decision record 036): a partner reads the alerts staff shared with it; its administrators answer them.
  'read:risk-alerts:own',
  'respond:risk-alerts:own',
  // Risk incidents (decision record 035): risk officers and admins run incidents and emergency plans;
  // partners read their own incidents' partner tasks and their administrators answer them.
  'manage:risk-incidents',
  'read:risk-incidents:own',
  'respond:risk-incidents:own',
  // Quarterly management reports (decision record 051): management and auditors read them; risk
  // officers and admins generate one on demand.
  'read:reports',
  'generate:reports',
  // Continuity (decision record 050): exit plans, kept by risk officers and admins.
  'manage:continuity',
  // Ownership (decision record 050): who and which department answers for a partner, contract, alert, item.
  'assign:ownership',
  // Supervision tasks (decision record 053): every staff member reads them; the supervision group —
  // risk officers (who already run reviews and rectification) and admins — creates and works them.
  'read:supervision',
  'manage:supervision',
  // Staff API keys (decision record 059): administrators create them for the insurer's own systems;
  // such a key reads the allocation tables or the outsourcing register, nothing else.
  'manage:api-keys:staff',
  'read:allocation:any',
  'read:register:any',
] as const;
export type Permission = (typeof permissions)[number];

/** What every staff member may do: read everything that is not restricted. */
const staffBase: readonly Permission[] = [
  'read:partner:any',
  'read:notifications:own',
  'link:slack',
  'read:blacklist',
  'read:requirements',
  'read:document:any',
  'read:application:any',
  'read:kpis',
  'read:scorecard:any',
  'read:review:any',
  'read:training:any',
  'read:risk',
  'read:contract:any',
  'read:supervision',
];

const staffGrants: Record<StaffRole, readonly Permission[]> = {
  reviewer: [...staffBase, 'invite:partner', 'manage:blacklist', 'review:document', 'manage:application'],
  legal: [
    ...staffBase,
    'manage:blacklist',
    'manage:clauses',
    'review:contract',
    'manage:contract',
    'assign:ownership',
  ],
  committee: [...staffBase, 'vote:committee', 'read:reports'],
  // Risk officers may load events for a partner (the CSV/XLSX import), e.g. from a partner's monthly report.
  risk_officer: [
    ...staffBase,
    'manage:blacklist',
    'ingest:events:any',
    'manage:reviews',
    'manage:training',
    'suspend:partner',
    'manage:risk-alerts',
    'manage:risk-rules',
    'manage:contract',
    'manage:risk-incidents',
    'read:reports',
    'generate:reports',
    'manage:continuity',
    'assign:ownership',
    'manage:supervision',
  ],
  admin: [
    ...staffBase,
    'manage:partner',
    'manage:users',
    'read:audit',
    'invite:partner',
    'manage:blacklist',
    'remove:blacklist',
    'manage:requirements',
    'review:document',
    'manage:application',
    'manage:kpis',
    'ingest:events:any',
    'manage:reviews',
    'manage:training',
    'suspend:partner',
    'manage:risk-alerts',
    'manage:risk-rules',
    'manage:contract',
    'manage:clauses',
    'review:contract',
    'manage:risk-incidents',
    'read:reports',
    'generate:reports',
    'manage:continuity',
    'assign:ownership',
    'manage:supervision',
    'manage:api-keys:staff',
  ],
  // Auditors read everything and change nothing (not even a Slack link that would let them act there).
  auditor: [
    'read:partner:any',
    'read:notifications:own',
    'read:blacklist',
    'read:requirements',
    'read:document:any',
    'read:application:any',
    'read:audit',
    'read:kpis',
    'read:scorecard:any',
    'read:review:any',
    'read:training:any',
    'read:risk',
    'read:contract:any',
    'read:reports',
    'read:supervision',
  ],
};

const partnerGrants: Record<MembershipRole, readonly Permission[]> = {
  partner_admin: [
    'read:partner:own',
    'manage:partner-users:own',
    'read:notifications:own',
    'read:requirements',
    'upload:document:own',
    'read:document:own',
    'submit:application:own',
    'read:application:own',
    'manage:api-keys:own',
    'read:kpis',
    'read:scorecard:own',
    'read:review:own',
    'respond:review:own',
    'read:training:own',
    'manage:training-roster:own',
    'take:training:own',
    'read:contract:own',
    'read:risk-alerts:own',
    'respond:risk-alerts:own',
    'read:risk-incidents:own',
    'respond:risk-incidents:own',
  ],
  partner_member: [
    'read:partner:own',
    'read:notifications:own',
    'read:requirements',
    'upload:document:own',
    'read:document:own',
    'read:application:own',
    'read:kpis',
    'read:scorecard:own',
    'read:review:own',
    'take:training:own',
    'read:contract:own',
    'read:risk-alerts:own',
    'read:risk-incidents:own',
  ],
};

/** What an API key may do for each of its scopes (purposes). */
const scopeGrants: Record<string, readonly Permission[]> = {
  documents: [
    'read:partner:own',
    'read:requirements',
    'upload:document:own',
    'read:document:own',
    'read:application:own',
  ],
  events: ['ingest:events:own', 'read:kpis'],
  training: ['read:training:own'],
  // Staff keys only (decision record 059).
  'allocations:read': ['read:allocation:any'],
  'register:read': ['read:register:any'],
};

// A partner's key never reaches across partners, whatever its row says.
const partnerScopeGrants = (scope: string): readonly Permission[] =>
  scope === 'allocations:read' || scope === 'register:read' ? [] : (scopeGrants[scope] ?? []);

export function permissionsOf(actor: Actor): Set<Permission> {
  switch (actor.type) {
    case 'staff':
      return new Set(actor.roles.flatMap((role) => staffGrants[role]));
    case 'partner':
      return new Set(partnerGrants[actor.role]);
    case 'api_key':
      return new Set(actor.scopes.flatMap((scope) => partnerScopeGrants(scope)));
    case 'staff_api_key':
      return new Set(actor.scopes.flatMap((scope) => scopeGrants[scope] ?? []));
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
