import { type Database, type Partner, partners, type TerminationCase, terminationCases } from '@outpost/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid } from '../validation.ts';

/**
 * Who may do what (decision record 049), on existing permissions: staff who may suspend a partner
 * (risk officers, administrators) run termination cases; every staff member and auditor reads
 * them; a partner's people read their own case and its administrators act on it.
 */
export const MANAGE = 'suspend:partner' as const;
export const READ_ANY = 'read:partner:any' as const;

export function assertStaffManager(actor: Actor): string {
  assertCan(actor, MANAGE);
  if (actor.type !== 'staff') throw new AppError('forbidden', 'Only staff run termination cases.');
  return actor.userId;
}

export function partnerAdminOf(actor: Actor): { partnerId: string; userId: string } {
  if (actor.type !== 'partner' || actor.role !== 'partner_admin') {
    throw new AppError('forbidden', 'Only your organisation’s administrators do this.', {
      messageKey: 'errors.forbidden',
    });
  }
  return { partnerId: actor.partnerId, userId: actor.userId };
}

/**
 * Locks a case for the transaction; a partner actor finds only its own (another partner's id is
 * a 404, never a 403 that would confirm it exists).
 */
export async function lockCase(tx: Database, actor: Actor, caseId: string): Promise<TerminationCase> {
  if (!isUuid(caseId)) throw notFound('Termination case');
  const [row] = await tx.select().from(terminationCases).where(eq(terminationCases.id, caseId)).for('update');
  if (!row) throw notFound('Termination case');
  if ((actor.type === 'partner' || actor.type === 'api_key') && actor.partnerId !== row.partnerId) {
    throw notFound('Termination case');
  }
  return row;
}

export async function lockPartnerRow(tx: Database, partnerId: string): Promise<Partner> {
  if (!isUuid(partnerId)) throw notFound('Partner');
  const [row] = await tx.select().from(partners).where(eq(partners.id, partnerId)).for('update');
  if (!row) throw notFound('Partner');
  return row;
}

export const caseLink = (id: string) => `/s/terminations/${id}`;
export const PARTNER_LINK = '/p/termination';
