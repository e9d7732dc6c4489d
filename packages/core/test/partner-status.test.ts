import { randomUUID } from 'node:crypto';
import {
  applications,
  auditLog,
  type DatabaseConnection,
  notifications,
  outbox,
  partners,
  quarterlyReviews,
  rectificationItems,
  users,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  acknowledgeReview,
  addToBlacklist,
  appealReview,
  createApiKey,
  emailPreferences,
  getPartner,
  ingestEvents,
  inviteColleague,
  liftSuspension,
  listApiKeys,
  listDocuments,
  partnerHistory,
  previewBlacklist,
  removeFromBlacklist,
  requirementsFor,
  runRectificationReminders,
  setEmailPreferences,
  submitApplication,
  submitRectificationItem,
  suspendPartner,
  updatePartner,
  uploadDocument,
  uploadRectificationEvidence,
  withdrawApplication,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff, validDocumentDates } from '../src/testing/fixtures.ts';
import { fixture, seedCatalogue, tempStorage } from './admission-support.ts';

let conn: DatabaseConnection;
let admin: Actor;
let risk: Actor;
let reviewer: Actor;
const storage = tempStorage();

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
const emailsTo = async (address: string) =>
  (
    await conn.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'email'), eq(outbox.target, address)))
  ).map(
    (r) => r.payload as { subject: string; body: string; params: Record<string, unknown>; locale: string },
  );

beforeAll(async () => {
  conn = await createTestDatabase();
  await seedCatalogue(conn.db);
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  risk = (await makeStaff(conn.db, ['risk_officer'])).actor;
  reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
});
afterAll(() => conn.close());

describe('the suspension guard', () => {
  it('refuses every partner mutation while suspended, allows reads, and lifting restores them', async () => {
    const partner = await makePartner(conn.db, { status: 'active' });
    const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const key: Actor = {
      type: 'api_key',
      keyId: 'k1',
      partnerId: partner.id,
      scopes: ['events', 'documents'],
    };
    const [requirement] = await requirementsFor(conn.db, ['claims']);
    const upload = (who: Actor) =>
      uploadDocument(conn.db, who, storage, {
        requirementId: requirement!.id,
        fileName: 'licence.pdf',
        bytes: fixture('licence.pdf'),
        ...validDocumentDates(requirement!),
      });
    const event = (id: string) => ({
      events: [
        { externalId: id, type: 'customer_rating' as const, occurredAt: new Date().toISOString(), rating: 5 },
      ],
    });

    await suspendPartner(conn.db, risk, { partnerId: partner.id, reason: 'Data breach under investigation' });

    const mutations: [string, () => Promise<unknown>][] = [
      ['upload (user)', () => upload(actor)],
      ['upload (API key)', () => upload(key)],
      ['ingest (API key)', () => ingestEvents(conn.db, key, event('e-1'))],
      [
        'ingest (staff import)',
        () => ingestEvents(conn.db, admin, { ...event('e-2'), partnerId: partner.id }),
      ],
      ['apply', () => submitApplication(conn.db, actor, { serviceCategories: ['claims'] })],
      ['withdraw', () => withdrawApplication(conn.db, actor, randomUUID())],
      ['acknowledge review', () => acknowledgeReview(conn.db, actor, randomUUID())],
      [
        'rectification evidence',
        () =>
          uploadRectificationEvidence(conn.db, actor, storage, {
            itemId: randomUUID(),
            fileName: 'a.pdf',
            bytes: fixture('licence.pdf'),
          }),
      ],
      ['rectification submit', () => submitRectificationItem(conn.db, actor, randomUUID())],
      ['create API key', () => createApiKey(conn.db, actor, { name: 'CRM', scopes: ['events'] })],
      ['invite colleague', () => inviteColleague(conn.db, actor, { email: 'new@partner.test' })],
    ];
    for (const [name, run] of mutations) {
      const error = await refusal(run());
      expect({ name, code: error.code, status: error.status }).toEqual({
        name,
        code: 'partner.suspended',
        status: 403,
      });
      expect(error.details).toEqual({ reason: 'Data breach under investigation' });
    }

    // Reads stay allowed.
    await expect(getPartner(conn.db, actor, partner.id)).resolves.toMatchObject({
      status: 'suspended',
      suspensionReason: 'Data breach under investigation',
    });
    await expect(listDocuments(conn.db, actor, partner.id)).resolves.toBeTruthy();
    await expect(listApiKeys(conn.db, actor)).resolves.toBeTruthy();
    // Appealing the review that suspended it stays possible (here: no such review).
    expect(
      (
        await refusal(
          appealReview(conn.db, actor, { reviewId: randomUUID(), reason: 'We disagree strongly' }),
        )
      ).code,
    ).toBe('not_found');

    await liftSuspension(conn.db, risk, {
      partnerId: partner.id,
      reason: 'Investigation closed, no finding',
    });
    const [after] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(after).toMatchObject({ status: 'active', suspensionReason: null, suspendedAt: null });
    await expect(upload(actor)).resolves.toBeTruthy();
    await expect(ingestEvents(conn.db, key, event('e-3'))).resolves.toMatchObject({ accepted: 1 });
  });

  it('blocks deciding a suspended partner’s open application', async () => {
    const partner = await makePartner(conn.db, { status: 'applying' });
    const [application] = await conn.db
      .insert(applications)
      .values({ partnerId: partner.id, serviceCategories: ['claims'] })
      .returning();
    await suspendPartner(conn.db, admin, { partnerId: partner.id, reason: 'Licence revoked by regulator' });
    const { advanceApplication } = await import('../src/index.ts');
    expect((await refusal(advanceApplication(conn.db, reviewer, application!.id))).code).toBe(
      'partner.suspended',
    );
  });
});

