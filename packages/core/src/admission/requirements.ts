import { type Database, documentRequirements, serviceCategories } from '@outpost/db';
import { and, arrayOverlaps, asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { int32 } from '../fields.ts';

type Category = (typeof serviceCategories)[number];

/** Active requirements that apply to any of the categories (an empty category list on a requirement means "all"). */
export async function requirementsFor(db: Database, categories: readonly Category[]) {
  return db
    .select()
    .from(documentRequirements)
    .where(
      and(
        eq(documentRequirements.active, true),
        sql`(cardinality(${documentRequirements.serviceCategories}) = 0 or ${arrayOverlaps(documentRequirements.serviceCategories, [...categories])})`,
      ),
    )
    .orderBy(asc(documentRequirements.sortOrder), asc(documentRequirements.key));
}

export async function listRequirements(db: Database, actor: Actor) {
  assertCan(actor, 'read:requirements');
  return db
    .select()
    .from(documentRequirements)
    .orderBy(asc(documentRequirements.sortOrder), asc(documentRequirements.key));
}

export const requirementInput = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{2,60}$/, 'Use 2–60 lower-case letters, digits or underscores.'),
    nameZh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    descriptionZh: z.string().trim().max(2000).optional(),
    descriptionEn: z.string().trim().max(2000).optional(),
    serviceCategories: z.array(z.enum(serviceCategories)).default([]),
    expires: z.boolean().default(true),
    validityMonths: z.number().int().min(1).max(240).nullable().default(null),
    mandatory: z.boolean().default(true),
    active: z.boolean().default(true),
    sortOrder: int32().default(0),
  })
  .refine((r) => !r.expires || r.validityMonths !== null, {
    message: 'An expiring document needs its validity in months.',
    path: ['validityMonths'],
  });

/** Creates or updates a requirement by its key (staff administrators). */
export async function saveRequirement(db: Database, actor: Actor, raw: z.input<typeof requirementInput>) {
  assertCan(actor, 'manage:requirements');
  const input = parse(requirementInput, raw);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(documentRequirements)
      .values(input)
      .onConflictDoUpdate({ target: documentRequirements.key, set: { ...input, updatedAt: new Date() } })
      .returning();
    await audit(tx, actor, {
      action: 'requirement.saved',
      entityType: 'document_requirement',
      entityId: row!.id,
      data: input,
    });
    return row!;
  });
}

/**
 * A new installation starts with the default catalogue; once staff have one (even if
 * they deactivated every entry) it is left alone. Returns how many were added.
 */
export async function ensureDefaultRequirements(db: Database): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(documentRequirements);
  if ((existing?.n ?? 0) > 0) return 0;
  for (const requirement of defaultRequirements)
    await saveRequirement(db, systemActor('catalogue-defaults'), requirement);
  return defaultRequirements.length;
}

/** Realistic catalogue for an insurer in China, used by the demo seed and tests. */
export const defaultRequirements: z.input<typeof requirementInput>[] = [
  {
    key: 'business_licence',
    nameZh: '营业执照',
    nameEn: 'Business licence',
    serviceCategories: [],
    expires: false,
    sortOrder: 10,
  },
  {
    key: 'agency_licence',
    nameZh: '保险代理业务许可证',
    nameEn: 'Insurance agency business licence',
    serviceCategories: ['agency', 'sales_channel'],
    validityMonths: 36,
    sortOrder: 20,
  },
  {
    key: 'loss_adjusting_licence',
    nameZh: '保险公估业务备案/许可证明',
    nameEn: 'Loss-adjusting business filing or licence',
    serviceCategories: ['claims', 'loss_adjusting'],
    validityMonths: 36,
    sortOrder: 20,
  },
  {
    key: 'audited_financials',
    nameZh: '近两年经审计的财务报表',
    nameEn: 'Audited financial statements for the last two years',
    serviceCategories: [],
    validityMonths: 12,
    sortOrder: 30,
  },
  {
    key: 'infosec_certification',
    nameZh: '信息安全认证（等保三级或 ISO 27001）',
    nameEn: 'Information-security certification (MLPS level 3 or ISO 27001)',
    serviceCategories: ['it', 'customer_service', 'claims'],
    validityMonths: 36,
    sortOrder: 40,
  },
  {
    key: 'professional_liability',
    nameZh: '职业责任保险保单',
    nameEn: 'Professional liability insurance policy',
    serviceCategories: ['agency', 'claims', 'loss_adjusting', 'underwriting'],
    validityMonths: 12,
    sortOrder: 50,
  },
  {
    key: 'key_staff_certificates',
    nameZh: '关键人员执业资格证书',
    nameEn: 'Key staff qualification certificates',
    serviceCategories: ['agency', 'loss_adjusting', 'underwriting'],
    validityMonths: 24,
    sortOrder: 60,
  },
  {
    key: 'data_protection_commitment',
    nameZh: '数据保密与个人信息保护承诺书',
    nameEn: 'Data confidentiality and personal-information protection undertaking',
    serviceCategories: [],
    expires: false,
    mandatory: true,
    sortOrder: 70,
  },
];
