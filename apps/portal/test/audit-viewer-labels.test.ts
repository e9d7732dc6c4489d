import { audit, systemActor } from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AuditEntriesTable, type ViewerEntry } from '../app/components/audit/entries-table';
import { depsContext, localeContext, type PortalDeps, viewerContext } from '../app/context';
import { LocaleContext } from '../app/lib/i18n';
import type { Viewer } from '../app/lib/viewer.server';
import { loader } from '../app/routes/staff/audit';
import { depsFor, staffViewer } from './staff-support';

/** The audit viewer names actions and entity types; filter values and the URL keep the codes. */
let conn: DatabaseConnection;
let deps: PortalDeps;
let auditor: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  auditor = await staffViewer(conn.db, ['auditor']);
  const actor = systemActor('test');
  await audit(conn.db, actor, { action: 'api_key.created', entityType: 'api_key', entityId: 'k-1' });
  // An entry written by an older version, whose codes have no name any more.
  await audit(conn.db, actor, { action: 'legacy.thing_done', entityType: 'legacy_table', entityId: 'l-1' });
});
afterAll(async () => {
  await conn?.close();
});

async function load(url: string, locale: 'en' | 'zh-CN') {
  const context = new Map<unknown, unknown>([
    [depsContext, deps],
    [viewerContext, auditor],
    [localeContext, locale],
  ]);
  return (await loader({
    context: { get: (key: unknown) => context.get(key) },
    params: {},
    request: new Request(`http://localhost${url}`),
  } as never)) as Awaited<ReturnType<typeof loader>>;
}

test('the entity-type filter offers names in the reader’s language with the codes as values', async () => {
  const en = await load('/s/audit', 'en');
  expect(en.entityTypes).toContainEqual({ code: 'api_key', label: 'API key' });
  expect(en.entityTypes).toContainEqual({ code: 'legacy_table', label: 'legacy_table' });
  const zh = await load('/s/audit', 'zh-CN');
  expect(zh.entityTypes).toContainEqual({ code: 'api_key', label: 'API 密钥' });
  expect(zh.actions).toContainEqual({ code: 'auth.signed_in', label: '登录' });
  // The URL's filter is the code, and it finds the entry.
  const filtered = await load('/s/audit?entityType=api_key', 'en');
  expect(filtered.filters.entityType).toBe('api_key');
  expect(filtered.entries.map((e) => e.action)).toEqual(['api_key.created']);
});

test('the table shows each code’s name with the code beside it; an unknown code as itself', async () => {
  const { entries } = await load('/s/audit', 'zh-CN');
  const html = (locale: 'en' | 'zh-CN') =>
    renderToStaticMarkup(
      createElement(
        LocaleContext.Provider,
        { value: locale },
        createElement(AuditEntriesTable, { entries: entries as ViewerEntry[] }),
      ),
    );
  const zh = html('zh-CN');
  expect(zh).toContain(
    '<span class="audit-code" title="api_key.created">创建 API 密钥 <code class="muted">api_key.created</code></span>',
  );
  expect(zh).toContain(
    '<span class="audit-code" title="api_key">API 密钥 <code class="muted">api_key</code></span>',
  );
  expect(zh).toContain('<code>legacy.thing_done</code>');
  expect(zh).toContain('<code>legacy_table</code>');
  expect(zh).not.toContain('audit.action.');
  expect(html('en')).toContain('API key created');
});