describe('suspending and lifting by hand', () => {
  it('needs the permission and a reason, tells the partner by inbox and e-mail, and audits both steps', async () => {
    const partner = await makePartner(conn.db, { status: 'active', legalName: '暂停测试有限公司' });
    const member = await makePartnerUser(conn.db, partner.id, 'partner_member');
    expect(
      (await refusal(suspendPartner(conn.db, reviewer, { partnerId: partner.id, reason: 'Because' }))).code,
    ).toBe('forbidden');
    const short = await refusal(suspendPartner(conn.db, risk, { partnerId: partner.id, reason: 'no' }));
    expect(short.details).toMatchObject({ fields: [expect.objectContaining({ path: 'reason' })] });

    await suspendPartner(conn.db, risk, { partnerId: partner.id, reason: 'Unpaid penalties since June' });
    expect(
      (await refusal(suspendPartner(conn.db, risk, { partnerId: partner.id, reason: 'Twice over' }))).code,
    ).toBe('conflict');
    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, member.user.id));
    expect(inbox.map((n) => [n.template, n.params.reason])).toEqual([
      ['notify.partner_suspended', 'Unpaid penalties since June'],
    ]);
    expect(await emailsTo(member.user.email)).toEqual([
      expect.objectContaining({
        subject: 'email.kind.partner_status',
        body: 'notify.partner_suspended',
        params: { name: '暂停测试有限公司', reason: 'Unpaid penalties since June' },
      }),
    ]);

    await liftSuspension(conn.db, risk, { partnerId: partner.id, reason: 'Penalties paid in full' });
    expect(
      (await refusal(liftSuspension(conn.db, risk, { partnerId: partner.id, reason: 'Again and again' })))
        .code,
    ).toBe('conflict');
    const trail = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.partnerId, partner.id))
      .orderBy(auditLog.id);
    expect(trail.map((e) => e.action)).toEqual(['partner.suspended', 'partner.suspension_lifted']);
    expect(trail[1]!.data).toMatchObject({ reason: 'Penalties paid in full', to: 'active' });
  });
});

