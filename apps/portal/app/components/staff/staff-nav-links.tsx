import { Link, NavLink, useLocation } from 'react-router';
import { useT } from '../../lib/i18n';

/**
 * The staff console's sections in the main navigation. "Partners" lives at /s and
 * /s/partners/…, so it is matched by hand (a NavLink to /s would also claim every
 * other section, or with `end` miss a partner's page); the catalogue owns the settings page it links to.
 */
export function StaffNavLinks() {
  const t = useT();
  const { pathname } = useLocation();
  const partnersActive = pathname === '/s' || pathname === '/s/' || pathname.startsWith('/s/partners');
  const catalogueActive = pathname.startsWith('/s/requirements') || pathname.startsWith('/s/settings');
  return (
    <>
      <li>
        <Link to="/s" aria-current={partnersActive ? 'page' : undefined}>
          {t('nav.partners')}
        </Link>
      </li>
      <li>
        <NavLink to="/s/applications">{t('staff-portal.nav.applications')}</NavLink>
      </li>
      <li>
        <NavLink to="/s/blacklist">{t('staff-portal.nav.blacklist')}</NavLink>
      </li>
      <li>
        <NavLink to="/s/scorecards">{t('performance.nav.scorecards')}</NavLink>
      </li>
      <li>
        <NavLink to="/s/kpis">{t('performance.nav.kpis')}</NavLink>
      </li>
      <li>
        <NavLink to="/s/reviews">{t('reviews.nav')}</NavLink>
      </li>
      <li>
        <Link to="/s/requirements" aria-current={catalogueActive ? 'page' : undefined}>
          {t('staff-portal.nav.catalogue')}
        </Link>
      </li>
    </>
  );
}
