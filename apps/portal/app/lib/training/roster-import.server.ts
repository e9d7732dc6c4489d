import {
  type Actor,
  asAppError,
  importRoster,
  MAX_IMPORT_BYTES,
  type RosterImportColumn,
  noticeConfirmationsCsv,
  recordsCsv,
  recordsXlsx,
  rosterTemplateCsv,
  trainingRecords,
} from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatBytes, type Locale, type MessageKey, todayInChina, translate } from '@outpost/i18n';
import { translateError } from '../translate-error';

const columnName = (locale: Locale, c: RosterImportColumn | 'file') =>
  c === 'file'
    ? translate(locale, 'training.import.file')
    : translate(locale, `training.import.column.${c}` as MessageKey);

/** What the roster page shows after an import: the counts and each row's outcome, in the reader's language. */
export interface RosterImportReport {
  ok: boolean;
  intent: 'import';
  status: number;
  summary?: string;
  error?: string;
  rows?: { line: number; name: string; status: string; problems: string[] }[];
}

/** The import form's action: reads the file and imports it, reporting row by row. */
export async function rosterImportAction(
  db: Database,
  actor: Actor,
  form: FormData,
  locale: Locale,
  uploadMaxBytes: number,
): Promise<RosterImportReport> {
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) {
    return {
      ok: false,
      intent: 'import',
      status: 422,
      error: translate(locale, 'training.import.fileRequired'),
    };
  }
  const maxBytes = Math.min(uploadMaxBytes, MAX_IMPORT_BYTES);
  if (file.size > maxBytes) {
    return {
      ok: false,
      intent: 'import',
      status: 413,
      error: translate(locale, 'errors.file_too_large', { size: formatBytes(locale, maxBytes) }),
    };
  }
  try {
    const result = await importRoster(db, actor, {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return {
      ok: true,
      intent: 'import',
      status: 200,
      summary: translate(locale, 'training.import.summary', {
        added: result.added,
        updated: result.updated,
        unchanged: result.unchanged,
        refused: result.refused,
      }),
      rows: result.rows.map((r) => ({
        line: r.line,
        name: r.name,
        status: translate(locale, `training.import.status.${r.status}` as MessageKey),
        problems: r.problems.map((p) =>
          translate(locale, 'training.import.problem', {
            column: columnName(locale, p.column),
            reason: translate(locale, p.messageKey),
          }),
        ),
      })),
    };
  } catch (raw) {
    const error = asAppError(raw);
    if (!error || error.status >= 500) throw raw;
    const missing = Array.isArray(error.details?.missing)
      ? (error.details.missing as RosterImportColumn[])
      : [];
    const message =
      error.messageKey === 'training.import.missingColumns'
        ? translate(locale, 'training.import.missingColumns', {
            columns: missing.map((c) => columnName(locale, c)).join(locale === 'zh-CN' ? '、' : ', '),
          })
        : translateError(locale, error.messageKey ?? `errors.${error.code}`, {
            size: formatBytes(locale, maxBytes),
          });
    return { ok: false, intent: 'import', status: error.status, error: message };
  }
}

/** The roster template, headings in the reader's language. */
export function rosterTemplateResponse(locale: Locale): Response {
  return new Response(rosterTemplateCsv(locale), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="outpost-roster-template-${locale}.csv"`,
    },
  });
}

/**
 * A training records download of a partner, or of one of its people: CSV, XLSX (records and a
 * notice-confirmations sheet) or the notice confirmations alone as CSV (`notices-csv`).
 */
export async function trainingRecordsResponse(
  db: Database,
  actor: Actor,
  locale: Locale,
  options: { format: string; partnerId?: string; personId?: string },
): Promise<Response> {
  const records = await trainingRecords(db, actor, {
    locale,
    partnerId: options.partnerId,
    personId: options.personId || undefined,
  });
  const name = `training-records-${todayInChina()}`;
  if (options.format === 'xlsx') {
    return new Response(recordsXlsx(records), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${name}.xlsx"`,
      },
    });
  }
  if (options.format === 'notices-csv') {
    return new Response(noticeConfirmationsCsv(records), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="notice-confirmations-${todayInChina()}.csv"`,
      },
    });
  }
  return new Response(recordsCsv(records), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
    },
  });
}
