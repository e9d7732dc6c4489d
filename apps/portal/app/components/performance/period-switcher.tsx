import { useLocation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { PeriodLinks } from '../../lib/performance/period';
import { withParam } from '../../lib/search-params';
import { AppLink } from '../app-link';

/** Month / quarter / year and previous / next, as plain links: keyboard- and back-button-friendly. */
export function PeriodSwitcher({ links }: { links: PeriodLinks }) {
  const t = useT();
  const { pathname, search } = useLocation();
  // A new period starts the drill-down list from its first page.
  const params = new URLSearchParams(search);
  params.delete('page');
  const href = (period: string) => pathname + withParam(params, 'period', period);
  return (
    <nav className="period-switcher" aria-label={t('performance.period.nav')}>
      <ul className="period-switcher__kinds">
        {links.kinds.map((k) => (
          <li key={k.kind}>
            <AppLink
              to={href(k.label)}
              aria-current={k.current ? 'true' : undefined}
              className="button button--small"
            >
              {t(`performance.period.${k.kind}`)}
            </AppLink>
          </li>
        ))}
      </ul>
      <div className="period-switcher__steps">
        <AppLink to={href(links.previous)} className="button button--small button--quiet" rel="prev">
          <span aria-hidden="true">‹ </span>
          {t('performance.period.previous', { period: links.previous })}
        </AppLink>
        <strong className="period-switcher__current">{links.label}</strong>
        {links.next ? (
          <AppLink to={href(links.next)} className="button button--small button--quiet" rel="next">
            {t('performance.period.next', { period: links.next })}
            <span aria-hidden="true"> ›</span>
          </AppLink>
        ) : null}
      </div>
    </nav>
  );
}
