import { readFileSync } from 'node:fs';
import { defaultRequirements, requirementsFor, saveRequirement, systemActor } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, json, makeApi } from './helpers.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../packages/core/test/fixtures/${name}`, import.meta.url));
let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let requirementId: string;

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db, 64 * 1024, 4096);
  for (const r of defaultRequirements) await saveRequirement(conn.db, systemActor('test'), r);
  requirementId = (await requirementsFor(conn.db, ['claims'])).find((r) => r.key === 'business_licence')!.id;
});
afterAll(() => conn.close());

function uploadForm(file: Buffer, name: string) {
  const form = new FormData();
  form.set('requirementId', requirementId);
  form.set('file', new File([new Uint8Array(file)], name));
  return form;
}

describe('documents over HTTP', () => {
  it('a partner uploads with its session; type by content; download is an attachment', async () => {
    const partner = await makePartner(conn.db);
    const { user } = await makePartnerUser(conn.db, partner.id);
    const cookie = await cookieFor(conn.db, user.id);
    const ok = await api.request('/v1/documents', {
      method: 'POST',
      body: uploadForm(fixture('scan.png'), '营业执照.pdf'),
      headers: { cookie },
    });
    expect(ok.status).toBe(201);
    const { document, version } = (await ok.json()) as {
      document: { id: string };
      version: { contentType: string; sha256: string };
    };
    expect(version.contentType).toBe('image/png'); // decided by content, not by the .pdf name
    const file = await api.request(`/v1/documents/${document.id}/file`, { headers: { cookie } });
    expect(file.status).toBe(200);
    // Stored under a name that ends in the real type, so it never opens as what its name claimed.
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="____\.pdf\.png"; filename\*=UTF-8''%E8%90%A5.*\.pdf\.png$/,
    );
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(fixture('scan.png'))).toBe(true);
  });

  it('serves PDFs and images inline for a preview only when asked, framable by our own pages only; other types stay attachments', async () => {
    const partner = await makePartner(conn.db);
    const { user } = await makePartnerUser(conn.db, partner.id);
    const cookie = await cookieFor(conn.db, user.id);
    const reviewer = await cookieFor(conn.db, (await makeStaff(conn.db, ['reviewer'])).user.id);
    const upload = async (file: Buffer, name: string) => {
      const response = await api.request('/v1/documents', {
        method: 'POST',
        body: uploadForm(file, name),
        headers: { cookie },
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { document: { id: string } }).document.id;
    };
    const image = await upload(fixture('scan.png'), 'scan.png');
    const inline = await api.request(`/v1/documents/${image}/file?disposition=inline`, {
      headers: { cookie: reviewer },
    });
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; filename="scan\.png"/);
    expect(inline.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'self'; sandbox",
    );
    expect(inline.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff');

    const word = await upload(fixture('statement.docx'), 'statement.docx');
    const refused = await api.request(`/v1/documents/${word}/file?disposition=inline`, {
      headers: { cookie: reviewer },
    });
    expect(refused.status).toBe(200);
    expect(refused.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(refused.headers.get('x-frame-options')).toBeNull();

    const bad = await api.request(`/v1/documents/${image}/file?disposition=embed`, {
      headers: { cookie: reviewer },
    });
    expect(bad.status).toBe(422);
  });

  it('refuses a disguised executable (415), an oversized file (413) and a missing file (422)', async () => {
    const partner = await makePartner(conn.db);
    const { user } = await makePartnerUser(conn.db, partner.id);
    const cookie = await cookieFor(conn.db, user.id);
    const exe = await api.request('/v1/documents', {
      method: 'POST',
      body: uploadForm(fixture('disguised-executable.pdf'), 'licence.pdf'),
      headers: { cookie },
    });
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    const big = await api.request('/v1/documents', {
      method: 'POST',
      body: uploadForm(Buffer.concat([fixture('licence.pdf'), Buffer.alloc(5000)]), 'big.pdf'),
      headers: { cookie },
    });
    expect(big.status).toBe(413);
    const form = new FormData();
    form.set('requirementId', requirementId);
    const none = await api.request('/v1/documents', { method: 'POST', body: form, headers: { cookie } });
    expect(none.status).toBe(422);
    const list = (await (
      await api.request(`/v1/partners/${partner.id}/documents`, { headers: { cookie } })
    ).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('a partner system uploads with a documents-scoped API key; a revoked key is refused', async () => {
    const partner = await makePartner(conn.db);
    const { user } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const cookie = await cookieFor(conn.db, user.id);
    const created = await api.request(
      '/v1/api-keys',
      json({ name: 'Claims system', scopes: ['documents'] }, { cookie }),
    );
    expect(created.status).toBe(201);
    const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string } };
    expect(key).toMatch(/^opk_\w+_\w+$/);
    const listed = (await (await api.request('/v1/api-keys', { headers: { cookie } })).json()) as {
      items: { prefix: string }[];
    };
    expect(JSON.stringify(listed)).not.toContain(key.split('_')[2]); // the secret is never shown again
    const headers = { authorization: `Bearer ${key}` };
    const upload = await api.request('/v1/documents', {
      method: 'POST',
      body: uploadForm(fixture('licence.pdf'), 'licence.pdf'),
      headers,
    });
    expect(upload.status).toBe(201);
    // The key cannot manage keys or act as a person.
    expect((await api.request('/v1/api-keys', { headers })).status).toBe(403);
    const revoked = await api.request(`/v1/api-keys/${apiKey.id}`, { method: 'DELETE', headers: { cookie } });
    expect(revoked.status).toBe(200);
    const refused = await api.request('/v1/documents', {
      method: 'POST',
      body: uploadForm(fixture('licence.pdf'), 'licence.pdf'),
      headers,
    });
    expect(refused.status).toBe(401);
    const forged = await api.request(`/v1/partners/${partner.id}/documents`, {
      headers: { authorization: `Bearer ${key}x` },
    });
    expect(forged.status).toBe(401);
  });

  it('a reviewer rejects with a reason over HTTP; a member cannot review', async () => {
    const partner = await makePartner(conn.db);
    const member = await makePartnerUser(conn.db, partner.id, 'partner_member');
    const memberCookie = await cookieFor(conn.db, member.user.id);
    const uploaded = (await (
      await api.request('/v1/documents', {
        method: 'POST',
        body: uploadForm(fixture('licence.pdf'), 'l.pdf'),
        headers: { cookie: memberCookie },
      })
    ).json()) as { document: { id: string } };
    const reviewer = await cookieFor(conn.db, (await makeStaff(conn.db, ['reviewer'])).user.id);
    const noReason = await api.request(
      `/v1/documents/${uploaded.document.id}/review`,
      json({ decision: 'reject' }, { cookie: reviewer }),
    );
    expect(noReason.status).toBe(422);
    const rejected = await api.request(
      `/v1/documents/${uploaded.document.id}/review`,
      json({ decision: 'reject', reason: 'Expired stamp' }, { cookie: reviewer }),
    );
    expect(((await rejected.json()) as { status: string }).status).toBe('rejected');
    const byMember = await api.request(
      `/v1/documents/${uploaded.document.id}/review`,
      json({ decision: 'accept' }, { cookie: memberCookie }),
    );
    expect(byMember.status).toBe(403);
  });
});

describe('invitations over HTTP', () => {
  it('staff invite; the link is previewed and accepted once, signing the new user in', async () => {
    const reviewer = await cookieFor(conn.db, (await makeStaff(conn.db, ['reviewer'])).user.id);
    const invited = await api.request(
      '/v1/invitations/partners',
      json(
        {
          legalName: '华信公估有限公司',
          creditCode: '914403001922038216',
          serviceCategories: ['loss_adjusting'],
          contactEmail: 'admin@huaxin.test',
        },
        { cookie: reviewer },
      ),
    );
    expect(invited.status).toBe(201);
    const { invitation } = (await invited.json()) as { invitation: { acceptUrl: string } };
    expect(invitation.acceptUrl).toMatch(/^http:\/\/localhost:3000\/invitations\//);
    const token = invitation.acceptUrl.split('/').pop()!;
    const preview = await api.request(`/v1/invitations/${token}`);
    expect(await preview.json()).toMatchObject({
      email: 'admin@huaxin.test',
      partnerName: '华信公估有限公司',
    });
    const weak = await api.request(
      `/v1/invitations/${token}/accept`,
      json({ displayName: 'Admin', password: 'short' }),
    );
    expect(weak.status).toBe(422);
    const accepted = await api.request(
      `/v1/invitations/${token}/accept`,
      json({ displayName: 'Admin', password: 'a long enough password' }),
    );
    expect(accepted.status).toBe(201);
    const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await (await api.request('/v1/me', { headers: { cookie } })).json()) as {
      partner: { legalName: string };
    };
    expect(me.partner.legalName).toBe('华信公估有限公司');
    const again = await api.request(
      `/v1/invitations/${token}/accept`,
      json({ displayName: 'Admin', password: 'a long enough password' }),
    );
    expect(again.status).toBe(410);
    const duplicate = await api.request(
      '/v1/invitations/partners',
      json(
        {
          legalName: 'Copy',
          creditCode: '914403001922038216',
          serviceCategories: ['it'],
          contactEmail: 'x@x.test',
        },
        { cookie: reviewer },
      ),
    );
    expect(duplicate.status).toBe(409);
  });

  it('the blacklist is searchable and exports CSV with a BOM', async () => {
    const reviewer = await cookieFor(conn.db, (await makeStaff(conn.db, ['reviewer'])).user.id);
    await api.request(
      '/v1/blacklist',
      json(
        { creditCode: '91110000100006485K', name: '=HYPERLINK("evil")', reason: 'Fraudulent claims, 2025' },
        { cookie: reviewer },
      ),
    );
    const found = (await (
      await api.request('/v1/blacklist?q=fraudulent', { headers: { cookie: reviewer } })
    ).json()) as { total: number };
    expect(found.total).toBe(1);
    const csv = await api.request('/v1/blacklist/export.csv', { headers: { cookie: reviewer } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel then reads UTF-8
    const text = bytes.subarray(3).toString('utf8');
    // Headers in the reader's language (zh-CN unless the request says otherwise), times in Beijing time.
    expect(text.startsWith('统一社会信用代码,机构名称,列入原因,证据,列入时间（北京时间，UTC+8）')).toBe(true);
    expect(text).toContain(`'=HYPERLINK(""evil"")`); // formula defused
    expect(text).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00,/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/); // no raw UTC ISO instants
    const english = await api.request('/v1/blacklist/export.csv', {
      headers: { cookie: reviewer, 'accept-language': 'en-US,en;q=0.9' },
    });
    // text() decodes UTF-8 and drops the BOM (checked on the bytes above).
    expect((await english.text()).split('\r\n')[0]).toBe(
      'Unified social credit code,Entity name,Reason,Evidence,Added (Beijing time UTC+8),Removed (Beijing time UTC+8),Reason for removal',
    );
    const cookieChoice = await api.request('/v1/blacklist/export.csv', {
      headers: { cookie: `${reviewer}; outpost_lang=en`, 'accept-language': 'zh-CN' },
    });
    expect(await cookieChoice.text()).toMatch(/^Unified social credit code,/);
    const asked = await api.request('/v1/blacklist/export.csv?locale=zh-CN', {
      headers: { cookie: `${reviewer}; outpost_lang=en` },
    });
    expect(await asked.text()).toMatch(/^统一社会信用代码,/);
  });
});
