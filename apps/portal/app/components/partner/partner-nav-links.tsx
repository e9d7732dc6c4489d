import { NavLink } from 'react-router';
import { useT } from '../../lib/i18n';

/** The partner portal's pages in the main navigation (API keys are reached from the home and team pages). */
export function PartnerNavLinks() {
  const t = useT();
  return (
    <>
      <li>
        <NavLink to="/p/documents">{t('partner-portal.nav.documents')}</NavLink>
      </li>
      <li>
        <NavLink to="/p/application">{t('partner-portal.nav.application')}</NavLink>
      </li>
      <li>
        <NavLink to="/p/scorecard">{t('performance.nav.scorecard')}</NavLink>
      </li>
      <li>
        <NavLink to="/p/team">{t('partner-portal.nav.team')}</NavLink>
      </li>
      <li>
        <NavLink to="/p/reviews">{t('reviews.nav')}</NavLink>
      </li>
    </>
  );
}
