import { readFileSync } from 'node:fs';
import { ensureDefaultKpis, ingestEvents, previousQuarter } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection, Partner } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, json, makeApi } from './helpers.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../packages/core/test/fixtures/${name}`, import.meta.url)));

let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let a: Partner;
let staffCookie: () => Promise<string>;
let partnerCookie: () => Promise<string>;
let otherCookie: () => Promise<string>;
let reviewerCookie: () => Promise<string>;
const quarter = previousQuarter();

const call = async (path: string, cookie: string, init: { method?: string; body?: unknown } = {}) => {
  const response = await api.request(
    path,
    init.body === undefined
      ? { method: init.method ?? 'GET', headers: { cookie } }
      : { ...json(init.body, { cookie }), method: init.method ?? 'POST' },
  );
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field below
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db, 64 * 1024, 64 * 1024);
  await ensureDefaultKpis(conn.db);
  a = await makePartner(conn.db, { legalName: 'Alpha Reviewed Ltd' });
  const b = await makePartner(conn.db, { legalName: 'Bravo Reviewed Ltd' });
  const risk = await makeStaff(conn.db, ['risk_officer']);
  const reviewer = await makeStaff(conn.db, ['reviewer']);
  const userA = await makePartnerUser(conn.db, a.id);
  const userB = await makePartnerUser(conn.db, b.id);
  staffCookie = () => cookieFor(conn.db, risk.user.id);
  reviewerCookie = () => cookieFor(conn.db, reviewer.user.id);
  partnerCookie = () => cookieFor(conn.db, userA.user.id);
  otherCookie = () => cookieFor(conn.db, userB.user.id);
  await ingestEvents(
    conn.db,
    { type: 'api_key', keyId: 'k', partnerId: a.id, scopes: ['events'] },
    {
      events: [
        {
          externalId: 'r1',
          type: 'customer_rating',
          occurredAt: `${quarter.slice(0, 4)}-${String(Number(quarter.at(-1)) * 3).padStart(2, '0')}-10T10:00:00+08:00`,
          rating: 4,
        },
      ],
    },
  );
});
afterAll(() => conn.close());