describe('blacklist preview and confirmation', () => {
  it('lists partners matched by credit code under another name, and changes nothing until confirmed', async () => {
    const partner = await makePartner(conn.db, { status: 'active', legalName: 'Critical Claims Ltd' });
    await conn.db.update(partners).set({ criticality: 'critical' }).where(eq(partners.id, partner.id));
    await conn.db.insert(applications).values({ partnerId: partner.id, serviceCategories: ['claims'] });
    const member = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const input = {
      creditCode: partner.creditCode,
      name: 'Shell Trading Co',
      reason: 'Fraudulent claims ring',
    };

    const preview = await previewBlacklist(conn.db, reviewer, input);
    expect(preview.matches).toEqual([
      expect.objectContaining({
        id: partner.id,
        legalName: 'Critical Claims Ltd',
        creditCode: partner.creditCode,
        criticality: 'critical',
        openApplications: 1,
      }),
    ]);

    const unconfirmed = await refusal(addToBlacklist(conn.db, reviewer, input));
    expect(unconfirmed).toMatchObject({ code: 'conflict', messageKey: 'errors.blacklist_confirm' });
    expect(unconfirmed.details?.matches).toHaveLength(1);
    const [untouched] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(untouched!.status).toBe('active');

    const { entry, suspendedPartnerIds } = await addToBlacklist(conn.db, reviewer, {
      ...input,
      partnerReason: 'Your organisation is under a fraud investigation.',
      confirmed: true,
    });
    expect(suspendedPartnerIds).toEqual([partner.id]);
    const [after] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(after).toMatchObject({
      status: 'suspended',
      suspensionReason: 'Your organisation is under a fraud investigation.',
    });
    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, member.user.id));
    expect(inbox.map((n) => n.template)).toEqual(['notify.partner_suspended']);

    // Lifting waits for the entry to go.
    expect(
      (
        await refusal(
          liftSuspension(conn.db, admin, { partnerId: partner.id, reason: 'Cleared by committee' }),
        )
      ).messageKey,
    ).toBe('errors.partner_still_blacklisted');
    await removeFromBlacklist(conn.db, admin, { entryId: entry.id, reason: 'Cleared by committee' });
    await liftSuspension(conn.db, admin, { partnerId: partner.id, reason: 'Cleared by committee' });
  });

  it('a code that matches nobody needs no confirmation', async () => {
    const { validCreditCode } = await import('../src/testing/fixtures.ts');
    const code = validCreditCode();
    expect(
      (
        await previewBlacklist(conn.db, reviewer, {
          creditCode: code,
          name: 'Nobody Ltd',
          reason: 'Known bad actor',
        })
      ).matches,
    ).toEqual([]);
    await expect(
      addToBlacklist(conn.db, reviewer, { creditCode: code, name: 'Nobody Ltd', reason: 'Known bad actor' }),
    ).resolves.toMatchObject({ suspendedPartnerIds: [] });
  });
});

describe('profile edit and history', () => {
  it('admins edit profile and contacts with validation; the history names who did what', async () => {
    const partner = await makePartner(conn.db, { status: 'active' });
    const { user } = await makeStaff(conn.db, ['admin']);
    const editor: Actor = { type: 'staff', userId: user.id, roles: ['admin'] };
    expect(
      (await refusal(updatePartner(conn.db, reviewer, partner.id, { legalName: 'New Name Ltd' }))).code,
    ).toBe('forbidden');
    const bad = await refusal(updatePartner(conn.db, editor, partner.id, { contactEmail: 'not-an-email' }));
    expect(bad.details).toMatchObject({ fields: [expect.objectContaining({ path: 'contactEmail' })] });
    const updated = await updatePartner(conn.db, editor, partner.id, {
      legalName: 'Renamed Claims Ltd',
      contactEmail: 'ops@renamed.test',
      criticality: 'critical',
    });
    expect(updated).toMatchObject({ legalName: 'Renamed Claims Ltd', contactEmail: 'ops@renamed.test' });
    // Nothing changed: nothing recorded.
    await updatePartner(conn.db, editor, partner.id, { legalName: 'Renamed Claims Ltd' });
    await suspendPartner(conn.db, editor, { partnerId: partner.id, reason: 'Contract breach' });

    const history = await partnerHistory(conn.db, reviewer, partner.id);
    expect(history.map((h) => [h.action, h.actorName])).toEqual([
      ['partner.suspended', user.displayName],
      ['partner.updated', user.displayName],
    ]);
    expect(history[1]!.data).toMatchObject({
      changes: { legalName: { from: partner.legalName, to: 'Renamed Claims Ltd' } },
    });
    const partnerUser = await makePartnerUser(conn.db, partner.id);
    expect((await refusal(partnerHistory(conn.db, partnerUser.actor, partner.id))).code).toBe('forbidden');
  });
});

