import {
  applications,
  auditLog,
  committeeVotes,
  type DatabaseConnection,
  documentVersions,
  notifications,
  outbox,
  partners,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  addToBlacklist,
  advanceApplication,
  castVote,
  getApplication,
  invitePartner,
  listDocuments,
  readDocumentFile,
  recordAssessment,
  recordInspection,
  recordPilot,
  removeFromBlacklist,
  reviewDocument,
  submitApplication,
  uploadDocument,
  requirementsFor,
  personById,
  withdrawApplication,
  returnApplication,
  type Actor,
} from '../src/index.ts';
import {
  makePartner,
  makePartnerUser,
  makeStaff,
  validCreditCode,
  validDocumentDates,
} from '../src/testing/fixtures.ts';
import { fixture, seedCatalogue, tempStorage, uploadAll } from './admission-support.ts';

let conn: DatabaseConnection;
const storage = tempStorage();
const passwords = {
  hash: async (p: string) => `test-hash:${p}`,
  problem: (p: string) => (p.length < 10 ? { key: 'k', message: 'too short' } : null),
};
let reviewer: Actor;
let admin: Actor;
let members: Actor[];

beforeAll(async () => {
  conn = await createTestDatabase();
  await seedCatalogue(conn.db);
  reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  members = [];
  for (let i = 0; i < 3; i++) members.push((await makeStaff(conn.db, ['committee'])).actor);
});
afterAll(() => conn.close());

/** A partner brought to the committee stage through the real services. */
async function toCommittee() {
  const partner = await makePartner(conn.db, { status: 'invited' });
  const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const docs = await uploadAll(conn.db, actor, storage, ['claims']);
  const application = await submitApplication(conn.db, actor, { serviceCategories: ['claims'] });
  for (const id of Object.values(docs))
    await reviewDocument(conn.db, reviewer, { documentId: id, decision: 'accept' });
  await advanceApplication(conn.db, reviewer, application.id);
  await recordInspection(conn.db, reviewer, application.id, {
    inspectedOn: '2026-10-01',
    inspectors: ['李审核'],
    findings: 'Good controls',
    score: 85,
  });
  await advanceApplication(conn.db, reviewer, application.id);
  await recordPilot(conn.db, reviewer, application.id, {
    startsOn: '2026-10-02',
    endsOn: '2026-11-01',
    outcome: 'On time',
    score: 90,
  });
  await recordAssessment(conn.db, reviewer, application.id, {
    financial: 80,
    capability: 90,
    compliance: 70,
    reputation: 60,
  });
  await advanceApplication(conn.db, reviewer, application.id);
  return { partner, partnerActor: actor, application };
}

describe('invitations', () => {
  it('staff invite a partner; the administrator accepts once; the link cannot be reused', async () => {
    const code = validCreditCode();
    const { partner, invitation } = await invitePartner(conn.db, reviewer, {
      legalName: '远景理赔服务有限公司',
      creditCode: code,
      serviceCategories: ['claims'],
      contactEmail: 'Boss@YuanJing.test',
    });
    expect(partner.status).toBe('invited');
    const token = invitation.acceptPath.split('/').pop()!;
    const emails = await conn.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'email'), eq(outbox.target, 'boss@yuanjing.test')));
    expect(emails).toHaveLength(1);
    const { userId } = await acceptInvitation(
      conn.db,
      token,
      { displayName: '老板', password: 'long enough secret' },
      passwords,
    );
    const person = await personById(conn.db, userId);
    expect(person?.actor).toMatchObject({ type: 'partner', partnerId: partner.id, role: 'partner_admin' });
    await expect(
      acceptInvitation(conn.db, token, { displayName: 'Again', password: 'long enough secret' }, passwords),
    ).rejects.toMatchObject({ code: 'gone' });
    await expect(
      acceptInvitation(
        conn.db,
        `${token}x`,
        { displayName: 'Forged', password: 'long enough secret' },
        passwords,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an expired invitation is refused', async () => {
    const { invitation } = await invitePartner(conn.db, reviewer, {
      legalName: 'Late Co Ltd',
      creditCode: validCreditCode(),
      serviceCategories: ['it'],
      contactEmail: 'late@late.test',
    });
    const { invitations } = await import('@outpost/db');
    await conn.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.invitationId));
    await expect(
      acceptInvitation(
        conn.db,
        invitation.acceptPath.split('/').pop()!,
        { displayName: 'Late', password: 'long enough secret' },
        passwords,
      ),
    ).rejects.toMatchObject({ code: 'gone', messageKey: 'errors.invitation_expired' });
  });

  it('a blacklisted code cannot be invited (staff see why) nor registered (the partner sees a neutral message)', async () => {
    const code = validCreditCode();
    const { invitation } = await invitePartner(conn.db, reviewer, {
      legalName: 'Soon Banned Ltd',
      creditCode: code,
      serviceCategories: ['it'],
      contactEmail: 'x@banned.test',
    });
    await addToBlacklist(conn.db, reviewer, {
      creditCode: code,
      name: 'Soon Banned Ltd',
      reason: 'Forged licences in 2025',
      confirmed: true,
    });
    await expect(
      acceptInvitation(
        conn.db,
        invitation.acceptPath.split('/').pop()!,
        { displayName: 'X', password: 'long enough secret' },
        passwords,
      ),
    ).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'errors.blacklisted_neutral',
      details: undefined,
    });
    const other = validCreditCode();
    await addToBlacklist(conn.db, reviewer, {
      creditCode: other,
      name: 'Banned Two',
      reason: 'Data leak incident',
    });
    await expect(
      invitePartner(conn.db, reviewer, {
        legalName: 'Banned Two',
        creditCode: other,
        serviceCategories: ['it'],
        contactEmail: 'b@b.test',
      }),
    ).rejects.toMatchObject({ code: 'conflict', details: { reason: 'Data leak incident' } });
  });
});

