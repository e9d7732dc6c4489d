import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { auditLog, type DatabaseConnection, documentVersions } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentAddress,
  judgeUpload,
  prepareEventImport,
  reportOrphanFiles,
  requirementsFor,
  storedFileName,
  storeWithRows,
  uploadDocument,
} from '../src/index.ts';
import {
  docxBomb,
  docxFile,
  docxWithExecutable,
  makePartner,
  makePartnerUser,
  makeStaff,
  minimalPdf,
  pdfWithZipAppended,
  pngMagicThenHtml,
  validDocumentDates,
  xlsxBomb,
  xlsxFile,
  zipFile,
} from '../src/testing/fixtures.ts';
import { fixture, seedCatalogue, tempStorage } from './admission-support.ts';

const MAX = 25 * 1024 * 1024;
const refusal = (messageKey: string) => ({
  code: 'validation_failed',
  status: 422,
  messageKey,
  details: expect.objectContaining({ fields: [expect.objectContaining({ path: 'file' })] }),
});
const files = async (storage: ReturnType<typeof tempStorage>) => {
  const keys: string[] = [];
  for await (const f of storage.list('sha256/')) keys.push(f.key);
  return keys;
};

describe('judgeUpload: structure as well as type', () => {
  it('accepts the well-formed fixtures of every accepted kind', async () => {
    for (const [name, ext] of [
      ['licence.pdf', 'pdf'],
      ['scan.png', 'png'],
      ['photo.jpg', 'jpg'],
      ['statement.docx', 'docx'],
      ['financials.xlsx', 'xlsx'],
    ] as const) {
      await expect(judgeUpload(fixture(name), MAX)).resolves.toMatchObject({ ext });
    }
    await expect(judgeUpload(docxFile(), MAX)).resolves.toMatchObject({ ext: 'docx' });
    await expect(judgeUpload(xlsxFile([['a', 1]]), MAX)).resolves.toMatchObject({ ext: 'xlsx' });
  });

  it('PDF: refuses data after the last %%EOF (a ZIP appended) and a missing cross-reference', async () => {
    await expect(judgeUpload(pdfWithZipAppended(), MAX)).rejects.toMatchObject(
      refusal('errors.file_trailing_data'),
    );
    const noXref = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n');
    await expect(judgeUpload(noXref, MAX)).rejects.toMatchObject(refusal('errors.file_malformed'));
    const wrongOffset = new TextDecoder().decode(minimalPdf).replace('startxref\n110', 'startxref\n3');
    await expect(judgeUpload(new TextEncoder().encode(wrongOffset), MAX)).rejects.toMatchObject(
      refusal('errors.file_malformed'),
    );
    // Trailing whitespace after %%EOF is what many writers leave: fine.
    const padded = new Uint8Array([...minimalPdf, 0x0d, 0x0a, 0x20]);
    await expect(judgeUpload(padded, MAX)).resolves.toMatchObject({ ext: 'pdf' });
  });

  it('PNG: refuses magic followed by HTML, a bad CRC and data after IEND', async () => {
    await expect(judgeUpload(pngMagicThenHtml(), MAX)).rejects.toMatchObject(
      refusal('errors.file_malformed'),
    );
    const png = fixture('scan.png');
    const appended = new Uint8Array([...png, ...new TextEncoder().encode('<script>1</script>')]);
    await expect(judgeUpload(appended, MAX)).rejects.toMatchObject(refusal('errors.file_trailing_data'));
    const corrupt = png.slice();
    corrupt[20] = corrupt[20]! ^ 0xff; // inside IHDR: its CRC no longer matches
    await expect(judgeUpload(corrupt, MAX)).rejects.toMatchObject(refusal('errors.file_malformed'));
  });

  it('JPEG: refuses data after EOI and a file that is only markers', async () => {
    const jpg = fixture('photo.jpg');
    const appended = new Uint8Array([...jpg, ...new TextEncoder().encode('PK\u0003\u0004 zip')]);
    await expect(judgeUpload(appended, MAX)).rejects.toMatchObject(refusal('errors.file_trailing_data'));
    const hollow = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0,
      16,
      ...new TextEncoder().encode('JFIF\0'),
      1,
      1,
      0,
      0,
      1,
      0,
      1,
      0,
      0,
      0xff,
      0xd9,
    ]);
    await expect(judgeUpload(hollow, MAX)).rejects.toMatchObject(refusal('errors.file_malformed'));
  });

  it('OOXML: refuses programs (by name or content), macros, unsafe paths and missing parts', async () => {
    await expect(judgeUpload(docxWithExecutable(), MAX)).rejects.toMatchObject(
      refusal('errors.file_archive_unsafe'),
    );
    // A program under an innocent name is found by its content.
    await expect(judgeUpload(docxWithExecutable('word/media/image1.png'), MAX)).rejects.toMatchObject(
      refusal('errors.file_archive_unsafe'),
    );
    await expect(
      judgeUpload(docxFile([{ name: 'word/vbaProject.bin', data: 'macro' }]), MAX),
    ).rejects.toMatchObject(refusal('errors.file_archive_unsafe'));
    await expect(
      judgeUpload(docxFile([{ name: 'word/../../evil.xml', data: '<x/>' }]), MAX),
    ).rejects.toMatchObject(refusal('errors.file_archive_unsafe'));
    await expect(
      judgeUpload(docxFile([{ name: 'payload/run.xml', data: '<x/>' }]), MAX),
    ).rejects.toMatchObject(refusal('errors.file_archive_unsafe'));
    const noDocument = zipFile([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/other.xml', data: '<x/>' },
    ]);
    await expect(judgeUpload(noDocument, MAX)).rejects.toSatisfy(
      (e: { status: number }) => e.status >= 400 && e.status < 500,
    );
  });

  it('OOXML bombs: a declared 2 GiB, an honest 150 MiB, a 20 MiB at 1000:1 and a lying header are refused', async () => {
    const declared = docxFile([{ name: 'word/media/filler.xml', data: 'x', declaredSize: 2 ** 31 }]);
    await expect(judgeUpload(declared, MAX)).rejects.toMatchObject(refusal('errors.file_inflates_too_large'));
    await expect(judgeUpload(await docxBomb(150 * 1024 * 1024), MAX)).rejects.toMatchObject(
      refusal('errors.file_inflates_too_large'),
    );
    await expect(judgeUpload(await docxBomb(20 * 1024 * 1024), MAX)).rejects.toMatchObject(
      refusal('errors.file_inflates_too_large'),
    );
    const started = performance.now();
    await expect(judgeUpload(await docxBomb(64 * 1024 * 1024, false), MAX)).rejects.toMatchObject(
      refusal('errors.file_inflates_too_large'),
    );
    console.log(`lying 64 MiB bomb generated and refused in ${Math.round(performance.now() - started)} ms`);
    const many = docxFile(Array.from({ length: 1001 }, (_, i) => ({ name: `word/p${i}.xml`, data: '<x/>' })));
    await expect(judgeUpload(many, MAX)).rejects.toMatchObject(refusal('errors.file_inflates_too_large'));
  });
});

