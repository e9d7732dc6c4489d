import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  advanceApplication,
  appealReview,
  castVote,
  draftQuarterlyReviews,
  ensureDefaultKpis,
  finaliseReview,
  getReview,
  listReviews,
  partnerNextSteps,
  recordAssessment,
  recordInspection,
  recordPilot,
  requirementsFor,
  reviewDocument,
  staffWorkQueue,
  submitApplication,
  submitRectificationItem,
  uploadDocument,
  uploadRectificationEvidence,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff, validDocumentDates } from '../src/testing/fixtures.ts';
import { fixture, seedCatalogue, tempStorage, uploadAll } from './admission-support.ts';

let conn: DatabaseConnection;
const storage = tempStorage();
const staff: Record<'reviewer' | 'risk' | 'admin' | 'auditor' | 'legal' | 'late', Actor> = {} as never;
let members: Actor[];
/** After every rectification due date below, so open items are overdue. */
const LATER = new Date('2099-07-15T12:00:00+08:00');

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const queueOf = async (actor: Actor, options?: Parameters<typeof staffWorkQueue>[2]) => {
  const queue = await staffWorkQueue(conn.db, actor, options);
  return { ...queue, group: (key: string) => queue.groups.find((g) => g.key === key) };
};
const keysOf = async (actor: Actor) => (await staffWorkQueue(conn.db, actor)).groups.map((g) => g.key);

beforeAll(async () => {
  conn = await createTestDatabase();
  await seedCatalogue(conn.db);
  await ensureDefaultKpis(conn.db);
  staff.reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
  staff.risk = (await makeStaff(conn.db, ['risk_officer'])).actor;
  staff.admin = (await makeStaff(conn.db, ['admin'])).actor;
  staff.auditor = (await makeStaff(conn.db, ['auditor'])).actor;
  staff.legal = (await makeStaff(conn.db, ['legal'])).actor;
  members = [
    (await makeStaff(conn.db, ['committee'])).actor,
    (await makeStaff(conn.db, ['committee'])).actor,
  ];
});
afterAll(() => conn.close());

describe('whose work is which', () => {
  it('gives each role the groups its permissions act on, and none to read-only roles', async () => {
    expect(await keysOf(staff.reviewer)).toEqual(['documentsToReview', 'applicationsToAdvance']);
    expect(await keysOf(members[0]!)).toEqual(['ballotsAwaitingVote']);
    expect(await keysOf(staff.risk)).toEqual([
      'appealsToAnswer',
      'reviewsToFinalise',
      'rectificationsToVerify',
      'overdueRectifications',
      'externalTrainingToReview',
      'riskAlertsOpen',
      'remediationTasksToVerify',
      'contractsAwaitingSignature',
    ]);
    // Administrators do everything but vote.
    expect(await keysOf(staff.admin)).toEqual([
      'documentsToReview',
      'applicationsToAdvance',
      'appealsToAnswer',
      'reviewsToFinalise',
      'rectificationsToVerify',
      'overdueRectifications',
      'externalTrainingToReview',
      'riskAlertsOpen',
      'remediationTasksToVerify',
      'contractsInLegalReview',
      'contractsAwaitingSignature',
    ]);
    expect(await keysOf(staff.auditor)).toEqual([]);
    expect(await keysOf(staff.legal)).toEqual(['contractsInLegalReview', 'contractsAwaitingSignature']);
    // A person with two roles gets both roles' work, each group once.
    const both = (await makeStaff(conn.db, ['reviewer', 'committee'])).actor;
    expect(await keysOf(both)).toEqual(['ballotsAwaitingVote', 'documentsToReview', 'applicationsToAdvance']);
  });

  it('an empty queue says zero for every group', async () => {
    const queue = await queueOf(staff.risk);
    expect(queue.total).toBe(0);
    expect(queue.groups.every((g) => g.count === 0 && g.items.length === 0)).toBe(true);
  });

  it('is for staff only', async () => {
    const partner = await makePartner(conn.db);
    const { actor } = await makePartnerUser(conn.db, partner.id);
    expect((await refusal(staffWorkQueue(conn.db, actor))).code).toBe('forbidden');
    expect((await refusal(partnerNextSteps(conn.db, staff.admin))).code).toBe('forbidden');
  });
});

