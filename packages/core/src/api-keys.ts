import { apiKeys, apiKeyScopes, type Database, partners } from '@outpost/db';
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
  scopes: z.array(z.enum(apiKeyScopes)).min(1, 'Choose at least one purpose.'),
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
  // Record use at most once a minute per key, so busy integrations do not write on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
  }
  return { type: 'api_key', keyId: row.id, partnerId: row.partnerId, scopes: row.scopes };
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
