import { useLocation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { ViewerSummary } from '../../lib/root-data';
import { NavItemLink } from '../app-link';
import { NavGroup, withinAny } from '../site-nav/nav-group';

const partnerSections = [
  '/s/partners',
  '/s/applications',
  '/s/blacklist',
  '/s/contracts',
  '/s/exit-plans',
  '/s/concentration',
  '/s/terminations',
];
const performanceSections = [
  '/s/scorecards',
  '/s/reviews',
  '/s/kpis',
  '/s/import',
  '/s/risk',
  '/s/targets',
  '/s/register',
  '/s/incentives',
  '/s/reports',
  '/s/rectification',
  '/s/supervision',
];
const trainingSections = ['/s/training'];
const settingsSections = ['/s/requirements', '/s/settings', '/s/people', '/s/audit', '/s/api-keys'];

/**
 * The staff console's sections, grouped so the header fits one row on a laptop:
 * Work · Partners ▾ · Performance ▾ · Training ▾ · Settings ▾ (then Inbox and Account, in the header).
 * "Work" is /s itself, so it is current only there (`end`). Import and settings are
 * listed only for those who may open them.
 */
export function StaffNavLinks({ may }: { may: ViewerSummary['may'] }) {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <>
      <li>
        <NavItemLink to="/s" end>
          {t('work-queue.nav.work')}
        </NavItemLink>
      </li>
      <NavGroup label={t('work-queue.nav.partnersGroup')} active={withinAny(pathname, partnerSections)}>
        <li>
          <NavItemLink to="/s/partners">{t('work-queue.nav.partnerList')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/applications">{t('staff-portal.nav.applications')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/blacklist">{t('staff-portal.nav.blacklist')}</NavItemLink>
        </li>
        {/* Every staff role reads contracts (read:contract:any). */}
        <li>
          <NavItemLink to="/s/contracts">{t('contracts.nav')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/exit-plans">{t('continuity.nav.exitPlans')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/concentration">{t('continuity.nav.concentration')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/terminations">{t('terminations.title')}</NavItemLink>
        </li>
      </NavGroup>
      <NavGroup
        label={t('work-queue.nav.performanceGroup')}
        active={withinAny(pathname, performanceSections)}
      >
        <li>
          <NavItemLink to="/s/scorecards">{t('performance.nav.scorecards')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/reviews">{t('reviews.nav')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/rectification">{t('ownership.nav.rectification')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/kpis">{t('performance.nav.kpis')}</NavItemLink>
        </li>
        {may.importEvents ? (
          <li>
            <NavItemLink to="/s/import">{t('work-queue.nav.import')}</NavItemLink>
          </li>
        ) : null}
        <li>
          <NavItemLink to="/s/risk/alerts">{t('risk.nav.alerts')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/risk/rules">{t('risk.nav.rules')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/risk/response">{t('risk-response.nav')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/risk/incidents">{t('risk.nav.incidents')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/risk/plans">{t('risk.nav.plans')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/targets">{t('targets.nav')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/register">{t('register.nav')}</NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/incentives">{t('incentives.nav')}</NavItemLink>
        </li>
        {may.readReports ? (
          <li>
            <NavItemLink to="/s/reports">{t('reports.nav')}</NavItemLink>
          </li>
        ) : null}
        <li>
          <NavItemLink to="/s/supervision">{t('supervision.nav')}</NavItemLink>
        </li>
      </NavGroup>
      <NavGroup label={t('training.nav')} active={withinAny(pathname, trainingSections)}>
        <li>
          <NavItemLink to="/s/training" end>
            {t('training-dashboard.nav')}
          </NavItemLink>
        </li>
        <li>
          <NavItemLink to="/s/training/records">{t('training.records.title')}</NavItemLink>
        </li>
        {may.manageTraining ? (
          <>
            <li>
              <NavItemLink to="/s/training/courses">{t('training-staff.nav.courses')}</NavItemLink>
            </li>
            <li>
              <NavItemLink to="/s/training/external">{t('training-staff.nav.external')}</NavItemLink>
            </li>
            <li>
              <NavItemLink to="/s/training/notices">{t('training-notices.nav')}</NavItemLink>
            </li>
          </>
        ) : null}
      </NavGroup>
      <NavGroup label={t('work-queue.nav.settingsGroup')} active={withinAny(pathname, settingsSections)}>
        <li>
          <NavItemLink to="/s/requirements">{t('staff-portal.nav.catalogue')}</NavItemLink>
        </li>
        {may.manageSettings ? (
          <li>
            <NavItemLink to="/s/settings">{t('staff-portal.settings.title')}</NavItemLink>
          </li>
        ) : null}
        {/* Administrators only (manage:requirements and manage:users are both the administrator's). */}
        {may.manageSettings ? (
          <li>
            <NavItemLink to="/s/people">{t('people.nav')}</NavItemLink>
          </li>
        ) : null}
        {/* Auditors and administrators (read:audit, decision record 053). */}
        {may.readAudit ? (
          <li>
            <NavItemLink to="/s/audit">{t('audit-viewer.nav')}</NavItemLink>
          </li>
        ) : null}
        {/* Administrators only (manage:api-keys:staff, decision record 059). */}
        {may.manageSettings ? (
          <li>
            <NavItemLink to="/s/api-keys">{t('api.staffKeys.nav')}</NavItemLink>
          </li>
        ) : null}
      </NavGroup>
    </>
  );
}
