import {
  addToBlacklist,
  attachThirdPartyReport,
  createApiKey,
  createPartner,
  defaultRequirements,
  draftQuarterlyReviews,
  finaliseReview,
  getReview,
  listReviews,
  uploadRectificationEvidence,
  ensureDefaultKpis,
  ingestEvents,
  LocalDiskStorage,
  notify,
  requirementsFor,
  saveRequirement,
  submitApplication,
  systemActor,
  uploadDocument,
  inviteColleague,
} from '@outpost/core';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import { assessments, type DatabaseConnection, type Partner } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, makeApi } from './helpers.ts';

/**
 * Walks every operation in the OpenAPI document as a user of partner A, filling
 * every id with partner B's ids, and checks that nothing of partner B comes back.
 * A new route is covered the day it is added; a route with a parameter this test
 * does not know how to fill fails the test until it is taught.
 */
let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let a: Partner;
let b: Partner;
let userAId: string;
let bSecrets: string[];
/** Partner B's object ids by the collection the path is under. */
let bIds: Record<string, string>;

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
  a = await makePartner(conn.db, { legalName: 'Alpha Claims Ltd' });
  b = await makePartner(conn.db, { legalName: 'Bravo Secret Agency Ltd' });
  const userA = await makePartnerUser(conn.db, a.id, 'partner_admin');
  const userB = await makePartnerUser(conn.db, b.id, 'partner_admin');
  userAId = userA.user.id;
  const [notificationB] = await conn.db.transaction((tx) =>
    notify(tx, {
      userIds: [userB.user.id],
      template: 'notify.partner_created',
      params: { name: 'B-only-note', creditCode: b.creditCode },
    }),
  );
  // Partner B has documents, an application, an API key and a pending colleague invitation.
  const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-iso-')));
  for (const r of defaultRequirements) await saveRequirement(conn.db, systemActor('test'), r);
  const pdf = new Uint8Array(
    readFileSync(new URL('../../../packages/core/test/fixtures/licence.pdf', import.meta.url)),
  );
  let documentB = '';
  for (const r of (await requirementsFor(conn.db, ['claims'])).filter((x) => x.mandatory)) {
    const { document } = await uploadDocument(conn.db, userB.actor, storage, {
      requirementId: r.id,
      fileName: `B-secret-${r.key}.pdf`,
      bytes: pdf,
      expiryDate: r.expires ? '2030-01-01' : undefined,
    });
    documentB = document.id;
  }
  const applicationB = await submitApplication(conn.db, userB.actor, { serviceCategories: ['claims'] });
  const keyB = await createApiKey(conn.db, userB.actor, { name: 'B-secret-key', scopes: ['documents'] });
  const invitationB = await inviteColleague(conn.db, userB.actor, { email: 'b-colleague@b-secret.test' });
  // Partner B's systems sent service events, so B has rollups, a scorecard and events to drill into.
  await ensureDefaultKpis(conn.db);
  const eventsKeyB = await createApiKey(conn.db, userB.actor, {
    name: 'B-secret-events',
    scopes: ['events'],
  });
  await ingestEvents(
    conn.db,
    { type: 'api_key', keyId: eventsKeyB.apiKey.id, partnerId: b.id, scopes: ['events'] },
    {
      events: [
        {
          externalId: 'B-secret-rating',
          type: 'customer_rating',
          occurredAt: '2026-08-03T10:00:00+08:00',
          rating: 2,
        },
        {
          externalId: 'B-secret-loss',
          type: 'loss',
          occurredAt: '2026-08-03T11:00:00+08:00',
          amount: 987654.32,
        },
        {
          externalId: 'B-secret-case',
          type: 'case_closed',
          occurredAt: '2026-08-03T12:00:00+08:00',
          caseId: 'B-secret-case-1',
          slaDueAt: '2026-08-04T12:00:00+08:00',
          amount: 1000,
        },
      ],
    },
  );
  // Partner B has a finalised quarterly review with a rectification item and an evidence file.
  await draftQuarterlyReviews(conn.db, '2026-Q3', systemActor('test'), new Date('2026-10-02T09:00:00+08:00'));
  const [reviewB] = (await listReviews(conn.db, systemActor('test'), { partnerId: b.id })).items;
  await finaliseReview(conn.db, systemActor('test'), {
    reviewId: reviewB!.id,
    comments: 'B-secret-review-comment',
    decision: 'rectification',
    items: [{ description: 'B-secret-rectification-item', dueDate: '2099-12-31' }],
  });
  const itemB = (await getReview(conn.db, systemActor('test'), reviewB!.id)).items[0]!;
  const evidenceB = await uploadRectificationEvidence(conn.db, userB.actor, storage, {
    itemId: itemB.id,
    fileName: 'B-secret-evidence.pdf',
    bytes: pdf,
  });
  bSecrets = [
    b.id,
    b.legalName,
    b.creditCode,
    userB.user.id,
    userB.user.email,
    notificationB!,
    documentB,
    applicationB.id,
    keyB.apiKey.id,
    'B-secret',
    invitationB.invitationId,
    '987654.32',
    eventsKeyB.apiKey.id,
    reviewB!.id,
    itemB.id,
    evidenceB.id,
  ];
  bIds = {
    partners: b.id,
    documents: documentB,
    applications: applicationB.id,
    notifications: notificationB!,
    'api-keys': keyB.apiKey.id,
    // A's user does not know B's invitation secret; it gets a well-formed but wrong one.
    invitations: `${invitationB.invitationId}.wrongsecret`,
    requirements: 'business_licence',
    kpis: 'customer_satisfaction',
    reviews: reviewB!.id,
    'rectification-items': itemB.id,
    'rectification-evidence': evidenceB.id,
  };
  // Staff activity exists too, so that "list everything" bugs would show.
  const admin = await makeStaff(conn.db, ['admin']);
  await createPartner(conn.db, admin.actor, {
    legalName: 'Charlie Staff-Only Ltd',
    creditCode: '91110000100006485K',
    serviceCategories: ['it'],
  });
  const entry = await addToBlacklist(conn.db, admin.actor, {
    creditCode: '91330100716105852F',
    name: 'Delta Blacklisted Ltd',
    reason: 'Staff-only reason text',
  });
  bSecrets.push('Delta Blacklisted', 'Staff-only reason text');
  // B's application has an internal third-party report (its name carries 'B-secret').
  await conn.db.insert(assessments).values({
    applicationId: applicationB.id,
    financial: 70,
    capability: 70,
    compliance: 70,
    reputation: 70,
  });
  await attachThirdPartyReport(conn.db, admin.actor, storage, applicationB.id, {
    fileName: 'B-secret-assessment-report.pdf',
    bytes: pdf,
    assessor: 'B-secret-assessor',
  });
  bIds.blacklist = entry.entry.id;
  // B's risk incident with a partner task (decision record 035): under /v1/risk/incidents/{id}.
  const { addRemediationTask, openRiskIncident } = await import('@outpost/core');
  const { incident } = await openRiskIncident(conn.db, admin.actor, {
    partnerId: b.id,
    title: 'B-secret incident',
    severity: 'critical',
    handlingPlan: 'B-secret handling',
    responsibleId: admin.user.id,
  });
  await addRemediationTask(conn.db, admin.actor, {
    incidentId: incident.id,
    assignee: 'partner',
    description: 'B-secret task',
    dueDate: '2099-01-31',
  });
  bIds.risk = incident.id;
  // B's arrangement in the outsourcing register and its share of an allocation table (decision
  // record 059): staff-only reads, under /v1/register/arrangements/{id} and /v1/incentives/allocations.
  const { allocationShares, allocationTables, contracts, contractVersions } = await import('@outpost/db');
  const [contractB] = await conn.db
    .insert(contracts)
    .values({ reference: 'B-secret-contract', partnerId: b.id, serviceCategory: 'claims', status: 'active' })
    .returning();
  await conn.db.insert(contractVersions).values({
    contractId: contractB!.id,
    version: 1,
    status: 'signed',
    terms: {
      startDate: '2020-01-01',
      endDate: '2099-12-31',
      autoRenew: false,
      noticeDays: 90,
      annualValueCents: 1,
      currency: 'CNY',
      governingLaw: 'B-secret-law',
      language: 'zh-CN',
    },
    clauses: [],
  });
  const [table] = await conn.db
    .insert(allocationTables)
    .values({ serviceCategory: 'claims', quarter: '2026-Q3', sourceQuarter: '2026-Q2' })
    .returning();
  await conn.db
    .insert(allocationShares)
    .values({ tableId: table!.id, partnerId: b.id, weight: 1, shareBasisPoints: 10000 });
  bIds.register = contractB!.id;
});
afterAll(() => conn.close());

