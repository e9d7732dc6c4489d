import { apiKeys, type Database, partnerKeyScopes, partners, staffKeyScopes } from '@outpost/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError, notFound } from './errors.ts';
import { assertCan } from './permissions.ts';
import { assertPartnerActive } from './partner-status.ts';
import { hashSecret, randomToken, secretMatches } from './secrets.ts';
import { parse } from './validation.ts';

const PREFIX = 'opk_';

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key after the system that will use it.').max(100),
  scopes: z.array(z.enum(partnerKeyScopes)).min(1, 'Choose at least one purpose.'),
});

/** A staff key's purposes are the staff scopes only (decision record 059). */
export const createStaffApiKeyInput = z.object({
  name: createApiKeyInput.shape.name,
  scopes: z.array(z.enum(staffKeyScopes)).min(1, 'Choose at least one purpose.'),
});

function ownPartner(actor: Actor): { partnerId: string; userId: string } {
  assertCan(actor, 'manage:api-keys:own');
  if (actor.type !== 'partner')
    throw new AppError('forbidden', 'Only a partner administrator manages API keys.');
  return { partnerId: actor.partnerId, userId: actor.userId };
}

/** Creates a key for the actor's own partner. The full key is returned once and never stored. */
export async function createApiKey(db: Database, actor: Actor, raw: z.input<typeof createApiKeyInput>) {
  const { partnerId, userId } = ownPartner(actor);
  // Revoking stays allowed while suspended (it only takes access away); creating does not.
  await assertPartnerActive(db, actor);
  const input = parse(createApiKeyInput, raw);
  const id = randomToken(10);
  const secret = randomToken(24);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id,
        partnerId,
        name: input.name,
        secretHash: hashSecret(secret),
        scopes: [...new Set(input.scopes)],
        createdBy: userId,
      })
      .returning();
    await audit(tx, actor, {
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: id,
      partnerId,
      data: { name: input.name, scopes: input.scopes },
    });
    return { key: `${PREFIX}${id}_${secret}`, apiKey: publicView(row!) };
  });
}

export async function listApiKeys(db: Database, actor: Actor) {
  const { partnerId } = ownPartner(actor);
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.partnerId, partnerId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(publicView);
}

export async function revokeApiKey(db: Database, actor: Actor, keyId: string) {
  const { partnerId } = ownPartner(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.partnerId, partnerId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) throw notFound('API key');
    await audit(tx, actor, { action: 'api_key.revoked', entityType: 'api_key', entityId: keyId, partnerId });
    return publicView(row);
  });
}

/** The acting identity for a presented key, or null for a malformed, unknown, wrong or revoked key. */
export async function authenticateApiKey(db: Database, presented: string): Promise<Actor | null> {
  if (!presented.startsWith(PREFIX) || presented.length > 200) return null;
  const [id, secret, extra] = presented.slice(PREFIX.length).split('_');
  if (!id || !secret || extra !== undefined) return null;
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  if (!row || row.revokedAt || !secretMatches(secret, new Uint8Array(row.secretHash))) return null;
  // A partner key only ever carries partner scopes; a staff key (no partner) only staff scopes.
  const partnerScopes = row.scopes.filter((s) => (partnerKeyScopes as readonly string[]).includes(s));
  const staffScopes = row.scopes.filter((s) => (staffKeyScopes as readonly string[]).includes(s));
  // Record use at most once a minute per key, so busy integrations do not write on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
  }
  if (row.partnerId === null) return { type: 'staff_api_key', keyId: row.id, scopes: staffScopes };
  return { type: 'api_key', keyId: row.id, partnerId: row.partnerId, scopes: partnerScopes };
}

function staffAdmin(actor: Actor): { userId: string } {
  assertCan(actor, 'manage:api-keys:staff');
  if (actor.type !== 'staff')
    throw new AppError('forbidden', 'Only a staff administrator manages staff API keys.');
  return { userId: actor.userId };
}

/**
 * Creates a staff key (decision record 059) for one of the insurer's own systems: no partner,
 * staff scopes only (reading the allocation tables or the outsourcing register). Administrators
 * only; audited. The full key is returned once and never stored.
 */
export async function createStaffApiKey(
  db: Database,
  actor: Actor,
  raw: z.input<typeof createStaffApiKeyInput>,
) {
  const { userId } = staffAdmin(actor);
  const input = parse(createStaffApiKeyInput, raw);
  const id = randomToken(10);
  const secret = randomToken(24);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id,
        partnerId: null,
        name: input.name,
        secretHash: hashSecret(secret),
        scopes: [...new Set(input.scopes)],
        createdBy: userId,
      })
      .returning();
    await audit(tx, actor, {
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: id,
      data: { name: input.name, scopes: input.scopes, staff: true },
    });
    return { key: `${PREFIX}${id}_${secret}`, apiKey: publicView(row!) };
  });
}

/** The staff keys, newest first (administrators). */
export async function listStaffApiKeys(db: Database, actor: Actor) {
  staffAdmin(actor);
  const rows = await db
    .select()
    .from(apiKeys)
    .where(isNull(apiKeys.partnerId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(publicView);
}

export async function revokeStaffApiKey(db: Database, actor: Actor, keyId: string) {
  staffAdmin(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.partnerId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) throw notFound('API key');
    await audit(tx, actor, { action: 'api_key.revoked', entityType: 'api_key', entityId: keyId });
    return publicView(row);
  });
}

/** What an API key calling the API is: its name, purposes and partner (GET /v1/me with a key). */
export async function describeApiKey(db: Database, actor: Actor & { type: 'api_key' }) {
  const [row] = await db
    .select({ key: apiKeys, legalName: partners.legalName })
    .from(apiKeys)
    .innerJoin(partners, eq(partners.id, apiKeys.partnerId))
    .where(and(eq(apiKeys.id, actor.keyId), eq(apiKeys.partnerId, actor.partnerId)));
  if (!row) throw notFound('API key');
  return { ...publicView(row.key), partner: { id: actor.partnerId, legalName: row.legalName } };
}

function publicView(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    prefix: `${PREFIX}${row.id}_…`,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
