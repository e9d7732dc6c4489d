import { type AuditCodeKind, auditLabel, formatDateTime } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { useLocale, useT } from '../../lib/i18n';
import { TableRegion } from '../table-region';

export interface ViewerEntry {
  id: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  partnerName: string | null;
  partnerId: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

/** An entry's before/after as a small table: one row per field that changed. */
export function EntryChanges({ changes }: { changes: ViewerEntry['changes'] }) {
  const t = useT();
  if (changes.length === 0) return <span className="muted">{t('audit-viewer.noChanges')}</span>;
  return (
    <table className="table table--compact audit-changes">
      <thead>
        <tr>
          <th scope="col">{t('audit-viewer.field')}</th>
          <th scope="col">{t('audit-viewer.before')}</th>
          <th scope="col">{t('audit-viewer.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{c.field}</th>
            <td>{c.before === null ? '' : <del>{c.before}</del>}</td>
            <td>{c.after === null ? '' : <ins>{c.after}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * An audit code (action or entity type) as its name in the reader's language, with the code
 * itself beside it in monospace (and as the title) for auditors who search by code. A code with
 * no name (older entries) is shown once, as the code.
 */
export function AuditCode({ kind, code }: { kind: AuditCodeKind; code: string }) {
  const locale = useLocale();
  const label = auditLabel(locale, kind, code);
  if (label === code) return <code>{code}</code>;
  return (
    <span className="audit-code" title={code}>
      {label} <code className="muted">{code}</code>
    </span>
  );
}

function actorText(t: ReturnType<typeof useT>, e: ViewerEntry) {
  const kind = t(`audit-viewer.actorType.${e.actorType}` as never);
  return e.actorName ? `${e.actorName} (${kind})` : `${kind}: ${e.actorId ?? '—'}`;
}

export function AuditEntriesTable({ entries }: { entries: ViewerEntry[] }) {
  const t = useT();
  const locale = useLocale();
  if (entries.length === 0) return <EmptyState title={t('audit-viewer.empty')} />;
  return (
    <TableRegion labelledBy="audit-caption">
      <table className="table" data-testid="audit-entries">
        <caption id="audit-caption" className="visually-hidden">
          {t('audit-viewer.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('audit-viewer.col.id')}</th>
            <th scope="col">{t('audit-viewer.col.at')}</th>
            <th scope="col">{t('audit-viewer.col.actor')}</th>
            <th scope="col">{t('audit-viewer.col.action')}</th>
            <th scope="col">{t('audit-viewer.col.entity')}</th>
            <th scope="col">{t('audit-viewer.col.partner')}</th>
            <th scope="col">{t('audit-viewer.col.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-entry-id={e.id}>
              <td>{e.id}</td>
              <td>{formatDateTime(locale, new Date(e.at))}</td>
              <td>{actorText(t, e)}</td>
              <td>
                <AuditCode kind="action" code={e.action} />
              </td>
              <td>
                <AuditCode kind="entity" code={e.entityType} />
                {e.entityId ? <span className="muted"> {e.entityId}</span> : null}
              </td>
              <td>{e.partnerName ?? ''}</td>
              <td>
                <EntryChanges changes={e.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
