import { getPartner, requirementsFor } from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDocumentsPage, uploadDocumentAction } from '../app/lib/partner/documents.server';
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

const MAX = 1024 * 1024;

async function requirementId(db: DatabaseConnection['db'], key: string) {
  const all = await requirementsFor(db, ['it', 'claims', 'agency']);
  return all.find((r) => r.key === key)!.id;
}

describe('the documents page', () => {
  test('lists the requirements for the organisation’s categories in the reader’s language, all missing at first', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const page = await loadDocumentsPage(conn.db, admin, 'zh-CN', MAX);
    expect(page.items.map((i) => i.name)).toEqual([
      '营业执照',
      '近两年经审计的财务报表',
      '信息安全认证（等保三级或 ISO 27001）',
      '数据保密与个人信息保护承诺书',
    ]);
    expect(page.items.every((i) => i.state === 'missing' && i.canUpload)).toBe(true);
    expect(page.counts).toEqual({ missing: 4, rejected: 0, expired: 0, expiring: 0 });
    expect(page.maxSize).toBe('1 MB');
    const english = await loadDocumentsPage(conn.db, admin, 'en', MAX);
    expect(english.items[0]?.name).toBe('Business licence');
  });
});

describe('uploading without JavaScript', () => {
  test('stores a version and shows it with its download link and dates', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const id = await requirementId(conn.db, 'audited_financials');
    const result = await uploadDocumentAction(
      conn.db,
      admin,
      tempStorage(),
      formOf({
        requirementId: id,
        file: fileOf('2025 审计报告.pdf', fixture('licence.pdf')),
        issueDate: '2026-01-15',
        expiryDate: '2027-01-14',
      }),
      'en',
      MAX,
    );
    expect(result).toMatchObject({ ok: true, notice: 'Version 1 uploaded; it is now awaiting review.' });
    const page = await loadDocumentsPage(conn.db, admin, 'en', MAX);
    const item = page.items.find((i) => i.requirementId === id)!;
    expect(item.state).toBe('submitted');
    expect(item.document?.expiryDate).toBe('Jan 14, 2027');
    expect(item.document?.versions[0]).toMatchObject({ version: 1, fileName: '2025 审计报告.pdf' });
    expect(item.document?.versions[0]?.href).toBe(`/api/v1/documents/${item.document?.id}/file?version=1`);
    expect(page.counts.missing).toBe(3);
  });

  test('an executable renamed .pdf is refused, saying the type comes from the content', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const result = await uploadDocumentAction(
      conn.db,
      admin,
      tempStorage(),
      formOf({
        requirementId: await requirementId(conn.db, 'business_licence'),
        file: fileOf('licence.pdf', fixture('disguised-executable.pdf')),
      }),
      'zh-CN',
      MAX,
    );
    expect(result).toMatchObject({ ok: false, status: 415 });
    if (result.ok) return;
    expect(result.errors.fields?.file).toMatch(/以文件实际内容判定/);
  });

  test('a file over the limit is refused with the limit', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const result = await uploadDocumentAction(
      conn.db,
      admin,
      tempStorage(),
      formOf({
        requirementId: await requirementId(conn.db, 'business_licence'),
        file: fileOf('big.pdf', fixture('licence.pdf')),
      }),
      'en',
      100,
    );
    expect(result).toMatchObject({
      ok: false,
      status: 413,
      errors: { fields: { file: 'The file is larger than the 100 B limit.' } },
    });
  });

  test('an expiring document without an expiry date is refused on that field', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const result = await uploadDocumentAction(
      conn.db,
      admin,
      tempStorage(),
      formOf({
        requirementId: await requirementId(conn.db, 'infosec_certification'),
        file: fileOf('iso27001.png', fixture('scan.png')),
      }),
      'en',
      MAX,
    );
    expect(result).toMatchObject({
      ok: false,
      status: 422,
      errors: { fields: { expiryDate: 'This document expires: enter its expiry date.' } },
    });
  });

  test('no file chosen is a field error, not a server error', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db, ['it']);
    const result = await uploadDocumentAction(
      conn.db,
      admin,
      tempStorage(),
      formOf({ requirementId: await requirementId(conn.db, 'business_licence') }),
      'en',
      MAX,
    );
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      errors: { fields: { file: 'Choose a file to upload.' } },
    });
  });

  test('a partner sees only its own documents', async () => {
    const first = await invitedPartnerWithAdmin(conn.db, ['it']);
    const second = await invitedPartnerWithAdmin(conn.db, ['it']);
    await uploadDocumentAction(
      conn.db,
      first.admin,
      tempStorage(),
      formOf({
        requirementId: await requirementId(conn.db, 'business_licence'),
        file: fileOf('licence.pdf', fixture('licence.pdf')),
      }),
      'en',
      MAX,
    );
    const page = await loadDocumentsPage(conn.db, second.admin, 'en', MAX);
    expect(page.items.every((i) => i.document === null)).toBe(true);
    expect((await getPartner(conn.db, second.admin, second.partner.id)).id).toBe(second.partner.id);
  });
});
