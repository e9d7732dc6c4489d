import { AppLink } from '../app-link';
import type { DiffView } from '../../lib/contracts/archive-view.server';
import { useT } from '../../lib/i18n';
import { ClauseDiff } from './clause-diff';

function ChangeTable({
  caption,
  rows,
}: {
  caption: string;
  rows: { field: string; before: string; after: string }[];
}) {
  const t = useT();
  if (rows.length === 0) return null;
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('contracts.diff.field')}</th>
          <th scope="col">{t('contracts.diff.before')}</th>
          <th scope="col">{t('contracts.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field}>
            <th scope="row">{r.field}</th>
            <td>{r.before}</td>
            <td>{r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What changed in one version against the one before (decision record 039): clauses added, removed
 * or changed as word diffs in both languages, and changed terms, values and SLA targets. Both portals.
 */
export function VersionDiff({ diff, back }: { diff: DiffView; back: string }) {
  const t = useT();
  const title = t('contracts.diff.title', { reference: diff.reference, version: diff.version });
  const unchanged = diff.terms.length + diff.values.length + diff.sla.length === 0;
  return (
    <div className="page">
      <title>{`${title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to={back}>{t('contracts.diff.back')}</AppLink>
      </nav>
      <header className="page-header">
        <h1>{title}</h1>
        <p className="muted">
          {diff.previousVersion === null
            ? t('contracts.diff.first')
            : t('contracts.diff.against', { previous: diff.previousVersion })}
        </p>
      </header>
      <section className="card stack" aria-labelledby="diff-terms">
        <h2 id="diff-terms">{t('contracts.diff.terms')}</h2>
        {unchanged ? <p className="muted">{t('contracts.diff.noChange')}</p> : null}
        <ChangeTable caption={t('contracts.diff.terms')} rows={diff.terms} />
        <ChangeTable caption={t('contracts.diff.values')} rows={diff.values} />
        <ChangeTable caption={t('contracts.diff.sla')} rows={diff.sla} />
      </section>
      <section className="card stack" aria-labelledby="diff-clauses">
        <h2 id="diff-clauses">{t('contracts.diff.clauses')}</h2>
        {diff.clauses.length === 0 ? <p className="muted">{t('contracts.diff.noClauseChange')}</p> : null}
        <ul className="stack">
          {diff.clauses.map((c) => (
            <li key={`${c.op}-${c.kind}-${c.titleEn}`} className="stack">
              <h3>
                {t(`contracts.diff.op.${c.op}`)}: {c.title}{' '}
                <span className="muted">{t(`contracts.kind.${c.kind}` as 'contracts.kind.rights')}</span>
                {c.titleChanged ? <span className="muted"> · {t('contracts.diff.titleChanged')}</span> : null}
              </h3>
              <p className="muted">{t('contracts.lang.zh')}</p>
              <ClauseDiff parts={c.zh} lang="zh-CN" />
              <p className="muted">{t('contracts.lang.en')}</p>
              <ClauseDiff parts={c.en} lang="en" />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