describe('admission work', () => {
  let applicant: { id: string; legalName: string };
  let applicantActor: Actor;
  let docs: Record<string, string>;
  let applicationId: string;

  it('reviewers see the uploaded documents, oldest first, and the application at its stage', async () => {
    applicant = await makePartner(conn.db, { status: 'invited', legalName: '远航理赔 Applicant' });
    applicantActor = (await makePartnerUser(conn.db, applicant.id)).actor;
    docs = await uploadAll(conn.db, applicantActor, storage, ['claims']);
    applicationId = (await submitApplication(conn.db, applicantActor, { serviceCategories: ['claims'] })).id;
    const uploaded = Object.values(docs);

    const queue = await queueOf(staff.reviewer, { limit: 2 });
    const documents = queue.group('documentsToReview')!;
    // The count covers every document; the list only the first few, the longest waiting first.
    expect(documents.count).toBe(uploaded.length);
    expect(documents.items.map((i) => i.id)).toEqual(uploaded.slice(0, 2));
    expect(documents.items[0]).toMatchObject({
      partnerName: '远航理赔 Applicant',
      href: `/s/partners/${applicant.id}#doc-${uploaded[0]}`,
    });
    expect(documents.items[0]!.subject).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
    expect(queue.group('applicationsToAdvance')).toMatchObject({
      count: 1,
      listHref: '/s/applications?status=in_progress',
      items: [{ id: applicationId, stage: 'document_review', href: `/s/applications/${applicationId}` }],
    });
    expect(queue.total).toBe(uploaded.length + 1);
  });

  it('a reviewed document leaves the queue, and comes back when the partner uploads it again', async () => {
    const [first, second] = Object.values(docs);
    const before = (await queueOf(staff.reviewer)).group('documentsToReview')!.count;
    await reviewDocument(conn.db, staff.reviewer, { documentId: first!, decision: 'accept' });
    await reviewDocument(conn.db, staff.reviewer, {
      documentId: second!,
      decision: 'reject',
      reason: '扫描件不清晰',
    });
    const after = (await queueOf(staff.reviewer)).group('documentsToReview')!;
    expect(after.count).toBe(before - 2);
    expect(after.items.map((i) => i.id)).not.toContain(first);

    const requirement = (await requirementsFor(conn.db, ['claims'])).find(
      (r) => r.key === Object.keys(docs)[1],
    );
    await uploadDocument(conn.db, applicantActor, storage, {
      requirementId: requirement!.id,
      fileName: 'clear-scan.pdf',
      bytes: fixture('licence.pdf'),
      ...validDocumentDates(requirement!),
    });
    const again = (await queueOf(staff.reviewer, { limit: 100 })).group('documentsToReview')!;
    expect(again.count).toBe(before - 1);
    // Uploaded last, so it waits behind the others.
    expect(again.items.at(-1)?.id).toBe(second);
  });

  it('committee members see a ballot until they vote; the reviewer no longer acts on it', async () => {
    // The first was accepted above; accept the rest.
    for (const id of Object.values(docs).slice(1)) {
      await reviewDocument(conn.db, staff.reviewer, { documentId: id, decision: 'accept' });
    }
    await advanceApplication(conn.db, staff.reviewer, applicationId);
    expect((await queueOf(staff.reviewer)).group('applicationsToAdvance')!.items[0]?.stage).toBe(
      'onsite_inspection',
    );
    await recordInspection(conn.db, staff.reviewer, applicationId, {
      inspectedOn: '2026-10-01',
      inspectors: ['李审核'],
      findings: 'Good controls',
      score: 85,
    });
    await advanceApplication(conn.db, staff.reviewer, applicationId);
    await recordPilot(conn.db, staff.reviewer, applicationId, {
      startsOn: '2026-10-02',
      endsOn: '2026-11-01',
      outcome: 'On time',
      score: 90,
    });
    await recordAssessment(conn.db, staff.reviewer, applicationId, {
      financial: 80,
      capability: 90,
      compliance: 70,
      reputation: 60,
    });
    await advanceApplication(conn.db, staff.reviewer, applicationId);

    expect((await queueOf(staff.reviewer)).group('applicationsToAdvance')!.count).toBe(0);
    for (const member of members) {
      expect((await queueOf(member)).group('ballotsAwaitingVote')).toMatchObject({
        count: 1,
        items: [{ id: applicationId, href: `/s/applications/${applicationId}#committee-heading` }],
      });
    }
    // Someone appointed after voting opened is not on this application's committee.
    const late = (await makeStaff(conn.db, ['committee'])).actor;
    expect((await queueOf(late)).group('ballotsAwaitingVote')!.count).toBe(0);

    await castVote(conn.db, members[0]!, { applicationId, vote: 'approve' });
    expect((await queueOf(members[0]!)).group('ballotsAwaitingVote')!.count).toBe(0);
    expect((await queueOf(members[1]!)).group('ballotsAwaitingVote')!.count).toBe(1);
  });
});

