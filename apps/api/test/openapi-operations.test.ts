import { createApiKey, createStaffApiKey } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOfStatus } from '../src/schemas.ts';
import { cookieFor, makeApi } from './helpers.ts';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, { content?: { 'application/json'?: { schema?: { $ref?: string } } } }>;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }>;
  };
};

let conn: DatabaseConnection;
let admin: string;
let api: ReturnType<typeof makeApi>;
let doc: Doc;
const keys = { partner: '', staff: '' };
const operations: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
  const staff = await makeStaff(conn.db, ['admin']);
  admin = await cookieFor(conn.db, staff.user.id);
  const partnerAdmin = await makePartnerUser(conn.db, (await makePartner(conn.db)).id);
  keys.partner = (
    await createApiKey(conn.db, partnerAdmin.actor, {
      name: 'All',
      scopes: ['documents', 'events', 'training'],
    })
  ).key;
  keys.staff = (
    await createStaffApiKey(conn.db, staff.actor, {
      name: 'All',
      scopes: ['allocations:read', 'register:read'],
    })
  ).key;
  doc = (await (await api.request('/openapi.json')).json()) as Doc;
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) operations.push({ method, path, op });
});
afterAll(() => conn?.close());

/** The codes the schema of a documented answer allows. */
function documentedCodes(op: Operation, status: number): string[] | undefined {
  const ref = op.responses[String(status)]?.content?.['application/json']?.schema?.$ref;
  if (!ref) return undefined;
  return doc.components.schemas[ref.split('/').pop()!]?.properties?.error?.properties?.code?.enum;
}

describe('OpenAPI document for generated clients', () => {
  it('gives every operation a unique operationId', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((o) => !o.op.operationId).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const at = (method: string, path: string) => doc.paths[path]?.[method]?.operationId;
    expect(at('get', '/v1/partners/{id}')).toBe('getPartnersById');
    expect(at('post', '/v1/sessions')).toBe('postSessions');
  });

  it('documents every error status with a schema listing exactly the codes of that status', () => {
    const problems: string[] = [];
    for (const { method, path, op } of operations) {
      for (const status of Object.keys(op.responses).map(Number)) {
        if (status < 400) continue;
        const codes = documentedCodes(op, status);
        if (!codes || codes.length === 0) problems.push(`${method} ${path} ${status}: no codes`);
        else if (codes.join() !== codesOfStatus(status).join())
          problems.push(`${method} ${path} ${status}: ${codes.join()}`);
      }
      for (const status of [400, 413, 422, 500])
        if (!op.responses[status]) problems.push(`${method} ${path}: ${status} not documented`);
      if ((op.security ?? []).length > 0 && !op.responses[401])
        problems.push(`${method} ${path}: secured, 401 not documented`);
    }
    expect(problems).toEqual([]);
    expect(documentedCodes(doc.paths['/v1/partners/{id}']!.get!, 404)).toEqual(['not_found']);
    expect(documentedCodes(doc.paths['/v1/sessions']!.post!, 401)).toEqual([
      'unauthenticated',
      'invalid_credentials',
    ]);
  });

  it('what an operation answers without credentials, or signed in with a wrong body, is documented', async () => {
    const undocumented: string[] = [];
    const seen: string[] = [];
    for (const cookie of [undefined, admin]) {
      for (const { method, path, op } of operations) {
        const url = path.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
        const headers: Record<string, string> = cookie ? { cookie } : {};
        const init: RequestInit = { method: method.toUpperCase(), headers };
        if (!['get', 'head', 'delete'].includes(method)) {
          init.body = '{"not": "what this wants"}';
          headers['content-type'] = 'application/json';
        }
        const res = await api.request(url, init);
        seen.push(`${res.status}`);
        if (res.status < 400) continue;
        const body = (await res.json()) as { error: { code: string } };
        if (!documentedCodes(op, res.status)?.includes(body.error.code))
          undocumented.push(
            `${method} ${path}${cookie ? ' (signed in)' : ''}: ${res.status} ${body.error.code}`,
          );
      }
    }
    expect(undocumented).toEqual([]);
    // The probe reached the handlers, not only the authentication.
    expect([...new Set(seen)]).toEqual(expect.arrayContaining(['401', '404', '422']));
  });

  it('what an operation answers to a partner key and to a staff key (decision record 059) is documented', async () => {
    const undocumented: string[] = [];
    const seen: string[] = [];
    for (const [kind, key] of Object.entries(keys)) {
      for (const { method, path, op } of operations) {
        if (!(op.security ?? []).some((r) => 'apiKey' in r)) continue;
        const url = path.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
        const headers: Record<string, string> = { authorization: `Bearer ${key}` };
        const init: RequestInit = { method: method.toUpperCase(), headers };
        if (!['get', 'head', 'delete'].includes(method)) {
          init.body = '{"not": "what this wants"}';
          headers['content-type'] = 'application/json';
        }
        const res = await api.request(url, init);
        seen.push(`${kind} ${path} ${res.status}`);
        if (res.status < 400) continue;
        const body = (await res.json()) as { error: { code: string } };
        if (!documentedCodes(op, res.status)?.includes(body.error.code))
          undocumented.push(`${method} ${path} (${kind} key): ${res.status} ${body.error.code}`);
      }
    }
    expect(undocumented).toEqual([]);
    // A partner key is refused where only staff keys go; a staff key is refused everywhere else.
    expect(seen).toEqual(
      expect.arrayContaining([
        'partner /v1/incentives/allocations 403',
        'partner /v1/register/arrangements 403',
        'staff /v1/kpis 403',
        'staff /v1/register/arrangements 200',
        'staff /v1/incentives/allocations 422',
      ]),
    );
  });
});
