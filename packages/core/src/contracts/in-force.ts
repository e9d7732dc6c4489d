/**
 * The contract statuses in which a contract is in force (decision record 047): active, expiring
 * (in force until its end) and renewed (in force with the term a renewal gave it). Every "in
 * force" check — expiry, execution evaluation, risk rules, the quarterly targets — reads this list.
 */
export const inForceStatuses = ['active', 'expiring', 'renewed'] as const;
export type InForceStatus = (typeof inForceStatuses)[number];

export const isInForce = (status: string): status is InForceStatus =>
  (inForceStatuses as readonly string[]).includes(status);
