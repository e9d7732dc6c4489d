import { useLocation } from 'react-router';
import { useT } from '../../lib/i18n';
import { AppLink, NavItemLink } from '../app-link';

/**
 * The staff console's sections in the main navigation. "Partners" lives at /s and
 * /s/partners/…, so it is matched by hand (a NavItemLink to /s would also claim every
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
        <AppLink to="/s" aria-current={partnersActive ? 'page' : undefined}>
          {t('nav.partners')}
        </AppLink>
      </li>
      <li>
        <NavItemLink to="/s/applications">{t('staff-portal.nav.applications')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/s/blacklist">{t('staff-portal.nav.blacklist')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/s/scorecards">{t('performance.nav.scorecards')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/s/kpis">{t('performance.nav.kpis')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/s/reviews">{t('reviews.nav')}</NavItemLink>
      </li>
      <li>
        <AppLink to="/s/requirements" aria-current={catalogueActive ? 'page' : undefined}>
          {t('staff-portal.nav.catalogue')}
        </AppLink>
      </li>
    </>
  );
}