describe('storedFileName', () => {
  it('drops bidirectional controls and paths, and ends the name in the real type', () => {
    expect(storedFileName('invoice\u202efdp.exe', 'pdf')).toBe('invoicefdp.exe.pdf');
    expect(storedFileName('..\\..\\windows\\licence.pdf', 'pdf')).toBe('licence.pdf');
    expect(storedFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(storedFileName('scan.JPEG', 'jpg')).toBe('scan.JPEG');
    expect(storedFileName('营业执照.pdf', 'pdf')).toBe('营业执照.pdf');
    expect(storedFileName('\u2066\u2069', 'png')).toBe('file.png');
    expect(storedFileName(`${'长'.repeat(300)}.pdf`, 'pdf').endsWith('….pdf')).toBe(true);
  });

  it('refuses NUL, CR and LF with a 4xx naming the field', () => {
    for (const name of ['a\u0000.pdf', 'a\r\nContent-Type: text/html.pdf', 'tab\there.pdf']) {
      expect(() => storedFileName(name, 'pdf', 'file')).toThrow(
        expect.objectContaining({
          code: 'validation_failed',
          messageKey: 'errors.file_name_invalid',
          details: expect.objectContaining({ field: 'file' }),
        }),
      );
    }
  });
});

describe('stored files and their rows', () => {
  let conn: DatabaseConnection;
  beforeAll(async () => {
    conn = await createTestDatabase();
    await seedCatalogue(conn.db);
  });
  afterAll(async () => {
    await conn?.close();
  });

  it('a refused upload stores no file and no row; a good one stores both', async () => {
    const storage = tempStorage();
    const partner = await makePartner(conn.db);
    const { actor } = await makePartnerUser(conn.db, partner.id);
    const [requirement] = await requirementsFor(conn.db, ['claims']);
    const upload = (bytes: Uint8Array, fileName = 'a.pdf') =>
      uploadDocument(conn.db, actor, storage, {
        requirementId: requirement!.id,
        fileName,
        bytes,
        ...validDocumentDates(requirement!),
      });
    await expect(upload(pdfWithZipAppended())).rejects.toMatchObject({ status: 422 });
    await expect(upload(minimalPdf, 'a\r\n.pdf')).rejects.toMatchObject({ status: 422 });
    // Refused after the judgement, inside the transaction (the requirement does not exist).
    await expect(
      uploadDocument(conn.db, actor, storage, {
        requirementId: crypto.randomUUID(),
        fileName: 'x.pdf',
        bytes: minimalPdf,
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await files(storage)).toEqual([]);
    const { version } = await upload(minimalPdf, 'invoice\u202efdp.exe');
    expect(version.fileName).toBe('invoicefdp.exe.pdf');
    expect(await files(storage)).toEqual([contentAddress(minimalPdf).storageKey]);
  });

  it('storeWithRows removes the file when the unit of work fails, and keeps one rows already use', async () => {
    const storage = tempStorage();
    const bytes = new TextEncoder().encode(`unique ${crypto.randomUUID()}`);
    await expect(
      storeWithRows(conn.db, storage, { bytes, contentType: 'text/plain' }, async () => {
        throw new Error('row refused');
      }),
    ).rejects.toThrow('row refused');
    expect(await files(storage)).toEqual([]);
    const { storageKey } = await storeWithRows(
      conn.db,
      storage,
      { bytes, contentType: 'text/plain' },
      async (_tx, s) => s,
    );
    // The commit fails after the file was written (a constraint checked at commit is simulated by throwing later).
    await expect(
      storeWithRows(conn.db, storage, { bytes, contentType: 'text/plain' }, async () => {
        throw new Error('second');
      }),
    ).rejects.toThrow('second');
    expect(await storage.exists(storageKey)).toBe(true);
  });

  it('the orphan scan reports files no row references (older than the grace period) in the audit log', async () => {
    const storage = tempStorage();
    const partner = await makePartner(conn.db);
    const { actor } = await makePartnerUser(conn.db, partner.id);
    const [requirement] = await requirementsFor(conn.db, ['claims']);
    const { version } = await uploadDocument(conn.db, actor, storage, {
      requirementId: requirement!.id,
      fileName: 'kept.pdf',
      bytes: fixture('licence.pdf'),
      ...validDocumentDates(requirement!),
    });
    const orphan = contentAddress(new TextEncoder().encode('orphan'));
    const young = contentAddress(new TextEncoder().encode('young'));
    await storage.put(orphan.storageKey, new TextEncoder().encode('orphan'), 'text/plain');
    await storage.put(young.storageKey, new TextEncoder().encode('young'), 'text/plain');
    const old = new Date(Date.now() - 2 * 3600 * 1000);
    await utimes(path.join(storage.root, orphan.storageKey), old, old);
    const [row] = await conn.db.select().from(documentVersions).where(eq(documentVersions.id, version.id));
    await utimes(path.join(storage.root, row!.storageKey), old, old);

    const result = await reportOrphanFiles(conn.db, storage);
    expect(result.orphans).toEqual([orphan.storageKey]);
    expect(result.scanned).toBe(3);
    const [entry] = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'storage.orphans_found'));
    expect(entry).toMatchObject({ actorType: 'system', data: { count: 1, keys: [orphan.storageKey] } });
    expect(await storage.exists(orphan.storageKey)).toBe(true); // reported, never deleted
  });

  it('an XLSX import bomb is refused from its bounds, without parsing; too many rows before building cells', async () => {
    const staff = await makeStaff(conn.db, ['admin']);
    const partner = await makePartner(conn.db);
    const attempt = (bytes: Uint8Array) =>
      prepareEventImport(conn.db, staff.actor, { partnerId: partner.id, fileName: 'events.xlsx', bytes });
    await expect(attempt(await xlsxBomb(200 * 1024 * 1024))).rejects.toMatchObject(
      refusal('errors.file_inflates_too_large'),
    );
    await expect(attempt(await xlsxBomb(100 * 1024 * 1024, false))).rejects.toMatchObject(
      refusal('errors.file_inflates_too_large'),
    );
    const rows = Array.from(
      { length: 200_005 },
      (_, i) => `<row r="${i + 1}"><c><v>${i * 7919}</v></c></row>`,
    ).join('');
    const tall = xlsxFile([], [], {
      name: 'xl/worksheets/sheet1.xml',
      data: `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
    });
    await expect(attempt(tall)).rejects.toMatchObject({
      ...refusal('errors.import_too_many_rows'),
      details: expect.objectContaining({ maxRows: 200_000 }),
    });
    await expect(attempt(docxWithExecutable())).rejects.toSatisfy(
      (e: { status: number }) => e.status >= 400 && e.status < 500,
    );
    // A good workbook still reads (in the worker).
    const good = await attempt(
      xlsxFile([
        ['externalId', 'type', 'occurredAt', 'rating'],
        ['X-1', 'customer_rating', '2026-07-01T09:00:00+08:00', 5],
      ]),
    );
    expect(good.errorCount).toBe(0);
    expect(good.events).toHaveLength(1);
  });
});
