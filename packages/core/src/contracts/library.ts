import {
  clauseKinds,
  clauseVariableTypes,
  contractClauses,
  contractClauseVersions,
  contractMandatoryKinds,
  contractTemplates,
  criticalities,
  type Database,
  serviceCategories,
} from '@outpost/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { defaultClauses, defaultMandatoryKinds } from './default-clauses.ts';

/** `{{name}}` in a clause's text: a variable each draft fills in. */
export const placeholderPattern = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
export const placeholdersOf = (text: string) =>
  new Set([...text.matchAll(placeholderPattern)].map((m) => m[1]!));

const variableInput = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(
      /^[a-z][a-z0-9_]{0,59}$/,
      'Name a variable with lower-case letters, digits and _ (e.g. notice_days).',
    ),
  type: z.enum(clauseVariableTypes, { message: 'Choose text, number, money, percent, date or days.' }),
  labelZh: z.string().trim().min(1, 'Enter a label.').max(100),
  labelEn: z.string().trim().min(1, 'Enter a label.').max(100),
});

export const clauseInput = z
  .strictObject({
    kind: z.enum(clauseKinds, { message: 'Choose a clause kind.' }),
    titleZh: z.string().trim().min(1, 'Enter a title.').max(200),
    titleEn: z.string().trim().min(1, 'Enter a title.').max(200),
    bodyZh: z.string().trim().min(1, 'Enter the clause text.').max(20_000),
    bodyEn: z.string().trim().min(1, 'Enter the clause text.').max(20_000),
    variables: z.array(variableInput).max(30).default([]),
  })
  .superRefine((c, ctx) => {
    const declared = new Set(c.variables.map((v) => v.name));
    if (declared.size !== c.variables.length) {
      ctx.addIssue({ code: 'custom', path: ['variables'], message: 'Each variable needs its own name.' });
    }
    // Both languages must use exactly the declared variables, so a draft fills one set of values.
    for (const [field, text] of [
      ['bodyZh', c.bodyZh],
      ['bodyEn', c.bodyEn],
    ] as const) {
      const used = placeholdersOf(text);
      for (const name of used) {
        if (!declared.has(name)) {
          ctx.addIssue({ code: 'custom', path: [field], message: `{{${name}}} is not a declared variable.` });
        }
      }
      for (const name of declared) {
        if (!used.has(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `The text does not use the variable {{${name}}}.`,
          });
        }
      }
    }
  });

/** The library: every clause with its current version, by kind. */
export async function listClauses(db: Database, actor: Actor, filter: { kind?: string } = {}) {
  assertCan(actor, 'read:contract:any');
  const kind =
    filter.kind && (clauseKinds as readonly string[]).includes(filter.kind) ? filter.kind : undefined;
  return db
    .select({
      id: contractClauses.id,
      kind: contractClauses.kind,
      version: contractClauseVersions.version,
      versionId: contractClauseVersions.id,
      titleZh: contractClauseVersions.titleZh,
      titleEn: contractClauseVersions.titleEn,
      bodyZh: contractClauseVersions.bodyZh,
      bodyEn: contractClauseVersions.bodyEn,
      variables: contractClauseVersions.variables,
      updatedAt: contractClauses.updatedAt,
    })
    .from(contractClauses)
    .innerJoin(
      contractClauseVersions,
      and(
        eq(contractClauseVersions.clauseId, contractClauses.id),
        eq(contractClauseVersions.version, contractClauses.currentVersion),
      ),
    )
    .where(kind ? eq(contractClauses.kind, kind as (typeof clauseKinds)[number]) : undefined)
    .orderBy(
      sql`array_position(${sql.raw(`array['${clauseKinds.join("','")}']`)}, ${contractClauses.kind}::text)`,
      asc(contractClauses.createdAt),
      asc(contractClauses.id),
    );
}

/** One clause and all its versions, newest first (the history legal reads). */
export async function getClause(db: Database, actor: Actor, clauseId: string) {
  assertCan(actor, 'read:contract:any');
  if (!isUuid(clauseId)) throw notFound('Clause');
  const [clause] = await db.select().from(contractClauses).where(eq(contractClauses.id, clauseId));
  if (!clause) throw notFound('Clause');
  const versions = await db
    .select()
    .from(contractClauseVersions)
    .where(eq(contractClauseVersions.clauseId, clauseId))
    .orderBy(sql`${contractClauseVersions.version} desc`);
  return { ...clause, versions };
}

