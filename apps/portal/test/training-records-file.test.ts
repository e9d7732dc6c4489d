import { addPerson, confirmNotice, publishNotice } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { trainingRecordsResponse } from '../app/lib/training/roster-import.server';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

describe('the training records downloads', () => {
  test('the notice confirmations come as their own CSV; the records CSV keeps its columns', async () => {
    const { actor: staff } = await makeStaff(conn.db, ['risk_officer']);
    const partner = await makePartner(conn.db);
    const { actor: admin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const { user, actor: member } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    await addPerson(conn.db, admin, {
      name: '周学员',
      staffNumber: 'Z-12345678',
      jobRole: 'Agent',
      serviceCategory: 'agency',
      startDate: todayInChina(),
      userId: user.id,
    });
    const notice = await publishNotice(conn.db, staff, {
      kind: 'policy',
      titleZh: '新制度',
      titleEn: 'New policy',
      bodyZh: '正文',
      bodyEn: 'Body',
      target: 'partner',
      partnerId: partner.id,
      requiresConfirmation: true,
      confirmBy: addDays(todayInChina(), 7),
    });
    await confirmNotice(conn.db, member, notice.id);

    const notices = await trainingRecordsResponse(conn.db, admin, 'zh-CN', { format: 'notices-csv' });
    expect(notices.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(notices.headers.get('content-disposition')).toMatch(/filename="notice-confirmations-.*\.csv"/);
    const bytes = new Uint8Array(await notices.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const text = new TextDecoder().decode(bytes); // (decoding drops the BOM)
    expect(text.split('\r\n')[0]).toBe(
      '姓名,身份证号或工号,通知,确认截止日,阅读时间（北京时间）,确认时间（北京时间）,状态',
    );
    expect(text).toContain('周学员,Z-••••••78,新制度,');
    expect(text).toContain(',已确认');

    const records = await trainingRecordsResponse(conn.db, staff, 'en', {
      format: 'csv',
      partnerId: partner.id,
    });
    const header = (await records.text()).split('\r\n')[0];
    expect(header).toBe(
      'Name,ID or staff number,Course,Course version,Category,Source,Attempt,Score (%),Passed,Hours,Completed on,Recorded at (Beijing time),Certificate',
    );
  });
});