describe('review work', () => {
  let alpha: { id: string; legalName: string };
  let bravo: { id: string; legalName: string };
  let alphaAdmin: Actor;
  let bravoAdmin: Actor;
  const quarter = '2026-Q3';
  const reviewOf = async (partnerId: string) =>
    (await listReviews(conn.db, staff.risk, { quarter, partnerId })).items[0]!;

  beforeAll(async () => {
    alpha = await makePartner(conn.db, { legalName: 'Alpha Queue Ltd' });
    bravo = await makePartner(conn.db, { legalName: 'Bravo Queue Ltd' });
    alphaAdmin = (await makePartnerUser(conn.db, alpha.id)).actor;
    bravoAdmin = (await makePartnerUser(conn.db, bravo.id)).actor;
    await draftQuarterlyReviews(conn.db, quarter, staff.risk, new Date('2026-10-02T09:00:00+08:00'));
  });

  it('risk officers see drafts to finalise, appeals to answer, items to verify and overdue items', async () => {
    const drafts = (await queueOf(staff.risk)).group('reviewsToFinalise')!;
    expect(drafts.count).toBeGreaterThanOrEqual(2);
    expect(drafts.listHref).toBe('/s/reviews?status=draft');
    expect(drafts.items.find((i) => i.partnerName === 'Alpha Queue Ltd')).toMatchObject({
      subject: quarter,
      href: `/s/reviews/${(await reviewOf(alpha.id)).id}`,
    });

    const alphaReview = (await reviewOf(alpha.id)).id;
    await finaliseReview(conn.db, staff.risk, {
      reviewId: alphaReview,
      decision: 'rectification',
      comments: '时效未达标',
      items: [
        { description: '建立投诉 48 小时响应机制', dueDate: '2099-06-30' },
        { description: '补充培训记录', dueDate: '2099-07-10' },
      ],
    });
    const bravoReview = (await reviewOf(bravo.id)).id;
    await finaliseReview(conn.db, staff.risk, {
      reviewId: bravoReview,
      decision: 'warning',
      comments: '注意',
    });
    await appealReview(conn.db, bravoAdmin, { reviewId: bravoReview, reason: '数据口径与合同约定不一致' });

    const [first] = (await getReview(conn.db, alphaAdmin, alphaReview)).items;
    await uploadRectificationEvidence(conn.db, alphaAdmin, storage, {
      itemId: first!.id,
      fileName: 'evidence.pdf',
      bytes: fixture('licence.pdf'),
    });
    await submitRectificationItem(conn.db, alphaAdmin, first!.id);

    const queue = await queueOf(staff.risk, { now: LATER });
    expect(queue.group('reviewsToFinalise')!.count).toBe(drafts.count - 2);
    expect(queue.group('appealsToAnswer')).toMatchObject({
      count: 1,
      listHref: '/s/reviews?status=appealed',
      items: [
        {
          partnerName: 'Bravo Queue Ltd',
          subject: quarter,
          href: `/s/reviews/${bravoReview}#answer-heading`,
        },
      ],
    });
    expect(queue.group('rectificationsToVerify')).toMatchObject({
      count: 1,
      items: [
        {
          id: first!.id,
          subject: '建立投诉 48 小时响应机制',
          href: `/s/reviews/${alphaReview}#item-${first!.id}`,
        },
      ],
    });
    // Only the item still open is overdue; the submitted one waits for staff, not the partner.
    expect(queue.group('overdueRectifications')).toMatchObject({
      count: 1,
      items: [{ subject: '补充培训记录', dueDate: '2099-07-10', partnerName: 'Alpha Queue Ltd' }],
    });
    // Before the due date nothing is overdue.
    expect((await queueOf(staff.risk)).group('overdueRectifications')!.count).toBe(0);
    // Administrators see the same review work.
    expect((await queueOf(staff.admin, { now: LATER })).group('appealsToAnswer')!.count).toBe(1);
  });

  it('tells the partner what to do next, for its own organisation only', async () => {
    const alphaSteps = await partnerNextSteps(conn.db, alphaAdmin, LATER);
    const kinds = alphaSteps.steps.map((s) => s.kind);
    expect(kinds).toContain('respondToReview');
    const rectifications = alphaSteps.steps.filter((s) => s.kind === 'rectification');
    expect(rectifications).toEqual([
      expect.objectContaining({ description: '补充培训记录', dueDate: '2099-07-10', overdue: true }),
    ]);
    // Reviews come before rectification items.
    expect(kinds.indexOf('respondToReview')).toBeLessThan(kinds.indexOf('rectification'));

    const bravoSteps = await partnerNextSteps(conn.db, bravoAdmin, LATER);
    // Bravo appealed: nothing to acknowledge, and nothing of Alpha's.
    expect(
      bravoSteps.steps.filter((s) => s.kind === 'respondToReview' || s.kind === 'rectification'),
    ).toEqual([]);
  });
});

