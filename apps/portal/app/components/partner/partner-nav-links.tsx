import { useLocation } from 'react-router';
import { useT } from '../../lib/i18n';
import { NavItemLink } from '../app-link';
import { NavGroup, withinAny } from '../site-nav/nav-group';

const organisationSections = ['/p/documents', '/p/application', '/p/team', '/p/api-keys'];
const performanceSections = ['/p/scorecard', '/p/reviews', '/p/risk'];
const trainingSections = ['/p/training'];
const contractSections = ['/p/contracts', '/p/termination'];

/**
 * The partner portal's pages in the main navigation, grouped like the staff console's so the
 * header fits one row on a laptop in both languages: Home · Organisation ▾ · Performance ▾ ·
 * Training ▾ · Contracts ▾ (then Inbox and Account, in the header). API keys are reached from
 * the home and team pages.
 */
export function PartnerNavLinks() {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <>
      <NavGroup
        label={t('partner-portal.nav.organisationGroup')}
        active={withinAny(pathname, organisationSections)}
      >
        <li>
          <NavItemLink to="/p/documents">{t('partner-portal.nav.documents')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/p/application">{t('partner-portal.nav.application')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/p/team">{t('partner-portal.nav.team')}</NavItemLink>
        </li>
      </NavGroup>
      <NavGroup
        label={t('work-queue.nav.performanceGroup')}
        active={withinAny(pathname, performanceSections)}
      >
        <li>
          <NavItemLink to="/p/scorecard">{t('performance.nav.scorecard')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/p/reviews">{t('reviews.nav')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/p/risk/incidents">{t('partner.risk.nav')}</NavItemLink>
        </li>
      </NavGroup>
      <NavGroup label={t('partner-portal.nav.trainingGroup')} active={withinAny(pathname, trainingSections)}>
        <li>
          <NavItemLink to="/p/training" except={['/p/training/notices']}>
            {t('training.nav')}
          </NavItemLink>
        </li>
        <li>
          <NavItemLink to="/p/training/notices">{t('training-notices.nav')}</NavItemLink>
        </li>
      </NavGroup>
      <NavGroup label={t('partner-portal.nav.contractsGroup')} active={withinAny(pathname, contractSections)}>
        <li>
          <NavItemLink to="/p/contracts">{t('contracts.nav')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/p/termination">{t('terminations.partnerTitle')}</NavItemLink>
        </li>
      </NavGroup>
    </>
  );
}
