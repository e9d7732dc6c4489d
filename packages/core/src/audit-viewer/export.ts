import type { Database } from '@outpost/db';
import { auditLabel, type Locale, todayInChina, translate } from '@outpost/i18n';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { csvBeijingTime, csvDocument } from '../csv.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { type AuditSearchFilters, auditLogRows, auditSearchFilters } from './search.ts';

/** At most this many entries in one file; the file says so in its name when it was cut. */
export const AUDIT_EXPORT_LIMIT = 100_000;

export const auditExportColumns = [
  'id',
  'at',
  'actorType',
  'actorId',
  'actorName',
  'action',
  'actionLabel',
  'entityType',
  'entityTypeLabel',
  'entityId',
  'partner',
  'requestId',
  'changes',
  'data',
] as const;

/**
 * The current search (not one page) as CSV, newest first, headings in the reader's language;
 * each code (action, entity type) is followed by its name in that language (the code itself
 * when it has none), so a reader can both read the file and filter it by code.
 * Taking the log out is itself recorded (who, which filters, how many entries) — an
 * auditor's export is a read, but a regulator asks who copied the log and when.
 */
export async function exportAuditLog(
  db: Database,
  actor: Actor,
  raw: AuditSearchFilters,
  options: { locale: Locale },
) {
  assertCan(actor, 'read:audit');
  const { before: _page, pageSize: _size, ...filters } = parse(auditSearchFilters, raw);
  const rows = await auditLogRows(db, filters, AUDIT_EXPORT_LIMIT);
  const t = (key: string) => translate(options.locale, key);
  const header = auditExportColumns.map((c) => t(`audit-viewer.column.${c}`));
  const body = rows.map((r) => [
    String(r.id),
    csvBeijingTime(r.at),
    r.actorType,
    r.actorId ?? '',
    r.actorName ?? '',
    r.action,
    auditLabel(options.locale, 'action', r.action),
    r.entityType,
    auditLabel(options.locale, 'entity', r.entityType),
    r.entityId ?? '',
    r.partnerName ?? r.partnerId ?? '',
    r.requestId ?? '',
    r.changes.map((c) => `${c.field}: ${c.before ?? ''} → ${c.after ?? ''}`).join('\n'),
    JSON.stringify(r.data),
  ]);
  await audit(db, actor, {
    action: 'audit_log.exported',
    entityType: 'audit_log',
    data: { filters, rows: rows.length, truncated: rows.length === AUDIT_EXPORT_LIMIT },
  });
  return {
    fileName: `audit-log-${todayInChina()}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: csvDocument(header, body),
    rows: rows.length,
  };
}
