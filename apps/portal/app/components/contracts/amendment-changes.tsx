import { Badge } from '@outpost/ui';
import { useT } from '../../lib/i18n';
import { ClauseDiff, type DiffRun } from './clause-diff';

interface Changes {
  terms: string;
  values: string;
  sla: boolean;
  clauses: {
    kind: string;
    title: string;
    change: 'added' | 'removed' | 'edited';
    zh: DiffRun[];
    en: DiffRun[];
  }[];
}

/** What an amendment changes against the version in force: terms, values, SLA, clauses with diffs. */
export function AmendmentChanges({ changes, showText = true }: { changes: Changes; showText?: boolean }) {
  const t = useT();
  const nothing = !changes.terms && !changes.values && !changes.sla && changes.clauses.length === 0;
  return (
    <section className="card stack" aria-labelledby="amendment-changes">
      <h2 id="amendment-changes">{t('contracts.amendment.changes')}</h2>
      {nothing ? <p className="muted">{t('contracts.amendment.noChanges')}</p> : null}
      {changes.terms ? <p>{t('contracts.amendment.termsChanged', { fields: changes.terms })}</p> : null}
      {changes.values ? <p>{t('contracts.amendment.valuesChanged', { names: changes.values })}</p> : null}
      {changes.sla ? <p>{t('contracts.amendment.slaChanged')}</p> : null}
      {changes.clauses.length > 0 ? (
        <ul className="stack">
          {changes.clauses.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: changes are listed in their order.
            <li key={i} className="stack">
              <h3>
                <Badge tone={c.change === 'removed' ? 'negative' : c.change === 'added' ? 'info' : 'caution'}>
                  {t(`contracts.amendment.clause.${c.change}`)}
                </Badge>{' '}
                {c.title}{' '}
                <span className="muted">{t(`contracts.kind.${c.kind}` as 'contracts.kind.rights')}</span>
              </h3>
              {showText ? (
                <>
                  <p className="muted">{t('contracts.lang.zh')}</p>
                  <ClauseDiff parts={c.zh} lang="zh-CN" />
                  <p className="muted">{t('contracts.lang.en')}</p>
                  <ClauseDiff parts={c.en} lang="en" />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
