import { AppError } from '../errors.ts';

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
