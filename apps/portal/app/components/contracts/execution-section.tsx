import { Badge, EmptyState } from '@outpost/ui';
import { Form } from 'react-router';
import type { ExecutionView } from '../../lib/contracts/execution-view.server';
import { useT } from '../../lib/i18n';
import { TableRegion } from '../table-region';

const outcomeTone = { met: 'positive', missed: 'negative', not_measured: 'neutral' } as const;

/**
 * How a contract was executed, period by period (decision record 038): the deviation against the
 * ≤ 2 % target, each SLA target against the actual, the breaches and the service credits. Staff
 * who manage contracts may evaluate a period again; the partner sees the same figures, read only.
 */
export function ContractExecutionSection({
  execution,
  evaluate,
}: {
  execution: ExecutionView;
  /** Staff only: where "evaluate now" posts, and the page to come back to. */
  evaluate?: { returnTo: string; defaultPeriod: string } | null;
}) {
  const t = useT();
  return (
    <section className="card stack" id="execution" aria-labelledby="contract-execution">
      <h2 id="contract-execution">{t('contracts.execution.title')}</h2>
      <p className="muted">{t('contracts.execution.intro')}</p>
      {evaluate ? (
        <Form method="post" action="/s/contracts/execution" className="filters">
          <input type="hidden" name="returnTo" value={evaluate.returnTo} />
          <div className="ui-field">
            <label htmlFor="execution-period">{t('contracts.execution.period')}</label>
            <input
              id="execution-period"
              name="period"
              defaultValue={evaluate.defaultPeriod}
              pattern="\d{4}-(Q[1-4]|0[1-9]|1[0-2])"
              maxLength={7}
              required
            />
          </div>
          <button type="submit" className="button">
            {t('contracts.execution.evaluateNow')}
          </button>
        </Form>
      ) : null}
      {execution.length === 0 ? (
        <EmptyState title={t('contracts.execution.none')}>
          <p>{t('contracts.execution.noneHint')}</p>
        </EmptyState>
      ) : (
        execution.map((r) => (
          <details key={r.period} className="stack" open={r === execution[0]}>
            <summary>
              <strong>{r.period}</strong> · {t('contracts.execution.deviation')} {r.deviation}{' '}
              {r.missed > 0 ? (
                <Badge tone="negative">{t('contracts.execution.breaches', { count: r.missed })}</Badge>
              ) : r.measured > 0 ? (
                <Badge tone="positive">{t('contracts.execution.allMet')}</Badge>
              ) : (
                <Badge>{t('contracts.execution.notMeasured')}</Badge>
              )}{' '}
              {r.materialBreaches > 0 ? (
                <Badge tone="negative">
                  {t('contracts.execution.materialCount', { count: r.materialBreaches })}
                </Badge>
              ) : null}{' '}
              {r.provisional ? <Badge tone="caution">{t('contracts.execution.provisional')}</Badge> : null}
            </summary>
            {r.materialBreaches > 0 ? <p className="muted">{t('contracts.execution.materialHint')}</p> : null}
            <dl className="stack">
              <div>
                <dt>{t('contracts.execution.levels')}</dt>
                <dd>
                  {t('contracts.execution.levelsValue', {
                    missed: r.missed,
                    measured: r.measured,
                    committed: r.committed,
                  })}
                </dd>
              </div>
              <div>
                <dt>{t('contracts.execution.credit')}</dt>
                <dd>
                  {t('contracts.execution.creditValue', {
                    credit: r.credit,
                    percent: r.creditPercent,
                    fee: r.fee,
                  })}
                  {r.creditCapped ? ` · ${t('contracts.execution.capped')}` : ''}
                </dd>
              </div>
              <div>
                <dt>{t('contracts.execution.evaluatedAt')}</dt>
                <dd>{r.evaluatedAt}</dd>
              </div>
            </dl>
            <TableRegion labelledBy={`execution-${r.period}`}>
              <table className="table">
                <caption id={`execution-${r.period}`} className="visually-hidden">
                  {t('contracts.execution.slaCaption', { period: r.period })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('contracts.execution.kpi')}</th>
                    <th scope="col">{t('contracts.execution.slaPeriod')}</th>
                    <th scope="col">{t('contracts.execution.target')}</th>
                    <th scope="col">{t('contracts.execution.actual')}</th>
                    <th scope="col">{t('contracts.execution.outcome')}</th>
                    <th scope="col">{t('contracts.execution.slaCredit')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.slas.map((s) => (
                    <tr key={`${s.kpi}-${s.period}-${s.target}`}>
                      <th scope="row">{s.kpi}</th>
                      <td>{s.period}</td>
                      <td>
                        {t(
                          s.comparator === 'gte'
                            ? 'contracts.execution.atLeast'
                            : 'contracts.execution.atMost',
                          {
                            target: s.target,
                          },
                        )}
                      </td>
                      <td>
                        {s.actual === null
                          ? '—'
                          : t('contracts.execution.actualValue', { value: s.actual, sample: s.sampleSize })}
                      </td>
                      <td>
                        <Badge tone={outcomeTone[s.outcome]}>
                          {t(`contracts.execution.outcome.${s.outcome}`)}
                        </Badge>
                        {s.materialBreach ? (
                          <>
                            {' '}
                            <Badge tone="negative">{t('contracts.execution.material')}</Badge>
                          </>
                        ) : null}
                        {s.consecutiveMisses !== null && s.consecutiveMisses > 1 ? (
                          <div className="muted">
                            {t('contracts.execution.consecutive', { count: s.consecutiveMisses })}
                          </div>
                        ) : null}
                      </td>
                      <td>{s.credit}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </details>
        ))
      )}
    </section>
  );
}
