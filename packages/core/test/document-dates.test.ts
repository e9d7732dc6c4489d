import { addMonths, todayInChina } from '@outpost/i18n';
import { requirementsFor, uploadDocument, type Actor } from '../src/index.ts';
import { checkDocumentDates, latestExpiry } from '../src/admission/document-dates.ts';
import { makePartner, makePartnerUser } from '../src/testing/fixtures.ts';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, seedCatalogue, tempStorage } from './admission-support.ts';

const today = '2026-12-01';
const yearly = { expires: true, validityMonths: 12 };
const longTerm = { expires: false, validityMonths: null };

describe('a document’s dates against its type', () => {
  it('refuses an expiry beyond the validity period from the issue date', () => {
    expect(() =>
      checkDocumentDates(yearly, { issueDate: '2026-06-01', expiryDate: '2028-05-01' }, today),
    ).toThrow(expect.objectContaining({ messageKey: 'errors.document_dates.beyond_validity' }));
    // The last valid day is the same date twelve months later.
    expect(checkDocumentDates(yearly, { issueDate: '2026-06-01', expiryDate: '2027-06-01' }, today)).toEqual({
      issueDate: '2026-06-01',
      expiryDate: '2027-06-01',
    });
  });

  it('works the expiry out from the issue date when it is left empty', () => {
    expect(checkDocumentDates(yearly, { issueDate: '2026-03-31' }, today)).toEqual({
      issueDate: '2026-03-31',
      expiryDate: '2027-03-31',
    });
    expect(latestExpiry('2027-01-31', 1)).toBe('2027-02-28');
    expect(latestExpiry('2028-02-29', 12)).toBe('2029-02-28');
  });

  it('refuses an expiry date on a type that never expires (长期有效)', () => {
    expect(() => checkDocumentDates(longTerm, { expiryDate: '2030-01-01' }, today)).toThrow(
      expect.objectContaining({
        messageKey: 'errors.document_dates.does_not_expire',
        details: expect.objectContaining({ fields: [expect.objectContaining({ path: 'expiryDate' })] }),
      }),
    );
    expect(checkDocumentDates(longTerm, { issueDate: '2020-01-01' }, today)).toEqual({
      issueDate: '2020-01-01',
    });
  });

  it('refuses an expiry before the issue date, one already past, a missing one and an issue date in the future', () => {
    const refusal = (dates: { issueDate?: string; expiryDate?: string }) => {
      try {
        checkDocumentDates(yearly, dates, today);
      } catch (error) {
        return (error as { messageKey: string }).messageKey;
      }
      return null;
    };
    expect(refusal({ issueDate: '2026-06-01', expiryDate: '2026-05-01' })).toBe(
      'errors.document_dates.before_issue',
    );
    expect(refusal({ issueDate: '2025-06-01', expiryDate: '2026-05-31' })).toBe(
      'errors.document_dates.already_expired',
    );
    expect(refusal({})).toBe('errors.expiry_required');
    expect(refusal({ issueDate: '2027-01-01' })).toBe('errors.document_dates.issued_in_future');
  });
});

describe('uploading a document checks its dates', () => {
  let conn: DatabaseConnection;
  let actor: Actor;
  beforeAll(async () => {
    conn = await createTestDatabase();
    await seedCatalogue(conn.db);
    const partner = await makePartner(conn.db, { status: 'invited' });
    actor = (await makePartnerUser(conn.db, partner.id)).actor;
  });
  afterAll(() => conn.close());

  it('a 12-month document with an expiry 23 months after issue is refused and nothing is stored; a valid one stores the derived expiry', async () => {
    const requirement = (await requirementsFor(conn.db, ['claims'])).find((r) => r.validityMonths === 12)!;
    const storage = tempStorage();
    const issueDate = addMonths(todayInChina(), -2);
    await expect(
      uploadDocument(conn.db, actor, storage, {
        requirementId: requirement.id,
        fileName: 'financials.pdf',
        bytes: fixture('licence.pdf'),
        issueDate,
        expiryDate: addMonths(issueDate, 23),
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      messageKey: 'errors.document_dates.beyond_validity',
    });
    const { document } = await uploadDocument(conn.db, actor, storage, {
      requirementId: requirement.id,
      fileName: 'financials.pdf',
      bytes: fixture('licence.pdf'),
      issueDate,
    });
    expect(document).toMatchObject({ issueDate, expiryDate: addMonths(issueDate, 12), currentVersion: 1 });
  });
});
