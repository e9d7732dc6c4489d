import { blacklistEntries, type Database, partners } from '@outpost/db';
import { and, count, desc, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { parseCreditCode } from '../credit-code.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { applySuspension, blacklistImpact } from '../partner-status.ts';
import { isUuid, parse } from '../validation.ts';
import { pageNumber, pageSize } from '../fields.ts';
import { csvBeijingTime, csvDocument } from '../csv.ts';
import { defaultLocale, type Locale, translate } from '@outpost/i18n';

/** The live (not removed) blacklist entry for a credit code, if any. */
export async function liveBlacklistEntry(db: Database, creditCode: string) {
  const [entry] = await db
    .select()
    .from(blacklistEntries)
    .where(and(eq(blacklistEntries.creditCode, creditCode), isNull(blacklistEntries.removedAt)));
  return entry ?? null;
}

/**
 * Refuses a blacklisted code. Staff learn why; a partner (or anyone else) gets a
 * neutral message that reveals nothing about the list.
 */
export async function assertNotBlacklisted(
  db: Database,
  actor: Actor | null,
  creditCode: string,
): Promise<void> {
  const entry = await liveBlacklistEntry(db, creditCode);
  if (!entry) return;
  if (actor?.type === 'staff') {
    throw new AppError('conflict', `This credit code is on the Do-Not-Contract list: ${entry.reason}`, {
      messageKey: 'errors.blacklisted_staff',
      details: { field: 'creditCode', blacklistEntryId: entry.id, reason: entry.reason },
    });
  }
  throw new AppError('conflict', 'This registration cannot be completed. Please contact the insurer.', {
    messageKey: 'errors.blacklisted_neutral',
  });
}

export const addBlacklistInput = z.object({
  creditCode: z.string().max(64),
  name: z.string().trim().min(2, 'Enter the entity name.').max(200),
  reason: z.string().trim().min(5, 'Give the reason (at least 5 characters).').max(2000),
  evidence: z.string().trim().max(4000).optional(),
  /** What a suspended partner is told (defaults to the reason); the list itself stays internal. */
  partnerReason: z
    .string()
    .trim()
    .min(5, 'Give the reason the partner sees (at least 5 characters).')
    .max(2000)
    .optional(),
  /** Required when the code matches partners: the person has seen the preview (previewBlacklist). */
  confirmed: z.boolean().optional(),
});

/**
 * What adding this entry would do, before anything changes: the partners with this
 * credit code that would be suspended (whatever name they trade under) and their open
 * applications, which are blocked while the suspension lasts.
 */
export async function previewBlacklist(db: Database, actor: Actor, raw: z.input<typeof addBlacklistInput>) {
  assertCan(actor, 'manage:blacklist');
  const input = parse(addBlacklistInput, raw);
  const creditCode = parseCreditCode(input.creditCode);
  if (await liveBlacklistEntry(db, creditCode)) {
    throw new AppError('conflict', 'This credit code is already on the blacklist.', {
      messageKey: 'errors.blacklist_duplicate',
      details: { field: 'creditCode' },
    });
  }
  return {
    creditCode,
    name: input.name,
    reason: input.reason,
    matches: await blacklistImpact(db, creditCode),
  };
}

/**
 * Adds an entity to the Do-Not-Contract list. A partner with that code that is active
 * (or applying, or invited) is suspended at once — only when the caller confirmed the
 * preview; otherwise nothing changes and the answer lists the partners it would hit.
 */
export async function addToBlacklist(db: Database, actor: Actor, raw: z.input<typeof addBlacklistInput>) {
  assertCan(actor, 'manage:blacklist');
  const input = parse(addBlacklistInput, raw);
  const creditCode = parseCreditCode(input.creditCode);
  return db.transaction(async (tx) => {
    if (await liveBlacklistEntry(tx, creditCode)) {
      throw new AppError('conflict', 'This credit code is already on the blacklist.', {
        messageKey: 'errors.blacklist_duplicate',
        details: { field: 'creditCode' },
      });
    }
    if (!input.confirmed) {
      const matches = await blacklistImpact(tx, creditCode);
      if (matches.length > 0) {
        throw new AppError(
          'conflict',
          'This credit code matches partners that would be suspended: review the preview and confirm.',
          { messageKey: 'errors.blacklist_confirm', details: { field: 'confirmed', matches } },
        );
      }
    }
    const [entry] = await tx
      .insert(blacklistEntries)
      .values({
        creditCode,
        name: input.name,
        reason: input.reason,
        evidence: input.evidence ?? null,
        addedBy: actorUserId(actor),
      })
      .returning();
    await audit(tx, actor, {
      action: 'blacklist.added',
      entityType: 'blacklist_entry',
      entityId: entry!.id,
      data: { creditCode, name: input.name, reason: input.reason },
    });
    const matched = await tx
      .select()
      .from(partners)
      .where(
        and(eq(partners.creditCode, creditCode), inArray(partners.status, ['active', 'applying', 'invited'])),
      )
      .for('update');
    const suspended: typeof matched = [];
    for (const partner of matched) {
      const reason = input.partnerReason ?? input.reason;
      if (
        !(await applySuspension(tx, actor, partner, reason, {
          kind: 'blacklist',
          blacklistEntryId: entry!.id,
        }))
      )
        continue;
      suspended.push(partner);
      await notify(tx, {
        staffRoles: ['admin', 'risk_officer', 'reviewer'],
        template: 'notify.partner_blacklisted',
        actor,
        params: { name: partner.legalName, creditCode },
        link: `/s/partners/${partner.id}`,
      });
    }
    return { entry: entry!, suspendedPartnerIds: suspended.map((p) => p.id) };
  });
}

export async function removeFromBlacklist(
  db: Database,
  actor: Actor,
  input: { entryId: string; reason: string },
) {
  assertCan(actor, 'remove:blacklist');
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 5) {
    throw new AppError('validation_failed', 'Give the reason for removal (at least 5 characters).', {
      details: {
        fields: [{ path: 'reason', message: 'Give the reason for removal (at least 5 characters).' }],
      },
    });
  }
  if (!isUuid(input.entryId)) throw notFound('Blacklist entry');
  return db.transaction(async (tx) => {
    const [entry] = await tx
      .update(blacklistEntries)
      .set({ removedAt: new Date(), removedBy: actorUserId(actor), removalReason: reason })
      .where(and(eq(blacklistEntries.id, input.entryId), isNull(blacklistEntries.removedAt)))
      .returning();
    if (!entry) throw notFound('Blacklist entry');
    await audit(tx, actor, {
      action: 'blacklist.removed',
      entityType: 'blacklist_entry',
      entityId: entry.id,
      data: { creditCode: entry.creditCode, reason },
    });
    return entry;
  });
}

