import { readSheet } from 'read-excel-file/node';
import { AppError } from '../errors.ts';

/** One cell as a spreadsheet gives it: text from CSV; text, number, boolean or date from XLSX. */
export type ImportCell = string | number | boolean | Date | null;
export type ImportFormat = 'csv' | 'xlsx';

/** Large enough for a quarter of a busy partner's events; beyond it, partners should use the API. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The file's format from its name (the browser's MIME type for CSV varies too much to trust). */
export function importFormatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/**
 * RFC 4180 CSV (quoted fields, "" escapes, CRLF or LF, a comma inside quotes).
 * Written here rather than taking papaparse: ~40 lines, no streaming or type guessing needed,
 * and every cell stays text so the row mapping decides types in one place.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) {
    throw new AppError('validation_failed', 'The CSV file ends inside a quoted field; check its quotes.', {
      messageKey: 'errors.import_bad_csv',
      details: { fields: [{ path: 'file', message: 'Unbalanced quotes.' }] },
    });
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * CSV bytes as text: UTF-8 (with or without BOM), else GB18030 — what Excel on a
 * Chinese-language Windows writes when it saves "CSV" — so such files import as they are.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The first sheet of an XLSX file, or the CSV, as rows of cells. */
export async function readImportTable(bytes: Uint8Array, format: ImportFormat): Promise<ImportCell[][]> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError('payload_too_large', `Import files may be at most ${MAX_IMPORT_BYTES} bytes.`, {
      messageKey: 'errors.import_too_large',
      details: { maxBytes: MAX_IMPORT_BYTES, fields: [{ path: 'file', message: 'Too large.' }] },
    });
  }
  if (format === 'csv') return parseCsv(decodeCsv(bytes));
  try {
    return (await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as ImportCell[][];
  } catch (error) {
    throw new AppError('validation_failed', 'The file could not be read as an XLSX workbook.', {
      messageKey: 'errors.import_bad_xlsx',
      details: { fields: [{ path: 'file', message: 'Not a readable .xlsx file.' }] },
      cause: error,
    });
  }
}
