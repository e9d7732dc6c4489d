import { describe, expect, it } from 'vitest';
import {
  type AppError,
  type BadEvent,
  beijingInstant,
  checkImportFile,
  checkImportTable,
  type ImportCell,
  validateBatch,
} from '../src/index.ts';

const NOW = Date.parse('2026-12-01T00:00:00+08:00');
const header = ['externalId', 'type', 'occurredAt', 'caseId', 'slaDueAt', 'rating', 'passed', 'amount'];
const table = (...rows: ImportCell[][]): ImportCell[][] => [header, ...rows];

describe('the import row validator', () => {
  it('lists every bad column of a row, each with a code and params', () => {
    const checked = checkImportTable(
      table(
        // No caseId, a time that is not one, a rating out of range on a case_opened row, a bad amount.
        ['r-1', 'case_opened', 'yesterday', null, '2026-11-02 18:00', 7, null, 'lots'],
        // An unknown type and a bad time: both named.
        ['r-2', 'teleport', '2026-13-01 09:00', null, null, null, null, null],
        // Missing externalId, a rating that is not whole, a passed that is not a boolean.
        [null, 'customer_rating', '2026-11-01 09:00', null, null, 2.5, 'maybe', null],
      ),
      NOW,
    );
    expect(checked.events).toEqual([]);
    const byRow = (row: number) =>
      checked.errors.filter((e) => e.row === row).map((e) => [e.path, e.code, e.params]);
    expect(byRow(2)).toEqual(
      expect.arrayContaining([
        ['occurredAt', 'invalid_datetime', {}],
        ['caseId', 'required', {}],
        ['amount', 'invalid_type', { expected: 'number' }],
        ['rating', 'not_for_type', { type: 'case_opened' }],
      ]),
    );
    expect(byRow(2)).toHaveLength(4);
    expect(byRow(3)).toEqual([
      ['type', 'invalid_value', { allowed: expect.stringContaining('case_opened') }],
      ['occurredAt', 'invalid_datetime', {}],
    ]);
    expect(byRow(4)).toEqual(
      expect.arrayContaining([
        ['passed', 'invalid_type', { expected: 'boolean' }],
        ['externalId', 'required', {}],
        ['rating', 'invalid_type', { expected: 'int' }],
      ]),
    );
    expect(byRow(4)).toHaveLength(3);
    expect(checked.errorCount).toBe(9);
    // Each issue also carries an English message naming its field, for logs and API clients.
    for (const e of checked.errors) expect(e.message).toMatch(new RegExp(`^${e.path}`));
  });

  it('reads times without a zone as Beijing time and keeps explicit offsets', () => {
    const checked = checkImportTable(
      table(
        ['z-1', 'customer_rating', '2026-11-01 09:00', null, null, 5, null, null],
        ['z-2', 'customer_rating', '2026-11-01 09:00:30', null, null, 5, null, null],
        ['z-3', 'customer_rating', '2026/11/01 09:00', null, null, 5, null, null],
        ['z-4', 'customer_rating', '2026-11-01T09:00', null, null, 5, null, null],
        ['z-5', 'customer_rating', '2026-11-01T09:00:00Z', null, null, 5, null, null],
        ['z-6', 'customer_rating', '2026-11-01T09:00:00-05:00', null, null, 5, null, null],
        // An XLSX date cell: read-excel-file gives the wall-clock time as if it were UTC.
        ['z-7', 'customer_rating', new Date(Date.UTC(2026, 10, 1, 9, 0, 0)), null, null, 5, null, null],
        ['z-8', 'case_opened', '2026-11-01 09:00', 'C-1', '2026-11-03', null, null, null],
      ),
      NOW,
    );
    expect(checked.errors).toEqual([]);
    const utc = checked.events.map((e) => new Date(e.occurredAt).toISOString());
    expect(utc).toEqual([
      '2026-11-01T01:00:00.000Z',
      '2026-11-01T01:00:30.000Z',
      '2026-11-01T01:00:00.000Z',
      '2026-11-01T01:00:00.000Z',
      '2026-11-01T09:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
      '2026-11-01T01:00:00.000Z',
      '2026-11-01T01:00:00.000Z',
    ]);
    const opened = checked.events[7] as { slaDueAt: string };
    expect(new Date(opened.slaDueAt).toISOString()).toBe('2026-11-02T16:00:00.000Z');
  });

  it('leaves what is not a calendar time to the schema', () => {
    expect(beijingInstant('2026-02-30 09:00')).toBe('2026-02-30 09:00');
    expect(beijingInstant('2026-11-01 25:00')).toBe('2026-11-01 25:00');
    expect(beijingInstant('2026-11-01 09:00+08:00')).toBe('2026-11-01 09:00+08:00');
    expect(beijingInstant('2026-1-5 9:05')).toBe('2026-01-05T09:05:00+08:00');
  });
});

describe('API batch errors', () => {
  it('carry per-field codes next to the English reason', () => {
    let error: AppError | undefined;
    try {
      validateBatch(
        [
          { externalId: 'a', type: 'customer_rating', occurredAt: '2026-11-01T09:00:00+08:00', rating: 9 },
          { externalId: 'b', type: 'case_opened', occurredAt: 'soon', severity: 'high' },
          { externalId: 'c', type: 'complaint', occurredAt: '2026-11-01 09:00' },
        ],
        NOW,
      );
    } catch (e) {
      error = e as AppError;
    }
    const events = error!.details!.events as BadEvent[];
    expect(events.map((e) => [e.index, e.issues.map((i) => [i.path, i.code])])).toEqual([
      [0, [['rating', 'too_big']]],
      [
        1,
        expect.arrayContaining([
          ['occurredAt', 'invalid_datetime'],
          ['caseId', 'required'],
          ['slaDueAt', 'required'],
          ['severity', 'not_for_type'],
        ]),
      ],
      // The API still wants a zone: only the import page promises Beijing time.
      [2, [['occurredAt', 'invalid_datetime']]],
    ]);
    expect(events[0]!.reason).toMatch(/rating/);
    expect(events[0]!.issues[0]!.message).toMatch(/^rating: /);
  });
});

describe('checkImportFile', () => {
  it('maps and validates a large file off the event loop', async () => {
    const lines = ['externalId,type,occurredAt,rating'];
    for (let i = 0; i < 60_000; i++) lines.push(`L-${i},customer_rating,2026-11-01 09:00,${(i % 5) + 1}`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    // The timer's worst lateness while the file is checked: the event loop keeps turning.
    let worstLag = 0;
    let expected = performance.now() + 10;
    const timer = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - expected);
      expected = now + 10;
    }, 10);
    const started = performance.now();
    const checked = await checkImportFile(bytes, 'csv', NOW);
    const took = performance.now() - started;
    clearInterval(timer);
    expect(checked.errorCount).toBe(0);
    expect(checked.events).toHaveLength(60_000);
    console.log(`checked 60,000 rows in ${took.toFixed(0)} ms; worst timer lag ${worstLag.toFixed(0)} ms`);
    // Relative, not absolute (the box is shared): the loop was never blocked for most of the check.
    expect(worstLag).toBeLessThan(took / 3);
  });

  it('refuses an unbalanced CSV quote', async () => {
    await expect(
      checkImportFile(new TextEncoder().encode('externalId\n"open'), 'csv', NOW),
    ).rejects.toMatchObject({ messageKey: 'errors.import_bad_csv' });
  });
});
