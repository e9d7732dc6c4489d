import { apiKeys, auditLog, type DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppError,
  authenticateApiKey,
  can,
  createApiKey,
  createStaffApiKey,
  listApiKeys,
  listStaffApiKeys,
  revokeStaffApiKey,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
type Actor = import('../src/actor.ts').Actor;
let admin: Actor;
let officer: Actor;
let partnerAdmin: Actor;

beforeAll(async () => {
  conn = await createTestDatabase();
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  officer = (await makeStaff(conn.db, ['risk_officer'])).actor;
  partnerAdmin = (await makePartnerUser(conn.db, (await makePartner(conn.db)).id)).actor;
});
afterAll(() => conn?.close());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => e.code,
  );

describe('staff API keys (decision record 059)', () => {
  it('an administrator creates one without a partner, audited; it authenticates as a staff key with its scopes only', async () => {
    const created = await createStaffApiKey(conn.db, admin, {
      name: 'Routing',
      scopes: ['allocations:read'],
    });
    const [row] = await conn.db.select().from(apiKeys).where(eq(apiKeys.id, created.apiKey.id));
    expect(row!.partnerId).toBeNull();
    const entries = await conn.db.select().from(auditLog).where(eq(auditLog.entityId, created.apiKey.id));
    expect(entries.map((e) => e.action)).toEqual(['api_key.created']);
    const actor = await authenticateApiKey(conn.db, created.key);
    expect(actor).toEqual({ type: 'staff_api_key', keyId: created.apiKey.id, scopes: ['allocations:read'] });
    expect(can(actor!, 'read:allocation:any')).toBe(true);
    expect(can(actor!, 'read:register:any')).toBe(false);
    expect(can(actor!, 'read:partner:any')).toBe(false);
    expect((await listStaffApiKeys(conn.db, admin)).map((k) => k.id)).toContain(created.apiKey.id);
  });

  it('only administrators manage them, and only with staff scopes', async () => {
    expect(await refusal(createStaffApiKey(conn.db, officer, { name: 'X', scopes: ['register:read'] }))).toBe(
      'forbidden',
    );
    expect(
      await refusal(createStaffApiKey(conn.db, partnerAdmin, { name: 'X', scopes: ['register:read'] })),
    ).toBe('forbidden');
    expect(await refusal(listStaffApiKeys(conn.db, officer))).toBe('forbidden');
    expect(
      await refusal(createStaffApiKey(conn.db, admin, { name: 'X', scopes: ['events' as 'register:read'] })),
    ).toBe('validation_failed');
    expect(await refusal(createStaffApiKey(conn.db, admin, { name: 'X', scopes: [] }))).toBe(
      'validation_failed',
    );
  });

  it('a partner administrator cannot give its key a staff scope, and a partner row with one grants nothing across partners', async () => {
    expect(
      await refusal(
        createApiKey(conn.db, partnerAdmin, { name: 'X', scopes: ['allocations:read' as 'events'] }),
      ),
    ).toBe('validation_failed');
    const key = await createApiKey(conn.db, partnerAdmin, { name: 'Events', scopes: ['events'] });
    // Even if a staff scope were written onto a partner's row, the key does not carry it.
    await conn.db
      .update(apiKeys)
      .set({ scopes: ['events', 'register:read'] })
      .where(eq(apiKeys.id, key.apiKey.id));
    const actor = await authenticateApiKey(conn.db, key.key);
    expect(actor).toMatchObject({ type: 'api_key', scopes: ['events'] });
    expect(can(actor!, 'read:register:any')).toBe(false);
    // The partner's own list never shows staff keys.
    expect((await listApiKeys(conn.db, partnerAdmin)).map((k) => k.name)).toEqual(['Events']);
  });

  it('revoking is audited and the key stops authenticating; a partner key cannot be revoked as a staff key', async () => {
    const created = await createStaffApiKey(conn.db, admin, { name: 'GRC', scopes: ['register:read'] });
    await revokeStaffApiKey(conn.db, admin, created.apiKey.id);
    expect(await authenticateApiKey(conn.db, created.key)).toBeNull();
    const actions = (
      await conn.db.select().from(auditLog).where(eq(auditLog.entityId, created.apiKey.id))
    ).map((e) => e.action);
    expect(actions.sort()).toEqual(['api_key.created', 'api_key.revoked']);
    const partnerKey = await createApiKey(conn.db, partnerAdmin, { name: 'Docs', scopes: ['documents'] });
    expect(await refusal(revokeStaffApiKey(conn.db, admin, partnerKey.apiKey.id))).toBe('not_found');
  });
});