describe('quarterly reviews over HTTP', () => {
  let reviewId = '';
  let itemId = '';

  it('staff draft the quarter (idempotently); other staff and partners cannot', async () => {
    expect((await call('/v1/reviews/drafts', await partnerCookie(), { body: { quarter } })).status).toBe(403);
    expect((await call('/v1/reviews/drafts', await reviewerCookie(), { body: { quarter } })).status).toBe(
      403,
    );
    const first = await call('/v1/reviews/drafts', await staffCookie(), { body: { quarter } });
    expect(first).toMatchObject({ status: 200, body: { quarter, created: 2 } });
    const again = await call('/v1/reviews/drafts', await staffCookie(), { body: { quarter } });
    expect(again.body).toMatchObject({ created: 0, existing: 2 });
    const list = await call(
      `/v1/reviews?quarter=${quarter}&status=draft&partnerId=${a.id}`,
      await staffCookie(),
    );
    expect(list.body.total).toBe(1);
    reviewId = list.body.items[0].id;
    expect(list.body.quarters).toEqual([quarter]);
    expect((await call('/v1/reviews?quarter=2026-07', await staffCookie())).status).toBe(422);
  });

  it('staff save and finalise with rectification items', async () => {
    const bad = await call(`/v1/reviews/${reviewId}/finalise`, await staffCookie(), {
      body: { decision: 'rectification' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toEqual([
      { path: 'items', message: 'Add at least one item with a due date.' },
    ]);
    const saved = await call(`/v1/reviews/${reviewId}`, await staffCookie(), {
      method: 'PUT',
      body: {
        comments: 'Improve complaint handling',
        decision: 'rectification',
        items: [{ description: 'Publish a complaints SOP', dueDate: '2099-06-30' }],
      },
    });
    expect(saved.status).toBe(200);
    const done = await call(`/v1/reviews/${reviewId}/finalise`, await staffCookie(), { body: {} });
    expect(done.body.status).toBe('finalised');
    const detail = await call(`/v1/reviews/${reviewId}`, await partnerCookie());
    expect(detail.status).toBe(200);
    expect(detail.body.review.comments).toBe('Improve complaint handling');
    itemId = detail.body.items[0].id;
    expect((await call(`/v1/reviews/${reviewId}`, await otherCookie())).status).toBe(404);
  });

  it('the partner uploads evidence (type by content), downloads it as an attachment and submits', async () => {
    const upload = async (bytes: Uint8Array, name: string, cookie: string) => {
      const form = new FormData();
      form.set('file', new File([new Uint8Array(bytes)], name));
      return api.request(`/v1/rectification-items/${itemId}/evidence`, {
        method: 'POST',
        body: form,
        headers: { cookie },
      });
    };
    expect((await upload(fixture('disguised-executable.pdf'), 'x.pdf', await partnerCookie())).status).toBe(
      415,
    );
    expect((await upload(fixture('licence.pdf'), 'sop.pdf', await otherCookie())).status).toBe(404);
    expect((await upload(new Uint8Array(70 * 1024).fill(1), 'big.pdf', await partnerCookie())).status).toBe(
      413,
    );
    const ok = await upload(fixture('licence.pdf'), '整改报告.pdf', await partnerCookie());
    expect(ok.status).toBe(201);
    const evidence = (await ok.json()) as { id: string; contentType: string };
    expect(evidence.contentType).toBe('application/pdf');
    const file = await api.request(`/v1/rectification-evidence/${evidence.id}/file`, {
      headers: { cookie: await partnerCookie() },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment;');
    expect(file.headers.get('content-disposition')).toContain(encodeURIComponent('整改报告.pdf'));
    const foreign = await api.request(`/v1/rectification-evidence/${evidence.id}/file`, {
      headers: { cookie: await otherCookie() },
    });
    expect(foreign.status).toBe(404);
    expect(
      (await call(`/v1/rectification-items/${itemId}/submit`, await partnerCookie(), { body: {} })).body
        .status,
    ).toBe('submitted');
  });

  it('staff reopen and verify; the partner appeals and staff answer', async () => {
    const short = await call(`/v1/rectification-items/${itemId}/reopen`, await staffCookie(), {
      body: { reason: 'no' },
    });
    expect(short.status).toBe(422);
    const reopened = await call(`/v1/rectification-items/${itemId}/reopen`, await staffCookie(), {
      body: { reason: 'The SOP is not signed by management.' },
    });
    expect(reopened.body.status).toBe('open');
    await call(`/v1/rectification-items/${itemId}/submit`, await partnerCookie(), { body: {} });
    expect(
      (await call(`/v1/rectification-items/${itemId}/verify`, await partnerCookie(), { body: {} })).status,
    ).toBe(403);
    expect(
      (await call(`/v1/rectification-items/${itemId}/verify`, await staffCookie(), { body: {} })).body.status,
    ).toBe('closed');

    const appealed = await call(`/v1/reviews/${reviewId}/appeal`, await partnerCookie(), {
      body: { reason: 'Complaints were caused by the insurer’s own outage.' },
    });
    expect(appealed.body.status).toBe('appealed');
    const answered = await call(`/v1/reviews/${reviewId}/appeal-answer`, await staffCookie(), {
      body: { outcome: 'upheld', response: 'The outage covered two days only; the decision stands.' },
    });
    expect(answered.body.status).toBe('appeal_upheld');
    expect(
      (await call(`/v1/reviews/${reviewId}/acknowledge`, await partnerCookie(), { body: {} })).status,
    ).toBe(409);
    const mine = await call('/v1/reviews', await partnerCookie());
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([reviewId]);
    expect(mine.body.items[0]).not.toHaveProperty('finalisedBy');
  });
});
