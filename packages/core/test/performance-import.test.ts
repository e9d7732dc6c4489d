import { type DatabaseConnection, serviceEvents } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  ensureDefaultKpis,
  importEventFile,
  importTemplateCsv,
  checkImportTable,
  parseCsv,
  prepareEventImport,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let staff: Actor;
let auditor: Actor;
const NOW = Date.parse('2026-08-01T00:00:00+08:00');

const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));
const header = 'externalId,type,occurredAt,caseId,slaDueAt,rating,passed,amount';
const stored = async (partnerId: string) =>
  (
    await conn.db
      .select({ id: serviceEvents.externalId })
      .from(serviceEvents)
      .where(eq(serviceEvents.partnerId, partnerId))
  )
    .map((r) => r.id)
    .sort();

/** A minimal XLSX workbook (inline strings, numbers, booleans) — enough for a reader to accept. */
function xlsx(rows: (string | number | boolean | null)[][]): Uint8Array {
  const col = (i: number) => String.fromCharCode(65 + i);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sheetRows = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((v, c) => {
            const ref = `${col(c)}${r + 1}`;
            if (v === null) return '';
            if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
            if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
            return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
          })
          .join('')}</row>`,
    )
    .join('');
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Events" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  staff = (await makeStaff(conn.db, ['risk_officer'])).actor;
  auditor = (await makeStaff(conn.db, ['auditor'])).actor;
});
afterAll(async () => {
  await conn.close();
});

describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes, commas, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\nlast,')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['last', ''],
    ]);
  });
  it('refuses an unbalanced quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(AppError);
  });
  it('the downloadable template is itself a valid file', () => {
    const mapped = checkImportTable(parseCsv(importTemplateCsv), NOW);
    expect(mapped.errors).toEqual([]);
    expect(mapped.events).toHaveLength(7);
  });
});

describe('importEventFile', () => {
  it('a good CSV stores every row, and importing it again stores nothing twice', async () => {
    const p = await makePartner(conn.db);
    const file = csv([
      header,
      'c-1,case_closed,2026-07-02T16:30:00+08:00,CASE-1,2026-07-03T18:00:00+08:00,,,"12,000.50"',
      'c-2,customer_rating,2026-07-02T17:00:00+08:00,,,5,,',
      'c-3,compliance_check,2026-07-02T17:05:00+08:00,,,,是,',
      '',
    ]);
    const first = await importEventFile(
      conn.db,
      staff,
      { partnerId: p.id, fileName: 'events.CSV', bytes: file },
      { now: NOW },
    );
    expect(first).toMatchObject({ stored: true, rows: 3, accepted: 3, duplicates: 0, errorCount: 0 });
    expect(await stored(p.id)).toEqual(['c-1', 'c-2', 'c-3']);
    const again = await importEventFile(
      conn.db,
      staff,
      { partnerId: p.id, fileName: 'events.csv', bytes: file },
      { now: NOW },
    );
    expect(again).toMatchObject({ stored: true, accepted: 0, duplicates: 3 });
  });

  it('one bad row stores nothing and reports its row, column and reason', async () => {
    const p = await makePartner(conn.db);
    const result = await importEventFile(
      conn.db,
      staff,
      {
        partnerId: p.id,
        fileName: 'events.csv',
        bytes: csv([
          header,
          'b-1,customer_rating,2026-07-02T17:00:00+08:00,,,5,,',
          'b-2,customer_rating,2026-07-02T17:00:00+08:00,,,9,,',
          'b-3,customer_rating,2026-07-02T17:00:00+08:00,,,4,,',
        ]),
      },
      { now: NOW },
    );
    expect(result.stored).toBe(false);
    expect(result.errorCount).toBe(1);
    expect(result.errors[0]).toMatchObject({ row: 3, path: 'rating', code: 'too_big', params: { max: 5 } });
    expect(result.errors[0]!.message).toMatch(/rating/);
    expect(await stored(p.id)).toEqual([]);
  });

  it('reports type, header, duplicate and correction problems by row', async () => {
    const p = await makePartner(conn.db);
    const bad = await prepareEventImport(
      conn.db,
      staff,
      {
        partnerId: p.id,
        fileName: 'e.csv',
        bytes: csv([
          'externalId,type,occurredAt,rating,passed,correctsExternalId,reason',
          'd-1,customer_rating,2026-07-02T17:00:00+08:00,five,,,',
          'd-2,compliance_check,2026-07-02T17:00:00+08:00,,maybe,,',
          'd-2,customer_rating,2026-07-02T17:00:00+08:00,3,,,',
          'd-4,customer_rating,2099-01-01T00:00:00+08:00,3,,,',
          'd-5,correction,2026-07-03T00:00:00+08:00,,,nope,typo',
        ]),
      },
      NOW,
    );
    expect(bad.events).toEqual([]);
    expect(bad.errors.map((e) => [e.row, e.path, e.code])).toEqual([
      [2, 'rating', 'invalid_type'],
      [3, 'passed', 'invalid_type'],
      [4, 'externalId', 'duplicate_id'],
      [5, 'occurredAt', 'in_future'],
    ]);
    expect(bad.errors[0]!.params).toEqual({ expected: 'number' });
    expect(bad.errors[2]!.params).toEqual({ first: 3 });
    // With the type errors fixed, the duplicate id and the dangling correction show up too.
    const second = await prepareEventImport(
      conn.db,
      staff,
      {
        partnerId: p.id,
        fileName: 'e.csv',
        bytes: csv([
          'externalId,type,occurredAt,rating,correctsExternalId,reason',
          'd-1,customer_rating,2026-07-02T17:00:00+08:00,4,,',
          'd-1,customer_rating,2026-07-02T17:00:00+08:00,3,,',
        ]),
      },
      NOW,
    );
    expect(second.errors).toEqual([
      expect.objectContaining({ row: 3, path: 'externalId', code: 'duplicate_id', params: { first: 2 } }),
    ]);
    const third = await prepareEventImport(
      conn.db,
      staff,
      {
        partnerId: p.id,
        fileName: 'e.csv',
        bytes: csv([
          'externalId,type,occurredAt,correctsExternalId,reason',
          'x-1,correction,2026-07-03T00:00:00+08:00,nope,typo',
        ]),
      },
      NOW,
    );
    expect(third.errors).toEqual([
      expect.objectContaining({
        row: 2,
        path: 'correctsExternalId',
        code: 'unknown_target',
        params: { target: 'nope' },
      }),
    ]);
    const headers = await prepareEventImport(
      conn.db,
      staff,
      { partnerId: p.id, fileName: 'e.csv', bytes: csv(['externalId,type,colour', 'a,b,c']) },
      NOW,
    );
    expect(headers.errors.map((e) => [e.row, e.path, e.code])).toEqual([
      [1, 'colour', 'unknown_column'],
      [1, 'occurredAt', 'missing_column'],
    ]);
  });

  it('a good XLSX stores every row; a bad one stores nothing', async () => {
    const p = await makePartner(conn.db);
    const rows: (string | number | boolean | null)[][] = [
      ['externalId', 'type', 'occurredAt', 'rating', 'passed', 'amount'],
      ['x-1', 'customer_rating', '2026-07-02T17:00:00+08:00', 4, null, null],
      [1002, 'compliance_check', '2026-07-02T17:00:00+08:00', null, true, null],
      ['x-3', 'loss', '2026-07-02T17:00:00+08:00', null, null, 250.5],
    ];
    const good = await importEventFile(
      conn.db,
      staff,
      { partnerId: p.id, fileName: 'e.xlsx', bytes: xlsx(rows) },
      { now: NOW },
    );
    expect(good).toMatchObject({ stored: true, accepted: 3 });
    expect(await stored(p.id)).toEqual(['1002', 'x-1', 'x-3']);

    const q = await makePartner(conn.db);
    const bad = await importEventFile(
      conn.db,
      staff,
      {
        partnerId: q.id,
        fileName: 'e.xlsx',
        bytes: xlsx([...rows, ['x-4', 'loss', '2026-07-02T17:00:00+08:00', null, null, -3]]),
      },
      { now: NOW },
    );
    expect(bad.stored).toBe(false);
    expect(bad.errors).toEqual([expect.objectContaining({ row: 5, path: 'amount', code: 'too_small' })]);
    expect(await stored(q.id)).toEqual([]);
  });

  it('a file that is not a workbook, a wrong extension or a person without the permission is refused', async () => {
    const p = await makePartner(conn.db);
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (e: unknown) => (e as AppError).code,
      );
    expect(
      await code(
        prepareEventImport(conn.db, staff, { partnerId: p.id, fileName: 'e.xlsx', bytes: csv(['a']) }),
      ),
    ).toBe('validation_failed');
    expect(
      await code(
        prepareEventImport(conn.db, staff, { partnerId: p.id, fileName: 'e.txt', bytes: csv(['a']) }),
      ),
    ).toBe('unsupported_media_type');
    expect(
      await code(
        prepareEventImport(conn.db, auditor, { partnerId: p.id, fileName: 'e.csv', bytes: csv(['a']) }),
      ),
    ).toBe('forbidden');
  });

  it('more than 5,000 rows are stored in batches, with progress', async () => {
    const p = await makePartner(conn.db);
    const lines = ['externalId,type,occurredAt,rating'];
    for (let i = 0; i < 12_001; i++)
      lines.push(`m-${i},customer_rating,2026-07-02T17:00:00+08:00,${(i % 5) + 1}`);
    const progress: number[] = [];
    const result = await importEventFile(
      conn.db,
      staff,
      { partnerId: p.id, fileName: 'big.csv', bytes: csv(lines) },
      { now: NOW, onBatch: (done) => progress.push(done) },
    );
    expect(result).toMatchObject({ stored: true, accepted: 12_001 });
    expect(progress).toEqual([5000, 10_000, 12_001]);
  });
});