describe('partner next steps', () => {
  it('lists missing documents, then the application to submit once they are in', async () => {
    const partner = await makePartner(conn.db, { status: 'invited' });
    const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const member = (await makePartnerUser(conn.db, partner.id, 'partner_member')).actor;
    const mandatory = (await requirementsFor(conn.db, ['claims'])).filter((r) => r.mandatory);

    const start = await partnerNextSteps(conn.db, actor);
    expect(start.documents).toEqual({ missing: mandatory.length, rejected: 0, expired: 0, expiring: 0 });
    expect(start.steps.map((s) => s.kind)).toEqual([...mandatory.map(() => 'document'), 'submitApplication']);
    expect(start.steps[0]).toMatchObject({
      reason: 'missing',
      requirementId: mandatory[0]!.id,
      href: `/p/documents#doc-${mandatory[0]!.id}`,
    });
    expect(start.steps.at(-1)).toEqual({
      kind: 'submitApplication',
      ready: false,
      canSubmit: true,
      href: '/p/application',
    });
    // A member may upload but not submit.
    expect((await partnerNextSteps(conn.db, member)).steps.at(-1)).toMatchObject({ canSubmit: false });

    const docs = await uploadAll(conn.db, actor, storage, ['claims']);
    const ready = await partnerNextSteps(conn.db, actor);
    expect(ready.steps).toEqual([
      { kind: 'submitApplication', ready: true, canSubmit: true, href: '/p/application' },
    ]);

    // Defect 8: a returned document counts once, as returned — not also as missing.
    await reviewDocument(conn.db, staff.reviewer, {
      documentId: Object.values(docs)[0]!,
      decision: 'reject',
      reason: '营业执照已过期，请上传新版',
    });
    const returned = await partnerNextSteps(conn.db, actor);
    expect(returned.documents).toEqual({ missing: 0, rejected: 1, expired: 0, expiring: 0 });
    expect(returned.steps[0]).toMatchObject({
      kind: 'document',
      reason: 'returned',
      rejectionReason: '营业执照已过期，请上传新版',
    });
    expect(returned.steps[1]).toMatchObject({ kind: 'submitApplication', ready: false });

    const requirement = mandatory.find(
      (r) => r.id === (returned.steps[0] as { requirementId: string }).requirementId,
    )!;
    await uploadDocument(conn.db, actor, storage, {
      requirementId: requirement.id,
      fileName: 'new.pdf',
      bytes: fixture('licence.pdf'),
      ...validDocumentDates(requirement),
    });
    await submitApplication(conn.db, actor, { serviceCategories: ['claims'] });
    expect((await partnerNextSteps(conn.db, actor)).steps).toEqual([
      { kind: 'applicationInProgress', stage: 'document_review', href: '/p/application' },
    ]);
  });

  it('warns of documents expiring within 30 days, with the days left', async () => {
    const partner = await makePartner(conn.db, { status: 'active' });
    const { actor } = await makePartnerUser(conn.db, partner.id);
    await uploadAll(conn.db, actor, storage, ['claims']);
    // Everything in and current, nothing to submit (already active): nothing to do.
    const done = await partnerNextSteps(conn.db, actor);
    expect(done).toEqual({ steps: [], documents: { missing: 0, rejected: 0, expired: 0, expiring: 0 } });
    const expiring = (await requirementsFor(conn.db, ['claims'])).find((r) => r.mandatory && r.expires)!;
    await uploadDocument(conn.db, actor, storage, {
      requirementId: expiring.id,
      fileName: 'soon.pdf',
      bytes: fixture('licence.pdf'),
      issueDate: addDays(todayInChina(), -60),
      expiryDate: addDays(todayInChina(), 19),
    });
    const steps = await partnerNextSteps(conn.db, actor);
    expect(steps.documents).toMatchObject({ expiring: 1, missing: 0 });
    // Active partners have no application to submit.
    expect(steps.steps).toEqual([
      expect.objectContaining({
        kind: 'document',
        reason: 'expiring',
        daysLeft: 19,
        expiryDate: addDays(todayInChina(), 19),
      }),
    ]);
  });
});

describe('cost', () => {
  it('runs one query per group, however many items are waiting', async () => {
    let selects = 0;
    // Counts the statements the work queue builds; each group must be a single query.
    const counting = new Proxy(conn.db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'select' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          selects++;
          return value.apply(target, args);
        };
      },
    });
    const queue = await staffWorkQueue(counting, staff.admin, { now: LATER });
    expect(queue.total).toBeGreaterThan(5);
    // One per group shown, and one each asking whether the person approves contracts, approves
    // termination cases or runs one in progress (they do none of these: decision record 049).
    expect(selects).toBe(queue.groups.length + 3);
  });
});
