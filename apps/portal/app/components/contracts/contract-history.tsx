import { Badge } from '@outpost/ui';
import { AppLink } from '../app-link';
import { useT } from '../../lib/i18n';
import type { HistoryView } from '../../lib/contracts/archive-view.server';

/**
 * A contract's archive on its page (decision record 039): every version with a link to what changed
 * in it, legal's comments and the approvers' decisions (only present for staff: core leaves them
 * out for partners). The countersigned copies are listed once, by SignedCopies on the same page.
 */
export function ContractHistory({ history, base }: { history: HistoryView; base: string }) {
  const t = useT();
  const state = (s: string) =>
    s === 'returned' || s === 'superseded'
      ? t(`contracts.history.state.${s}`)
      : s === 'withdrawn'
        ? t('contracts.versionStatus.withdrawn')
        : t(`contracts.status.${s}` as 'contracts.status.draft');
  return (
    <section className="card stack" aria-labelledby="contract-history">
      <h2 id="contract-history">{t('contracts.history.title')}</h2>
      <p className="muted">{t('contracts.history.intro')}</p>
      <ol className="stack">
        {history.versions.map((v) => (
          <li key={v.version}>
            <strong>{t('contracts.history.version', { version: v.version })}</strong>{' '}
            <Badge tone="info">
              {t(v.renewal ? 'contracts.history.kind.renewal' : `contracts.history.kind.${v.kind}`)}
            </Badge>{' '}
            <Badge>{state(v.state)}</Badge>
            <div className="muted">
              {t('contracts.history.created', { at: v.created })}
              {' · '}
              {v.submitted
                ? v.submittedBy
                  ? t('contracts.history.submitted', { at: v.submitted, name: v.submittedBy })
                  : t('contracts.history.submittedAt', { at: v.submitted })
                : t('contracts.history.notSubmitted')}
            </div>
            <AppLink to={`${base}/versions/${v.version}`}>
              {t('contracts.history.showDiff', { version: v.version })}
            </AppLink>
          </li>
        ))}
      </ol>

      {history.internal ? (
        <>
          <h3>{t('contracts.history.reviews')}</h3>
          {history.reviews.length === 0 ? (
            <p className="muted">{t('contracts.history.noneReviews')}</p>
          ) : (
            <ol className="stack">
              {history.reviews.map((r) => (
                <li key={`${r.version}-${r.at}`}>
                  <strong>{t(`contracts.reviews.decision.${r.decision}`, { version: r.version })}</strong>
                  {' · '}
                  {r.reviewer} · {r.at}
                  {r.comments ? <p>{r.comments}</p> : null}
                </li>
              ))}
            </ol>
          )}
          <h3>{t('contracts.history.approvals')}</h3>
          {history.approvals.length === 0 ? (
            <p className="muted">{t('contracts.history.noneApprovals')}</p>
          ) : (
            <ol className="stack">
              {history.approvals.map((a) => (
                <li key={`${a.version}-${a.approver}-${a.at}`}>
                  {t('contracts.history.approval', {
                    version: a.version,
                    name: a.approver,
                    verdict: t(`contracts.history.approval.${a.decision}`),
                  })}{' '}
                  <span className="muted">
                    {a.at}
                    {a.via === 'slack' ? ` ${t('contracts.history.viaSlack')}` : ''}
                  </span>
                  {a.reason ? <p>{a.reason}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
