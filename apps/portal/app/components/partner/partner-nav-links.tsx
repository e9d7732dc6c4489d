import { useT } from '../../lib/i18n';
import { NavItemLink } from '../app-link';

/** The partner portal's pages in the main navigation (API keys are reached from the home and team pages). */
export function PartnerNavLinks() {
  const t = useT();
  return (
    <>
      <li>
        <NavItemLink to="/p/documents">{t('partner-portal.nav.documents')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/application">{t('partner-portal.nav.application')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/scorecard">{t('performance.nav.scorecard')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/team">{t('partner-portal.nav.team')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/reviews">{t('reviews.nav')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/contracts">{t('contracts.nav')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/training" except={['/p/training/notices']}>
          {t('training.nav')}
        </NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/training/notices">{t('training-notices.nav')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/risk/incidents">{t('partner.risk.nav')}</NavItemLink>
      </li>
      <li>
        <NavItemLink to="/p/termination">{t('terminations.partnerTitle')}</NavItemLink>
      </li>
    </>
  );
}
