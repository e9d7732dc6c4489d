import { formatBytes, formatDateTime, type Locale } from '@outpost/i18n';
import { useLocale, useT } from '../../lib/i18n';

export interface ReportListItem {
  id: string;
  quarter: string;
  status: 'queued' | 'generating' | 'ready' | 'failed';
  trigger: string;
  generatedAt: string | Date | null;
  error: string | null;
  files: { id: string; locale: string; format: string; sizeBytes: number; sha256: string }[];
}

const when = (locale: Locale, at: string | Date | null) => (at ? formatDateTime(locale, at) : '—');

/**
 * The kept reports, newest quarter first: state (announced while a report is being made), who made
 * it, when, and each file's download link with its size and SHA-256 (decision record 051).
 */
export function ReportList({ reports }: { reports: ReportListItem[] }) {
  const t = useT();
  const locale = useLocale();
  if (reports.length === 0) return <p className="muted">{t('reports.empty')}</p>;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it.
    <div className="table-scroll" role="region" aria-labelledby="reports-list-heading" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('reports.quarter')}</th>
            <th scope="col">{t('reports.status')}</th>
            <th scope="col">{t('reports.trigger')}</th>
            <th scope="col">{t('reports.generatedAt')}</th>
            <th scope="col">{t('reports.files')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id} data-testid={`report-${r.quarter}`}>
              <th scope="row">{r.quarter}</th>
              <td>
                <span role="status" aria-live="polite">
                  {t(`reports.status.${r.status}` as never)}
                </span>
                {r.status === 'failed' && r.error ? (
                  <div className="muted">{t('reports.failedReason', { reason: r.error })}</div>
                ) : null}
              </td>
              <td>{t(`reports.trigger.${r.trigger}` as never)}</td>
              <td>{when(locale, r.generatedAt)}</td>
              <td>
                <ul className="plain-list">
                  {r.files.map((f) => (
                    <li key={f.id}>
                      <a href={`/s/reports/${r.id}/${f.locale}/${f.format}`} download>
                        {t('reports.file', {
                          format: f.format.toUpperCase(),
                          language: t(`reports.language.${f.locale}` as never),
                        })}
                      </a>{' '}
                      <span className="muted">
                        {formatBytes(locale, f.sizeBytes)} · {t('reports.sha256')}{' '}
                        <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
                      </span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
