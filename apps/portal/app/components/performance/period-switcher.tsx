import { Link, useSearchParams } from 'react-router';
import { useT } from '../../lib/i18n';
import type { PeriodLinks } from '../../lib/performance/period';
import { withParam } from '../../lib/search-params';

/** Month / quarter / year and previous / next, as plain links: keyboard- and back-button-friendly. */
export function PeriodSwitcher({ links }: { links: PeriodLinks }) {
  const t = useT();
  const [params] = useSearchParams();
  // A new period starts the drill-down list from its first page.
  const href = (period: string) => withParam(withoutPage(params), 'period', period);
  return (
    <nav className="period-switcher" aria-label={t('performance.period.nav')}>
      <ul className="period-switcher__kinds">
        {links.kinds.map((k) => (
          <li key={k.kind}>
            <Link
              to={href(k.label)}
              aria-current={k.current ? 'true' : undefined}
              className="button button--small"
            >
              {t(`performance.period.${k.kind}`)}
            </Link>
          </li>
        ))}
      </ul>
      <div className="period-switcher__steps">
        <Link to={href(links.previous)} className="button button--small button--quiet" rel="prev">
          <span aria-hidden="true">‹ </span>
          {t('performance.period.previous', { period: links.previous })}
        </Link>
        <strong className="period-switcher__current">{links.label}</strong>
        {links.next ? (
          <Link to={href(links.next)} className="button button--small button--quiet" rel="next">
            {t('performance.period.next', { period: links.next })}
            <span aria-hidden="true"> ›</span>
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

function withoutPage(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('page');
  return next;
}