export const listBlacklistInput = z.object({
  q: z.string().trim().max(100).optional(),
  includeRemoved: z.coerce.boolean().default(false),
  page: pageNumber().default(1),
  pageSize: pageSize(500).default(20),
});

export async function listBlacklist(
  db: Database,
  actor: Actor,
  raw: z.input<typeof listBlacklistInput> = {},
) {
  assertCan(actor, 'read:blacklist');
  const input = parse(listBlacklistInput, raw);
  const conditions: SQL[] = [];
  if (!input.includeRemoved) conditions.push(isNull(blacklistEntries.removedAt));
  if (input.q) {
    const like = `%${input.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(blacklistEntries.name, like),
        ilike(blacklistEntries.creditCode, like),
        ilike(blacklistEntries.reason, like),
      ) as SQL,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(blacklistEntries)
      .where(where)
      .orderBy(desc(blacklistEntries.createdAt))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(blacklistEntries).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

/**
 * The whole list (live entries, or all with includeRemoved) as CSV for Excel: headers in
 * the reader's language, times in Beijing time with their offset, UTF-8 with a BOM (csv.ts).
 */
export async function blacklistCsv(
  db: Database,
  actor: Actor,
  includeRemoved = false,
  locale: Locale = defaultLocale,
): Promise<string> {
  assertCan(actor, 'read:blacklist');
  const rows = await db
    .select()
    .from(blacklistEntries)
    .where(includeRemoved ? undefined : isNull(blacklistEntries.removedAt))
    .orderBy(desc(blacklistEntries.createdAt));
  const header = (
    ['creditCode', 'name', 'reason', 'evidence', 'addedAt', 'removedAt', 'removalReason'] as const
  ).map((column) => translate(locale, `csv-export.blacklist.${column}`));
  return csvDocument(
    header,
    rows.map((r) => [
      r.creditCode,
      r.name,
      r.reason,
      r.evidence ?? '',
      csvBeijingTime(r.createdAt),
      csvBeijingTime(r.removedAt),
      r.removalReason ?? '',
    ]),
  );
}

export function actorUserId(actor: Actor): string | null {
  return actor.type === 'staff' || actor.type === 'partner' || actor.type === 'user' ? actor.userId : null;
}
