import { auditLog, type DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  advanceApplication,
  attachThirdPartyReport,
  getApplication,
  readThirdPartyReport,
  recordAssessment,
  recordInspection,
  recordPilot,
  reviewDocument,
  submitApplication,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { fixture, seedCatalogue, tempStorage, uploadAll } from './admission-support.ts';

let conn: DatabaseConnection;
const storage = tempStorage();
let reviewer: Actor;
let reviewerName: string;

beforeAll(async () => {
  conn = await createTestDatabase();
  await seedCatalogue(conn.db);
  const staff = await makeStaff(conn.db, ['reviewer']);
  reviewer = staff.actor;
  reviewerName = staff.user.displayName;
  await makeStaff(conn.db, ['committee']);
});
afterAll(() => conn.close());

/** An application at the pilot stage, through the real services, with or without its assessment. */
async function atPilot({ assessed = true } = {}) {
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
  if (assessed) {
    await recordAssessment(conn.db, reviewer, application.id, {
      financial: 80,
      capability: 90,
      compliance: 70,
      reputation: 60,
    });
  }
  return { partnerActor: actor, application };
}

const pdf = fixture('licence.pdf');

describe('third-party assessment report', () => {
  it('staff attach it with the assessor and score; staff read it back; the audit log records it', async () => {
    const { application } = await atPilot();
    const attached = await attachThirdPartyReport(conn.db, reviewer, storage, application.id, {
      fileName: '第三方评估报告.pdf',
      bytes: pdf,
      assessor: '中诚信评估',
      score: 82,
    });
    expect(attached).toMatchObject({ contentType: 'application/pdf', sizeBytes: pdf.byteLength });

    const file = await readThirdPartyReport(conn.db, reviewer, storage, application.id);
    expect(file.fileName).toBe('第三方评估报告.pdf');
    expect(file.contentType).toBe('application/pdf');
    expect(Buffer.from(file.bytes).equals(Buffer.from(pdf))).toBe(true);

    const view = await getApplication(conn.db, reviewer, application.id);
    expect(view.staff?.assessment).toMatchObject({
      financial: 80,
      thirdPartyAssessor: '中诚信评估',
      thirdPartyScore: 82,
      thirdPartyReport: {
        fileName: '第三方评估报告.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.byteLength,
        sha256: attached.sha256,
        uploadedByName: reviewerName,
      },
    });
    expect(JSON.stringify(view.staff?.assessment)).not.toContain('sha256/'); // no storage key leaves core
    expect(view.timeline.map((e) => e.kind)).toContain('third_party_report_attached');

    const entries = await conn.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityId, application.id),
          eq(auditLog.action, 'application.third_party_report_attached'),
        ),
      );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toMatchObject({ sha256: attached.sha256, assessor: '中诚信评估', score: 82 });

    // A new report replaces the file but keeps the assessor and score when they are not given again.
    await attachThirdPartyReport(conn.db, reviewer, storage, application.id, {
      fileName: 'report-v2.png',
      bytes: fixture('scan.png'),
    });
    const again = await getApplication(conn.db, reviewer, application.id);
    expect(again.staff?.assessment).toMatchObject({
      thirdPartyAssessor: '中诚信评估',
      thirdPartyScore: 82,
      thirdPartyReport: { fileName: 'report-v2.png', contentType: 'image/png' },
    });
  });

  it('the partner never sees it: not in its view, "not found" to read, forbidden to attach', async () => {
    const { partnerActor, application } = await atPilot();
    await attachThirdPartyReport(conn.db, reviewer, storage, application.id, {
      fileName: 'secret-report.pdf',
      bytes: pdf,
    });
    const view = await getApplication(conn.db, partnerActor, application.id);
    expect(view.staff).toBeNull();
    expect(JSON.stringify(view)).not.toContain('secret-report');
    expect(view.timeline.map((e) => e.kind)).not.toContain('third_party_report_attached');
    await expect(readThirdPartyReport(conn.db, partnerActor, storage, application.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      attachThirdPartyReport(conn.db, partnerActor, storage, application.id, {
        fileName: 'mine.pdf',
        bytes: pdf,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('decides the type by content: a disguised executable is refused and nothing is recorded', async () => {
    const { application } = await atPilot();
    await expect(
      attachThirdPartyReport(conn.db, reviewer, storage, application.id, {
        fileName: 'report.pdf',
        bytes: fixture('disguised-executable.pdf'),
      }),
    ).rejects.toMatchObject({ code: 'unsupported_media_type', messageKey: 'errors.file_type' });
    await expect(
      attachThirdPartyReport(
        conn.db,
        reviewer,
        storage,
        application.id,
        { fileName: 'big.pdf', bytes: pdf },
        { maxBytes: 100 },
      ),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(
      attachThirdPartyReport(conn.db, reviewer, storage, application.id, {
        fileName: 'report.pdf',
        bytes: pdf,
        score: 120,
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const view = await getApplication(conn.db, reviewer, application.id);
    expect(view.staff?.assessment?.thirdPartyReport).toBeNull();
    await expect(readThirdPartyReport(conn.db, reviewer, storage, application.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('needs the assessment first, and is frozen once the committee votes', async () => {
    const { application } = await atPilot({ assessed: false });
    await expect(
      attachThirdPartyReport(conn.db, reviewer, storage, application.id, { fileName: 'r.pdf', bytes: pdf }),
    ).rejects.toMatchObject({ code: 'conflict', messageKey: 'errors.assessment_missing' });
    await recordAssessment(conn.db, reviewer, application.id, {
      financial: 80,
      capability: 90,
      compliance: 70,
      reputation: 60,
    });
    await advanceApplication(conn.db, reviewer, application.id);
    await expect(
      attachThirdPartyReport(conn.db, reviewer, storage, application.id, { fileName: 'r.pdf', bytes: pdf }),
    ).rejects.toMatchObject({ code: 'conflict', messageKey: 'errors.assessment_frozen' });
  });
});
