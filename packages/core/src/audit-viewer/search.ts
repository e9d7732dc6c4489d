import { auditLog, type Database, partners, rowsOf, users } from '@outpost/db';
import { and, desc, eq, gte, ilike, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { type Change, changesOf } from './changes.ts';

/** A day in China (YYYY-MM-DD): the viewer's date range is in business time, like every date shown. */
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+08:00`)));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const auditSearchFilters = z
  .object({
    /** A person's name or e-mail (partial), a user/key id, or a system job name. */
    actor: optionalText(200),
    partnerId: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || isUuid(v), { message: 'partner' }),
    entityType: optionalText(100),
    entityId: optionalText(200),
    /** An action ("contract.approved") or a prefix ending in a dot ("contract."). */
    action: optionalText(100),
    from: day.optional().or(z.literal('').transform(() => undefined)),
    to: day.optional().or(z.literal('').transform(() => undefined)),
    /** Keyset pagination: entries older than this id (the "Older" link carries it). */
    before: z.coerce.number().int().positive().optional(),
    pageSize: z.coerce.number().int().min(1).max(200).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from after to', path: ['to'] });

export type AuditSearchFilters = z.input<typeof auditSearchFilters>;
type Parsed = z.output<typeof auditSearchFilters>;

export const chinaDayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const nextChinaDayStart = (d: string) => new Date(chinaDayStart(d).getTime() + 24 * 3600 * 1000);

/**
 * The WHERE of a search. Each filter meets an index (decision record 053): actor and action
 * (with id, for newest-first pages), partner, entity type/id, time. The actor text is resolved
 * to ids first (people by name or e-mail), so the log is never joined to users on the way.
 */
async function whereOf(db: Database, f: Parsed): Promise<SQL | undefined> {
  const parts: (SQL | undefined)[] = [];
  if (f.actor) {
    const ids = [f.actor];
    if (!isUuid(f.actor)) {
      const pattern = `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const people = await db
        .select({ id: users.id })
        .from(users)
        .where(or(ilike(users.email, pattern), ilike(users.displayName, pattern)))
        .limit(50);
      ids.push(...people.map((p) => p.id));
    }
    parts.push(inArray(auditLog.actorId, ids));
  }
  if (f.partnerId) parts.push(eq(auditLog.partnerId, f.partnerId));
  if (f.entityType) parts.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) parts.push(eq(auditLog.entityId, f.entityId));
  if (f.action) {
    parts.push(
      f.action.endsWith('.')
        ? like(auditLog.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
        : eq(auditLog.action, f.action),
    );
  }
  if (f.from) parts.push(gte(auditLog.at, chinaDayStart(f.from)));
  if (f.to) parts.push(lt(auditLog.at, nextChinaDayStart(f.to)));
  return and(...parts);
}

export interface AuditLogEntry {
  id: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  /** The person's name for user actors (null for keys, Slack ids not linked, system jobs). */
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  partnerId: string | null;
  partnerName: string | null;
  requestId: string | null;
  data: Record<string, unknown>;
  changes: Change[];
}

async function named(db: Database, rows: (typeof auditLog.$inferSelect)[]): Promise<AuditLogEntry[]> {
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((v): v is string => !!v && isUuid(v)))];
  const partnerIds = [...new Set(rows.map((r) => r.partnerId).filter((v): v is string => !!v))];
  const [people, orgs] = await Promise.all([
    actorIds.length
      ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, actorIds))
      : [],
    partnerIds.length
      ? db
          .select({ id: partners.id, name: partners.legalName })
          .from(partners)
          .where(inArray(partners.id, partnerIds))
      : [],
  ]);
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const partnerName = new Map(orgs.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorType: r.actorType,
    actorId: r.actorId,
    actorName: (r.actorId && personName.get(r.actorId)) ?? null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    partnerId: r.partnerId,
    partnerName: (r.partnerId && partnerName.get(r.partnerId)) ?? null,
    requestId: r.requestId,
    data: r.data,
    changes: changesOf(r.data),
  }));
}

/**
 * One page of the audit log, newest first (read:audit: auditors and administrators). Keyset
 * pagination by id, so page 500 costs what page 1 does; `nextBefore` is null on the last page.
 */
export async function searchAuditLog(db: Database, actor: Actor, raw: AuditSearchFilters) {
  assertCan(actor, 'read:audit');
  const f = parse(auditSearchFilters, raw);
  const size = f.pageSize ?? 50;
  const where = and(await whereOf(db, f), f.before ? lt(auditLog.id, f.before) : undefined);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(size + 1);
  const page = rows.slice(0, size);
  return {
    entries: await named(db, page),
    nextBefore: rows.length > size ? (page.at(-1)?.id ?? null) : null,
    filters: f,
  };
}

/** Every matching entry, newest first, up to `limit` (the CSV export). */
export async function auditLogRows(db: Database, f: Parsed, limit: number) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(await whereOf(db, f))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return named(db, rows);
}

/** One entry by id (the broken link the verification names), or null. */
export async function auditLogEntry(db: Database, actor: Actor, id: number): Promise<AuditLogEntry | null> {
  assertCan(actor, 'read:audit');
  const rows = await db.select().from(auditLog).where(eq(auditLog.id, id)).limit(1);
  return (await named(db, rows))[0] ?? null;
}

/** The distinct entity types and action families, for the search form's suggestions. */
export async function auditVocabulary(db: Database, actor: Actor) {
  assertCan(actor, 'read:audit');
  // A loose index scan on audit_log_entity_idx: one index probe per type, not a read of every entry.
  const rows = rowsOf<{ entity_type: string }>(
    await db.execute(sql`
      with recursive t(e) as (
        select min(entity_type) from audit_log
        union all
        select (select min(entity_type) from audit_log where entity_type > t.e) from t where t.e is not null
      )
      select e as entity_type from t where e is not null limit 200`),
  );
  return { entityTypes: rows.map((r) => r.entity_type) };
}
