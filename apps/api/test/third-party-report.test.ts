import { readFileSync } from 'node:fs';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import { applications, assessments, type DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, makeApi } from './helpers.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../packages/core/test/fixtures/${name}`, import.meta.url));
let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db, 1024, 4096);
});
afterAll(() => conn.close());

/** An application at the pilot stage with its assessment (the stages themselves are core's tests). */
async function assessedApplication() {
  const partner = await makePartner(conn.db, { status: 'applying' });
  const { user: partnerUser } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const [application] = await conn.db
    .insert(applications)
    .values({ partnerId: partner.id, serviceCategories: ['claims'], stage: 'pilot' })
    .returning();
  await conn.db.insert(assessments).values({
    applicationId: application!.id,
    financial: 80,
    capability: 80,
    compliance: 80,
    reputation: 80,
  });
  return { applicationId: application!.id, partnerUserId: partnerUser.id };
}

function reportForm(file: Buffer, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

describe('third-party assessment report over HTTP', () => {
  it('staff upload it with assessor and score, see it in the application, download it as an attachment', async () => {
    const { applicationId } = await assessedApplication();
    const { user } = await makeStaff(conn.db, ['reviewer']);
    const cookie = await cookieFor(conn.db, user.id);
    const url = `/v1/applications/${applicationId}/assessment/report`;
    const up = await api.request(url, {
      method: 'POST',
      body: reportForm(fixture('licence.pdf'), '评估报告.pdf', { assessor: '中诚信', score: '77' }),
      headers: { cookie },
    });
    expect(up.status).toBe(201);
    expect(await up.json()).toMatchObject({ fileName: '评估报告.pdf', contentType: 'application/pdf' });

    const detail = (await (
      await api.request(`/v1/applications/${applicationId}`, { headers: { cookie } })
    ).json()) as { staff: { assessment: Record<string, unknown> } };
    expect(detail.staff.assessment).toMatchObject({
      thirdPartyAssessor: '中诚信',
      thirdPartyScore: 77,
      thirdPartyReport: { fileName: '评估报告.pdf', sizeBytes: fixture('licence.pdf').byteLength },
    });

    const file = await api.request(url, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="____\.pdf"; filename\*=UTF-8''%E8%AF%84/,
    );
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(fixture('licence.pdf'))).toBe(true);
  });

  it('refuses a disguised executable (415), a file over the upload limit (413) and a missing file (422)', async () => {
    const { applicationId } = await assessedApplication();
    const { user } = await makeStaff(conn.db, ['reviewer']);
    const cookie = await cookieFor(conn.db, user.id);
    const url = `/v1/applications/${applicationId}/assessment/report`;
    const post = (body: FormData) => api.request(url, { method: 'POST', body, headers: { cookie } });
    expect((await post(reportForm(fixture('disguised-executable.pdf'), 'r.pdf'))).status).toBe(415);
    // Larger than the general 1 KB body limit but within the upload limit: accepted.
    expect((await post(reportForm(fixture('statement.docx'), 'r.docx'))).status).toBe(201);
    // Over the upload limit (4 KB), and far over it (past the route's own body limit).
    expect((await post(reportForm(Buffer.alloc(8 * 1024, 1), 'r.pdf'))).status).toBe(413);
    expect((await post(reportForm(Buffer.alloc(200 * 1024, 1), 'r.pdf'))).status).toBe(413);
    const empty = new FormData();
    empty.set('assessor', 'x');
    expect((await post(empty)).status).toBe(422);
  });

  it('is internal: the partner gets 404 for its own application and cannot upload', async () => {
    const { applicationId, partnerUserId } = await assessedApplication();
    const { user } = await makeStaff(conn.db, ['reviewer']);
    const staffCookie = await cookieFor(conn.db, user.id);
    const url = `/v1/applications/${applicationId}/assessment/report`;
    await api.request(url, {
      method: 'POST',
      body: reportForm(fixture('licence.pdf'), 'internal-report.pdf'),
      headers: { cookie: staffCookie },
    });
    const cookie = await cookieFor(conn.db, partnerUserId);
    const read = await api.request(url, { headers: { cookie } });
    expect(read.status).toBe(404);
    const detail = await api.request(`/v1/applications/${applicationId}`, { headers: { cookie } });
    expect(detail.status).toBe(200);
    expect(await detail.text()).not.toContain('internal-report');
    const upload = await api.request(url, {
      method: 'POST',
      body: reportForm(fixture('licence.pdf'), 'r.pdf'),
      headers: { cookie },
    });
    expect(upload.status).toBe(403);
  });
});
