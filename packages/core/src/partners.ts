import {
  type Database,
  partners,
  type Partner,
  criticalities,
  serviceCategories,
  partnerStatuses,
} from '@outpost/db';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { parseCreditCode } from './credit-code.ts';
import { AppError, notFound } from './errors.ts';
import { notify } from './notifications.ts';
import { assertCan, partnerScope } from './permissions.ts';
import { isUuid, parse } from './validation.ts';
import { emailAddress, pageNumber, pageSize } from './fields.ts';
import { ownershipConditions, ownershipFilterInput } from './ownership/ownership.ts';

export const createPartnerInput = z.object({
  legalName: z.string().trim().min(2, 'Enter the legal name (at least 2 characters).').max(200),
  creditCode: z.string().max(64),
  serviceCategories: z.array(z.enum(serviceCategories)).min(1, 'Choose at least one service category.'),
  criticality: z.enum(criticalities).default('standard'),
  contactEmail: emailAddress().optional(),
  registeredAddress: z.string().trim().max(500).optional(),
});
export type CreatePartnerInput = z.input<typeof createPartnerInput>;

export async function createPartner(db: Database, actor: Actor, raw: CreatePartnerInput): Promise<Partner> {
  assertCan(actor, 'manage:partner');
  const input = parse(createPartnerInput, raw);
  const creditCode = parseCreditCode(input.creditCode);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.creditCode, creditCode));
    if (existing) {
      throw new AppError('conflict', 'A partner with this unified social credit code already exists.', {
        messageKey: 'errors.credit_code.duplicate',
        details: { field: 'creditCode' },
      });
    }
    const [partner] = await tx
      .insert(partners)
      .values({ ...input, creditCode })
      .returning();
    if (!partner) throw new Error('insert returned no row');
    await audit(tx, actor, {
      action: 'partner.created',
      entityType: 'partner',
      entityId: partner.id,
      partnerId: partner.id,
      data: { legalName: partner.legalName, creditCode, serviceCategories: partner.serviceCategories },
    });
    await notify(tx, {
      staffRoles: ['admin', 'reviewer'],
      template: 'notify.partner_created',
      actor,
      params: { name: partner.legalName, creditCode },
      link: `/s/partners/${partner.id}`,
    });
    return partner;
  });
}

/** One partner, if the actor may see it. Another partner's id answers "not found", never "forbidden". */
export async function getPartner(db: Database, actor: Actor, partnerId: string): Promise<Partner> {
  const scope = partnerScope(actor);
  if (!isUuid(partnerId) || (scope !== undefined && scope !== partnerId)) throw notFound('Partner');
  const [partner] = await db.select().from(partners).where(eq(partners.id, partnerId));
  if (!partner) throw notFound('Partner');
  return partner;
}

export const listPartnersInput = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(partnerStatuses).optional(),
  /** Decision record 050: the owning department and the relationship owner. */
  ...ownershipFilterInput,
  page: pageNumber().default(1),
  pageSize: pageSize(100).default(20),
});

export async function listPartners(db: Database, actor: Actor, raw: z.input<typeof listPartnersInput> = {}) {
  const input = parse(listPartnersInput, raw);
  const scope = partnerScope(actor);
  const conditions: SQL[] = [];
  if (scope !== undefined) conditions.push(eq(partners.id, scope));
  if (input.status) conditions.push(eq(partners.status, input.status));
  conditions.push(...ownershipConditions('partner', input));
  if (input.q) {
    const like = `%${input.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(partners.legalName, like), ilike(partners.creditCode, like)) as SQL);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(partners)
      .where(where)
      .orderBy(asc(partners.legalName))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(partners).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}
