import { listNotices } from '@outpost/core';
import { makePartner, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { noticeFormAction } from '../app/lib/training/staff-notices.server';
import { depsFor, formOf, pdf } from './staff-support';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const filled = (partnerId: string) => ({
  kind: 'policy',
  titleZh: '新制度',
  titleEn: 'New policy',
  bodyZh: '正文',
  bodyEn: 'Body',
  target: 'partner',
  partnerId,
});

describe('the new-notice form', () => {
  test('names each refused field in the reader’s language and gives the form back as typed', async () => {
    const deps = depsFor(conn.db);
    const { actor } = await makeStaff(conn.db, ['risk_officer']);
    const partner = await makePartner(conn.db);
    const values = { ...filled(partner.id), titleEn: '', requiresConfirmation: 'on' };
    const zh = await noticeFormAction(deps, actor, formOf(values), 'zh-CN');
    expect(zh.ok).toBe(false);
    if (zh.ok) return;
    expect(zh.status).toBe(422);
    expect(zh.errors.fields).toEqual({
      titleEn: '标题（英文）：请填写此项',
      confirmBy: expect.stringMatching(/^确认截止日期：/),
    });
    expect(zh.values).toMatchObject({ titleZh: '新制度', requiresConfirmation: true });

    const past = await noticeFormAction(
      deps,
      actor,
      formOf({ ...filled(partner.id), requiresConfirmation: 'on', confirmBy: addDays(todayInChina(), -1) }),
      'en',
    );
    expect(!past.ok && past.errors.fields?.confirmBy).toMatch(/^Confirm by: /);

    // Only the chosen target's field counts: a category left chosen in its select is ignored.
    const noPartner = await noticeFormAction(
      deps,
      actor,
      formOf({ ...filled(''), serviceCategory: 'claims' }),
      'en',
    );
    expect(!noPartner.ok && Object.keys(noPartner.errors.fields ?? {})).toEqual(['partnerId']);
  });

  test('refuses an attachment that is not a PDF under its field, and publishes with a PDF', async () => {
    const deps = depsFor(conn.db);
    const { actor } = await makeStaff(conn.db, ['risk_officer']);
    const partner = await makePartner(conn.db);
    const form = formOf(filled(partner.id));
    form.append('attachments', new File([new TextEncoder().encode('plain text')], 'notes.txt'));
    const refused = await noticeFormAction(deps, actor, form, 'en');
    expect(!refused.ok && refused.errors.fields?.attachments).toMatch(/^Attachments \(PDF\): /);
    expect((await listNotices(conn.db, actor, { search: 'New policy' })).total).toBe(0);

    const good = formOf(filled(partner.id));
    good.append('attachments', new File([pdf()], 'policy.pdf', { type: 'application/pdf' }));
    const published = await noticeFormAction(deps, actor, good, 'en');
    expect(published.ok).toBe(true);
    const { notices } = await listNotices(conn.db, actor, { search: 'New policy' });
    expect(notices).toHaveLength(1);
  });
});