describe('a partner user cannot read another partner’s data through any API route', () => {
  it('walks every operation in the OpenAPI document', async () => {
    const doc = (await (await api.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    let walked = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const collection = template.split('/')[2] ?? '';
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
          const value = bIds[collection];
          if (!value) throw new Error(`Teach partner-isolation.test.ts how to fill {${name}} in ${template}`);
          return value;
        });
        const query = new URLSearchParams({
          partnerId: b.id,
          q: b.legalName,
          period: '2026-Q3',
          kpi: 'loss_rate',
          category: 'claims',
          quarter: '2026-Q3',
        }).toString();
        const response = await api.request(`${path}?${query}`, {
          method: method.toUpperCase(),
          // A fresh session each time: DELETE /v1/sessions/current ends the one it is given.
          headers: { cookie: await cookieFor(conn.db, userAId), 'content-type': 'application/json' },
          body: method === 'get' ? undefined : JSON.stringify({ partnerId: b.id, id: b.id }),
        });
        const text = await response.text();
        for (const secret of bSecrets) {
          expect(text, `${method.toUpperCase()} ${template} leaked ${secret}`).not.toContain(secret);
        }
        expect(response.status, `${method.toUpperCase()} ${template}`).toBeLessThan(500);
        walked++;
      }
    }
    expect(walked).toBeGreaterThanOrEqual(25);
  });

  it('its own data is visible through the same routes', async () => {
    const cookieA = await cookieFor(conn.db, userAId);
    const own = await api.request(`/v1/partners/${a.id}`, { headers: { cookie: cookieA } });
    expect(own.status).toBe(200);
    const other = await api.request(`/v1/partners/${b.id}`, { headers: { cookie: cookieA } });
    expect(other.status).toBe(404);
    const list = (await (await api.request('/v1/partners', { headers: { cookie: cookieA } })).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((p) => p.id)).toEqual([a.id]);
  });
});