/**
 * Adds a clause to the library, or (with `clauseId`) publishes its next version. Versions are
 * append-only: contracts keep pointing at the version they copied.
 */
export async function saveClause(
  db: Database,
  actor: Actor,
  raw: z.input<typeof clauseInput> & { clauseId?: string },
) {
  assertCan(actor, 'manage:clauses');
  const { clauseId, ...rest } = raw;
  const input = parse(clauseInput, rest);
  if (clauseId !== undefined && !isUuid(clauseId)) throw notFound('Clause');
  const createdBy = actor.type === 'staff' ? actor.userId : null;
  return db.transaction(async (tx) => {
    let id = clauseId;
    let version = 1;
    if (id) {
      const [clause] = await tx
        .select()
        .from(contractClauses)
        .where(eq(contractClauses.id, id))
        .for('update');
      if (!clause) throw notFound('Clause');
      if (clause.kind !== input.kind) {
        throw new AppError(
          'validation_failed',
          'A clause keeps its kind; add a new clause for another kind.',
          {
            messageKey: 'errors.contracts.clause_kind_fixed',
          },
        );
      }
      version = clause.currentVersion + 1;
      await tx
        .update(contractClauses)
        .set({ currentVersion: version, updatedAt: new Date() })
        .where(eq(contractClauses.id, id));
    } else {
      const [created] = await tx
        .insert(contractClauses)
        .values({ kind: input.kind, createdBy })
        .returning({ id: contractClauses.id });
      id = created!.id;
    }
    const [row] = await tx
      .insert(contractClauseVersions)
      .values({ clauseId: id, version, ...input, createdBy })
      .returning();
    await audit(tx, actor, {
      action: version === 1 ? 'contract.clause_created' : 'contract.clause_revised',
      entityType: 'contract_clause',
      entityId: id,
      data: { kind: input.kind, version },
    });
    return row!;
  });
}

export const templateInput = z.strictObject({
  serviceCategory: z.enum(serviceCategories, { message: 'Choose a service category.' }),
  nameZh: z.string().trim().min(1, 'Enter a name.').max(200),
  nameEn: z.string().trim().min(1, 'Enter a name.').max(200),
  clauseIds: z.array(z.uuid('Unknown clause.')).min(1, 'Choose at least one clause.').max(100),
});

export async function listTemplates(db: Database, actor: Actor, filter: { serviceCategory?: string } = {}) {
  assertCan(actor, 'read:contract:any');
  const rows = await db
    .select()
    .from(contractTemplates)
    .where(eq(contractTemplates.active, true))
    .orderBy(asc(contractTemplates.serviceCategory), asc(contractTemplates.nameEn));
  return filter.serviceCategory ? rows.filter((t) => t.serviceCategory === filter.serviceCategory) : rows;
}

/** A template per service category assembles clauses of the library, in the order drafts list them. */
export async function saveTemplate(
  db: Database,
  actor: Actor,
  raw: z.input<typeof templateInput> & { templateId?: string },
) {
  assertCan(actor, 'manage:clauses');
  const { templateId, ...rest } = raw;
  const input = parse(templateInput, rest);
  if (templateId !== undefined && !isUuid(templateId)) throw notFound('Template');
  return db.transaction(async (tx) => {
    const known = await tx
      .select({ id: contractClauses.id })
      .from(contractClauses)
      .where(sql`${contractClauses.id} = any(${input.clauseIds}::uuid[])`);
    const knownIds = new Set(known.map((k) => k.id));
    const unknown = input.clauseIds.filter((id) => !knownIds.has(id));
    if (unknown.length > 0) {
      throw new AppError('validation_failed', `Unknown clause: ${unknown.join(', ')}.`, {
        messageKey: 'errors.contracts.unknown_clause',
        details: { clauseIds: unknown },
      });
    }
    const createdBy = actor.type === 'staff' ? actor.userId : null;
    const [row] = templateId
      ? await tx
          .update(contractTemplates)
          .set({ ...input, updatedAt: new Date() })
          .where(eq(contractTemplates.id, templateId))
          .returning()
      : await tx
          .insert(contractTemplates)
          .values({ ...input, createdBy })
          .returning();
    if (!row) throw notFound('Template');
    await audit(tx, actor, {
      action: templateId ? 'contract.template_updated' : 'contract.template_created',
      entityType: 'contract_template',
      entityId: row.id,
      data: { serviceCategory: input.serviceCategory, clauses: input.clauseIds.length },
    });
    return row;
  });
}