describe('partner e-mail', () => {
  it('each kind can be turned off; the inbox copy stays', async () => {
    const partner = await makePartner(conn.db, { status: 'active' });
    const member = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    await conn.db.update(users).set({ locale: 'en' }).where(eq(users.id, member.user.id));
    expect(await emailPreferences(conn.db, member.actor)).toMatchObject({
      partner_status: true,
      reviews: true,
    });
    await setEmailPreferences(conn.db, member.actor, {
      enabled: ['admission', 'documents', 'reviews', 'rectification'],
    });
    expect(await emailPreferences(conn.db, member.actor)).toMatchObject({
      partner_status: false,
      reviews: true,
    });
    await suspendPartner(conn.db, risk, { partnerId: partner.id, reason: 'Audit findings pending' });
    expect(await emailsTo(member.user.email)).toEqual([]);
    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, member.user.id));
    expect(inbox).toHaveLength(1);
    await setEmailPreferences(conn.db, member.actor, { enabled: ['partner_status'] });
    await liftSuspension(conn.db, risk, { partnerId: partner.id, reason: 'Findings resolved' });
    expect(await emailsTo(member.user.email)).toEqual([
      expect.objectContaining({ body: 'notify.partner_reinstated', locale: 'en' }),
    ]);
  });

  it('reminds of a rectification item a week and a day before it is due, each once', async () => {
    const partner = await makePartner(conn.db, { status: 'active' });
    const member = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const [review] = await conn.db
      .insert(quarterlyReviews)
      .values({ partnerId: partner.id, quarter: '2026-Q3', status: 'finalised', snapshot: {} as never })
      .returning();
    const [item] = await conn.db
      .insert(rectificationItems)
      .values({
        reviewId: review!.id,
        partnerId: partner.id,
        position: 1,
        description: 'Retrain claims handlers',
        dueDate: '2026-11-20',
      })
      .returning();
    const reminders = async () =>
      (
        await conn.db.select().from(notifications).where(eq(notifications.recipientId, member.user.id))
      ).filter((n) => n.template === 'notify.rectification_due');
    // Eight days before (China time): nothing yet.
    await runRectificationReminders(conn.db, new Date('2026-11-12T08:00:00+08:00'));
    expect(await reminders()).toHaveLength(0);
    // 00:30 in China on the 13th is still the 12th in UTC: the week's reminder goes, once.
    await runRectificationReminders(conn.db, new Date('2026-11-13T00:30:00+08:00'));
    await runRectificationReminders(conn.db, new Date('2026-11-14T08:00:00+08:00'));
    expect((await reminders()).map((n) => n.params.days)).toEqual([7]);
    await Promise.all([
      runRectificationReminders(conn.db, new Date('2026-11-19T08:00:00+08:00')),
      runRectificationReminders(conn.db, new Date('2026-11-19T09:00:00+08:00')),
    ]);
    expect((await reminders()).map((n) => n.params.days).sort()).toEqual([1, 7]);
    expect((await emailsTo(member.user.email)).map((e) => e.subject)).toEqual([
      'email.kind.rectification',
      'email.kind.rectification',
    ]);
    const [after] = await conn.db
      .select()
      .from(rectificationItems)
      .where(eq(rectificationItems.id, item!.id));
    expect([...after!.remindersSent].sort()).toEqual(['1d', '7d']);
    // Submitted or past due: no more reminders.
    await runRectificationReminders(conn.db, new Date('2026-11-21T08:00:00+08:00'));
    expect(await reminders()).toHaveLength(2);
  });
});
