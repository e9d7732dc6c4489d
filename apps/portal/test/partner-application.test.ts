import { addMonths, todayInChina } from '@outpost/i18n';
import { advanceApplication, listDocuments, reviewDocument } from '@outpost/core';
import { makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { translate } from '@outpost/i18n';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  loadApplicationPage,
  submitApplicationAction,
  withdrawApplicationAction,
} from '../app/lib/partner/application.server';
import { uploadDocumentAction } from '../app/lib/partner/documents.server';
import type { PartnerActor } from '../app/lib/partner/partner-viewer.server';
import {
  fileOf,
  fixture,
  formOf,
  invitedPartnerWithAdmin,
  seedCatalogue,
  tempStorage,
} from './partner-support';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
  await seedCatalogue(conn.db);
});
afterAll(async () => {
  await conn?.close();
});

/** Uploads every document the page lists as missing. */
async function uploadAllMissing(actor: PartnerActor) {
  const page = await loadApplicationPage(conn.db, actor, 'en');
  for (const missing of page.apply?.missing ?? []) {
    const result = await uploadDocumentAction(
      conn.db,
      actor,
      tempStorage(),
      formOf({
        requirementId: missing.id,
        file: fileOf('doc.pdf', fixture('licence.pdf')),
        // The expiry date is worked out from the issue date and the type's validity period.
        issueDate: addMonths(todayInChina(), -1),
      }),
      'en',
      1024 * 1024,
    );
    expect(result.ok).toBe(true);
  }
}

describe('applying for admission', () => {
  test('before any upload: the categories, the missing documents, and a refusal listing them', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const page = await loadApplicationPage(conn.db, admin, 'zh-CN');
    expect(page.application).toBeNull();
    expect(page.canSubmit).toBe(true);
    expect(page.apply?.categories).toEqual(['it']);
    expect(page.apply?.missing.map((m) => m.name)).toContain('营业执照');

    const result = await submitApplicationAction(
      conn.db,
      admin,
      formOf({ serviceCategories: ['it'] }),
      'zh-CN',
    );
    expect(result.status).toBe(422);
    expect(result.errors?.form).toBe(translate('zh-CN', 'errors.documents_missing'));
    expect(result.missing).toEqual(page.apply?.missing.map((m) => m.name));
  });

  test('no category chosen: the banner names the field and says what to do, in both languages', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const zh = await submitApplicationAction(conn.db, admin, formOf({}), 'zh-CN');
    expect(zh.status).toBe(422);
    expect(zh.errors?.form).toBe('申请的服务类别：请至少选择一项');
    const en = await submitApplicationAction(conn.db, admin, formOf({}), 'en');
    expect(en.errors?.form).toBe('Service categories applied for: choose at least one');
  });

  test('submitted: the stage, the timeline, and nothing internal', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    await uploadAllMissing(admin);
    expect((await loadApplicationPage(conn.db, admin, 'en')).apply?.missing).toEqual([]);
    const result = await submitApplicationAction(conn.db, admin, formOf({ serviceCategories: ['it'] }), 'en');
    expect(result).toMatchObject({ status: 200, notice: expect.stringMatching(/submitted/) });

    const page = await loadApplicationPage(conn.db, admin, 'en');
    expect(page.apply).toBeNull();
    expect(page.application).toMatchObject({ status: 'in_progress', stage: 'document_review' });
    expect(page.application?.timeline.map((e) => e.kind)).toEqual(['submitted']);
    expect(page.application?.timeline[0]?.actorName).toBe('Partner user partner_admin');
    expect(page.stages).toEqual(['document_review', 'onsite_inspection', 'pilot', 'committee']);
  });

  test('a stage change appears on the timeline with its stage', async () => {
    const { admin, partner } = await invitedPartnerWithAdmin(conn.db, ['it']);
    await uploadAllMissing(admin);
    await submitApplicationAction(conn.db, admin, formOf({ serviceCategories: ['it'] }), 'en');
    const { actor: reviewer } = await makeStaff(conn.db, ['reviewer']);
    for (const doc of await listDocuments(conn.db, reviewer, partner.id)) {
      await reviewDocument(conn.db, reviewer, { documentId: doc.id, decision: 'accept' });
    }
    const open = await loadApplicationPage(conn.db, admin, 'en');
    await advanceApplication(conn.db, reviewer, open.application!.id);
    const page = await loadApplicationPage(conn.db, admin, 'en');
    expect(page.application?.stage).toBe('onsite_inspection');
    expect(page.application?.timeline.at(-1)).toMatchObject({
      kind: 'stage_changed',
      toStage: 'onsite_inspection',
    });
  });

  test('a partner member sees the page but cannot submit', async () => {
    const { partner } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    const member = actor as PartnerActor;
    expect((await loadApplicationPage(conn.db, member, 'en')).canSubmit).toBe(false);
    const result = await submitApplicationAction(
      conn.db,
      member,
      formOf({ serviceCategories: ['it'] }),
      'en',
    );
    expect(result).toMatchObject({ status: 403, errors: { form: 'You do not have permission to do this.' } });
  });

  test('withdrawing with a reason closes the application and offers to apply again', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    await uploadAllMissing(admin);
    await submitApplicationAction(conn.db, admin, formOf({ serviceCategories: ['it'] }), 'en');
    const open = await loadApplicationPage(conn.db, admin, 'en');
    const result = await withdrawApplicationAction(
      conn.db,
      admin,
      formOf({ applicationId: open.application!.id, reason: 'We will apply next year.' }),
      'en',
    );
    expect(result).toMatchObject({ status: 200, notice: 'The application was withdrawn.' });
    const page = await loadApplicationPage(conn.db, admin, 'en');
    expect(page.application?.status).toBe('withdrawn');
    expect(page.application?.timeline.at(-1)).toMatchObject({
      kind: 'withdrawn',
      reason: 'We will apply next year.',
    });
    expect(page.apply).not.toBeNull();

    const again = await withdrawApplicationAction(
      conn.db,
      admin,
      formOf({ applicationId: open.application!.id }),
      'en',
    );
    expect(again.status).toBe(409);
  });

  test('another partner’s application id is "not found"', async () => {
    const first = await invitedPartnerWithAdmin(conn.db, ['it']);
    await uploadAllMissing(first.admin);
    await submitApplicationAction(conn.db, first.admin, formOf({ serviceCategories: ['it'] }), 'en');
    const id = (await loadApplicationPage(conn.db, first.admin, 'en')).application!.id;
    const second = await invitedPartnerWithAdmin(conn.db, ['it']);
    const result = await withdrawApplicationAction(
      conn.db,
      second.admin,
      formOf({ applicationId: id }),
      'en',
    );
    expect(result.status).toBe(404);
    expect((await loadApplicationPage(conn.db, first.admin, 'en')).application?.status).toBe('in_progress');
  });
});
