import { authenticateApiKey } from '@outpost/core';
import { makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createStaffApiKeyAction,
  loadStaffApiKeys,
  revokeStaffApiKeyAction,
} from '../app/lib/staff/staff-api-keys.server';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => {
  await conn?.close();
});

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe('the staff API keys page (decision record 059)', () => {
  test('an administrator creates a key with staff purposes, sees it once, lists and revokes it', async () => {
    const { actor } = await makeStaff(conn.db, ['admin']);
    const created = await createStaffApiKeyAction(
      conn.db,
      actor,
      form([
        ['name', 'Routing system'],
        ['scopes', 'allocations:read'],
        ['scopes', 'documents'],
      ]),
      'zh-CN',
    );
    expect(created).toMatchObject({ intent: 'create', ok: true, name: 'Routing system' });
    if (!created.ok || created.intent !== 'create') return;
    // A partner purpose sent by hand is dropped: the key has the staff purpose only.
    expect(await authenticateApiKey(conn.db, created.key)).toMatchObject({
      type: 'staff_api_key',
      scopes: ['allocations:read'],
    });
    const page = await loadStaffApiKeys(conn.db, actor, 'en');
    expect(page.scopes).toEqual(['allocations:read', 'register:read']);
    const listed = page.keys.find((k) => k.name === 'Routing system')!;
    expect(listed.revoked).toBeNull();
    const revoked = await revokeStaffApiKeyAction(conn.db, actor, form([['keyId', listed.id]]), 'en');
    expect(revoked).toMatchObject({ ok: true, notice: 'The key “Routing system” is revoked.' });
    expect(await authenticateApiKey(conn.db, created.key)).toBeNull();
  });

  test('a missing name or purpose is refused on its field, in the reader’s language', async () => {
    const { actor } = await makeStaff(conn.db, ['admin']);
    const result = await createStaffApiKeyAction(conn.db, actor, form([['name', ' ']]), 'zh-CN');
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      errors: { fields: { name: '请为密钥命名。', scopes: '请至少选择一项用途。' } },
    });
  });

  test('other staff are refused: the page is 403 and nothing is created', async () => {
    const { actor } = await makeStaff(conn.db, ['risk_officer']);
    await expect(loadStaffApiKeys(conn.db, actor, 'en')).rejects.toMatchObject({ code: 'forbidden' });
    const result = await createStaffApiKeyAction(
      conn.db,
      actor,
      form([
        ['name', 'X'],
        ['scopes', 'register:read'],
      ]),
      'en',
    );
    expect(result).toMatchObject({ ok: false, status: 403 });
  });
});