describe('blacklist', () => {
  it('adding an active partner suspends it; only an admin removes an entry, with a reason', async () => {
    const partner = await makePartner(conn.db, { status: 'active' });
    const { entry, suspendedPartnerIds } = await addToBlacklist(conn.db, reviewer, {
      creditCode: partner.creditCode,
      name: partner.legalName,
      reason: 'Repeated SLA fraud',
      confirmed: true,
    });
    expect(suspendedPartnerIds).toEqual([partner.id]);
    const [after] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(after!.status).toBe('suspended');
    await expect(
      removeFromBlacklist(conn.db, reviewer, { entryId: entry.id, reason: 'Appeal granted' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      removeFromBlacklist(conn.db, admin, { entryId: entry.id, reason: '' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await removeFromBlacklist(conn.db, admin, { entryId: entry.id, reason: 'Appeal granted by committee' });
    await expect(
      addToBlacklist(conn.db, reviewer, {
        creditCode: partner.creditCode,
        name: partner.legalName,
        reason: 'Back again',
      }),
    ).resolves.toBeTruthy();
  });
});

describe('documents', () => {
  it('decides the type by content: a disguised executable, an empty file and an oversized file are refused and nothing is stored', async () => {
    const partner = await makePartner(conn.db, { status: 'invited' });
    const { actor } = await makePartnerUser(conn.db, partner.id);
    const [requirement] = await requirementsFor(conn.db, ['claims']);
    const attempt = (bytes: Uint8Array, maxBytes?: number) =>
      uploadDocument(
        conn.db,
        actor,
        storage,
        {
          requirementId: requirement!.id,
          fileName: 'licence.pdf',
          bytes,
          ...validDocumentDates(requirement!),
        },
        { maxBytes },
      );
    await expect(attempt(fixture('disguised-executable.pdf'))).rejects.toMatchObject({
      code: 'unsupported_media_type',
      details: { detected: 'application/x-msdownload' },
    });
    await expect(attempt(new Uint8Array())).rejects.toMatchObject({
      code: 'validation_failed',
      messageKey: 'errors.file_empty',
    });
    await expect(attempt(fixture('licence.pdf'), 100)).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await listDocuments(conn.db, actor, partner.id)).toEqual([]);
    for (const name of ['scan.png', 'photo.jpg', 'statement.docx', 'financials.xlsx']) {
      await expect(attempt(fixture(name))).resolves.toBeTruthy();
    }
    const [doc] = await listDocuments(conn.db, actor, partner.id);
    expect(doc!.versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(doc!.versions[0]!.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('another partner’s document id is "not found" for reading and for download', async () => {
    const a = await makePartner(conn.db);
    const b = await makePartner(conn.db);
    const userA = await makePartnerUser(conn.db, a.id);
    const userB = await makePartnerUser(conn.db, b.id);
    const [requirement] = await requirementsFor(conn.db, ['claims']);
    const { document } = await uploadDocument(conn.db, userB.actor, storage, {
      requirementId: requirement!.id,
      fileName: 'b.pdf',
      bytes: fixture('licence.pdf'),
      ...validDocumentDates(requirement!),
    });
    await expect(readDocumentFile(conn.db, userA.actor, storage, document.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(listDocuments(conn.db, userA.actor, b.id)).rejects.toMatchObject({ code: 'not_found' });
    const mine = await readDocumentFile(conn.db, userB.actor, storage, document.id);
    expect(Buffer.from(mine.bytes).equals(Buffer.from(fixture('licence.pdf')))).toBe(true);
    const staffRead = await readDocumentFile(conn.db, reviewer, storage, document.id);
    expect(staffRead.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a rejection needs a reason, reaches the partner, and a re-upload makes a new version', async () => {
    const partner = await makePartner(conn.db, { status: 'invited' });
    const { actor } = await makePartnerUser(conn.db, partner.id);
    const docs = await uploadAll(conn.db, actor, storage, ['claims']);
    const docId = docs.business_licence!;
    await expect(
      reviewDocument(conn.db, reviewer, { documentId: docId, decision: 'reject' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await reviewDocument(conn.db, reviewer, {
      documentId: docId,
      decision: 'reject',
      reason: 'Scan is unreadable',
    });
    const listed = await listDocuments(conn.db, actor, partner.id);
    expect(listed.find((d) => d.id === docId)).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Scan is unreadable',
    });
    const [requirement] = (await requirementsFor(conn.db, ['claims'])).filter(
      (r) => r.key === 'business_licence',
    );
    await uploadDocument(conn.db, actor, storage, {
      requirementId: requirement!.id,
      fileName: 'clear.png',
      bytes: fixture('scan.png'),
    });
    const versions = await conn.db
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.documentId, docId));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });
});

describe('applications', () => {
  it('with no service category is refused on that field with a code the portal can word', async () => {
    const partner = await makePartner(conn.db, { status: 'invited' });
    const { actor } = await makePartnerUser(conn.db, partner.id);
    await expect(submitApplication(conn.db, actor, { serviceCategories: [] })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'serviceCategories', code: 'choose_one', min: 1 }] },
    });
  });

  it('cannot be submitted while documents are missing; the error lists them', async () => {
    const partner = await makePartner(conn.db, { status: 'invited' });
    const { actor } = await makePartnerUser(conn.db, partner.id);
    await expect(submitApplication(conn.db, actor, { serviceCategories: ['claims'] })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { missing: expect.arrayContaining([expect.objectContaining({ key: 'business_licence' })]) },
    });
    expect(await conn.db.select().from(applications).where(eq(applications.partnerId, partner.id))).toEqual(
      [],
    );
  });

  it('goes through the stages; the partner sees the timeline but no votes or assessment', async () => {
    const { partnerActor, application } = await toCommittee();
    const partnerView = await getApplication(conn.db, partnerActor, application.id);
    expect(partnerView.application.stage).toBe('committee');
    expect(partnerView.staff).toBeNull();
    expect(partnerView.timeline.map((e) => e.kind)).not.toContain('assessment_recorded');
    const staffView = await getApplication(conn.db, reviewer, application.id);
    // 80×0.3 + 90×0.3 + 70×0.25 + 60×0.15 = 77.5
    expect(staffView.staff?.weightedScore).toBe(77.5);
    expect(staffView.staff?.tally).toMatchObject({ members: 3, quorum: 2, cast: 0 });
    const ballots = await conn.db.select().from(outbox).where(eq(outbox.channel, 'slack'));
    expect(
      ballots.filter((b) => (b.payload as { applicationId?: string }).applicationId === application.id),
    ).toHaveLength(3);
  });

  it('a reviewer is not notified of the stage changes they made; the other reviewers are', async () => {
    const colleague = (await makeStaff(conn.db, ['reviewer'])).user;
    const { application } = await toCommittee();
    const stageNotices = (userId: string) =>
      conn.db
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            eq(notifications.recipientId, userId),
            eq(notifications.template, 'notify.application_stage_staff'),
            eq(notifications.link, `/s/applications/${application.id}`),
          ),
        );
    expect(await stageNotices((reviewer as { userId: string }).userId)).toHaveLength(0);
    expect(await stageNotices(colleague.id)).toHaveLength(3);
  });

  it('two approvals decide it: the partner becomes active; a later vote is refused', async () => {
    const { partner, application } = await toCommittee();
    expect(
      await castVote(conn.db, members[0]!, { applicationId: application.id, vote: 'approve' }),
    ).toMatchObject({ outcome: null });
    const ballot = (member: Actor) =>
      conn.db
        .select({ readAt: notifications.readAt })
        .from(notifications)
        .where(
          and(
            eq(notifications.recipientId, (member as { userId: string }).userId),
            eq(notifications.link, `/s/applications/${application.id}`),
            eq(notifications.template, 'notify.committee_vote_needed'),
          ),
        );
    expect((await ballot(members[1]!))[0]?.readAt).toBeNull();
    expect(
      await castVote(conn.db, members[1]!, { applicationId: application.id, vote: 'approve', via: 'slack' }),
    ).toMatchObject({ outcome: 'approved' });
    // A vote cast in Slack answers the member's ballot in the inbox too; others' stay unread.
    expect((await ballot(members[1]!))[0]?.readAt).toBeInstanceOf(Date);
    expect((await ballot(members[2]!))[0]?.readAt).toBeNull();
    const [after] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(after!.status).toBe('active');
    await expect(
      castVote(conn.db, members[2]!, { applicationId: application.id, vote: 'reject', reason: 'Too late' }),
    ).rejects.toMatchObject({
      code: 'already_decided',
    });
  });

  it('a double vote is refused and leaves one vote; a non-member cannot vote; a reject needs a reason', async () => {
    const { application } = await toCommittee();
    await castVote(conn.db, members[0]!, { applicationId: application.id, vote: 'abstain' });
    await expect(
      castVote(conn.db, members[0]!, { applicationId: application.id, vote: 'approve' }),
    ).rejects.toMatchObject({ code: 'conflict', details: { vote: 'abstain' } });
    await expect(
      castVote(conn.db, reviewer, { applicationId: application.id, vote: 'approve' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const outsider = (await makeStaff(conn.db, ['committee'])).actor; // appointed after voting opened
    await expect(
      castVote(conn.db, outsider, { applicationId: application.id, vote: 'approve' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      castVote(conn.db, members[1]!, { applicationId: application.id, vote: 'reject' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(
      await conn.db.select().from(committeeVotes).where(eq(committeeVotes.applicationId, application.id)),
    ).toHaveLength(1);
  });

  it('concurrent votes: exactly one decision, one vote per member', async () => {
    const { application } = await toCommittee();
    const results = await Promise.allSettled(
      members.map((m) => castVote(conn.db, m, { applicationId: application.id, vote: 'approve' })),
    );
    const decided = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'approved');
    expect(decided).toHaveLength(1);
    const late = results.filter((r) => r.status === 'rejected');
    for (const r of late)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'already_decided' });
    const decisions = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, 'application.approved')));
    expect(decisions).toHaveLength(1);
  });

  it('rejections decide it once approval can no longer be reached', async () => {
    const { application } = await toCommittee();
    await castVote(conn.db, members[0]!, {
      applicationId: application.id,
      vote: 'reject',
      reason: 'Weak financials',
    });
    const second = await castVote(conn.db, members[1]!, {
      applicationId: application.id,
      vote: 'reject',
      reason: 'Agree',
    });
    expect(second.outcome).toBe('rejected');
  });

  it('staff return an application with a reason (votes discarded); the partner can withdraw', async () => {
    const { partnerActor, application } = await toCommittee();
    await castVote(conn.db, members[0]!, { applicationId: application.id, vote: 'approve' });
    await expect(
      returnApplication(conn.db, reviewer, application.id, { stage: 'committee', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const returned = await returnApplication(conn.db, reviewer, application.id, {
      stage: 'pilot',
      reason: 'Pilot data incomplete',
    });
    expect(returned.stage).toBe('pilot');
    expect(
      await conn.db.select().from(committeeVotes).where(eq(committeeVotes.applicationId, application.id)),
    ).toEqual([]);
    const withdrawn = await withdrawApplication(conn.db, partnerActor, application.id, 'Changing plans');
    expect(withdrawn.status).toBe('withdrawn');
    await expect(advanceApplication(conn.db, reviewer, application.id)).rejects.toMatchObject({
      code: 'already_decided',
    });
  });

  it('another partner cannot read or withdraw an application', async () => {
    const { application } = await toCommittee();
    const stranger = await makePartner(conn.db);
    const { actor } = await makePartnerUser(conn.db, stranger.id);
    await expect(getApplication(conn.db, actor, application.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(withdrawApplication(conn.db, actor, application.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