export const mandatoryKindsInput = z.strictObject({
  serviceCategory: z.enum(serviceCategories, { message: 'Choose a service category.' }),
  criticality: z.enum(criticalities, { message: 'Choose critical, important or standard.' }),
  kinds: z.array(z.enum(clauseKinds, { message: 'Unknown clause kind.' })).max(clauseKinds.length),
});

/** The mandatory clause kinds of every category and criticality, as a lookup. */
export async function mandatoryKinds(db: Database) {
  const rows = await db.select().from(contractMandatoryKinds);
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = `${r.serviceCategory}/${r.criticality}`;
    out.set(key, (out.get(key) ?? new Set()).add(r.kind));
  }
  return out;
}

/** Legal sets which clause kinds a contract of this category and criticality must contain. */
export async function setMandatoryKinds(
  db: Database,
  actor: Actor,
  raw: z.input<typeof mandatoryKindsInput>,
) {
  assertCan(actor, 'manage:clauses');
  const input = parse(mandatoryKindsInput, raw);
  const kinds = [...new Set(input.kinds)];
  await db.transaction(async (tx) => {
    await tx
      .delete(contractMandatoryKinds)
      .where(
        and(
          eq(contractMandatoryKinds.serviceCategory, input.serviceCategory),
          eq(contractMandatoryKinds.criticality, input.criticality),
        ),
      );
    if (kinds.length > 0) {
      await tx.insert(contractMandatoryKinds).values(
        kinds.map((kind) => ({
          serviceCategory: input.serviceCategory,
          criticality: input.criticality,
          kind,
        })),
      );
    }
    await audit(tx, actor, {
      action: 'contract.mandatory_kinds_set',
      entityType: 'contract_mandatory_kinds',
      entityId: null,
      data: { serviceCategory: input.serviceCategory, criticality: input.criticality, kinds },
    });
  });
  return kinds;
}

/**
 * Seeds the library once: a clause per kind, a template per service category holding them all,
 * and the mandatory sets. Keys make it idempotent; legal's later edits are never overwritten.
 */
export async function ensureDefaultContractLibrary(db: Database) {
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const c of defaultClauses) {
      const [created] = await tx
        .insert(contractClauses)
        .values({ kind: c.kind, defaultKey: c.key })
        .onConflictDoNothing({ target: contractClauses.defaultKey })
        .returning({ id: contractClauses.id });
      if (created) {
        await tx.insert(contractClauseVersions).values({
          clauseId: created.id,
          version: 1,
          titleZh: c.titleZh,
          titleEn: c.titleEn,
          bodyZh: c.bodyZh,
          bodyEn: c.bodyEn,
          variables: c.variables,
        });
        ids.set(c.key, created.id);
      } else {
        const [existing] = await tx
          .select({ id: contractClauses.id })
          .from(contractClauses)
          .where(eq(contractClauses.defaultKey, c.key));
        ids.set(c.key, existing!.id);
      }
    }
    const names: Record<(typeof serviceCategories)[number], [string, string]> = {
      agency: ['保险代理服务合同', 'Insurance agency agreement'],
      sales_channel: ['销售渠道合作协议', 'Sales channel agreement'],
      claims: ['理赔外包服务合同', 'Claims outsourcing agreement'],
      loss_adjusting: ['保险公估服务合同', 'Loss adjusting agreement'],
      underwriting: ['核保外包服务合同', 'Underwriting outsourcing agreement'],
      customer_service: ['客户服务外包合同', 'Customer-service outsourcing agreement'],
      it: ['信息技术外包服务合同', 'IT outsourcing agreement'],
    };
    for (const category of serviceCategories) {
      const [zh, en] = names[category];
      await tx
        .insert(contractTemplates)
        .values({
          serviceCategory: category,
          defaultKey: `default:${category}`,
          nameZh: zh,
          nameEn: en,
          clauseIds: defaultClauses.map((c) => ids.get(c.key)!),
        })
        .onConflictDoNothing({ target: contractTemplates.defaultKey });
    }
    const [anySet] = await tx.select({ n: sql<number>`count(*)::int` }).from(contractMandatoryKinds);
    if ((anySet?.n ?? 0) === 0) {
      const rows = serviceCategories.flatMap((serviceCategory) =>
        criticalities.flatMap((criticality) =>
          defaultMandatoryKinds(criticality).map((kind) => ({ serviceCategory, criticality, kind })),
        ),
      );
      await tx.insert(contractMandatoryKinds).values(rows).onConflictDoNothing();
    }
  });
}
