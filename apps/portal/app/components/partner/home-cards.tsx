import type { DocumentCounts } from '@outpost/core';
import { useT } from '../../lib/i18n';
import { AppLink } from '../app-link';
import { documentSummary } from '../work-queue/document-summary';

export interface HomeSummary {
  documents: DocumentCounts;
  application: { status: string; stage: string } | null;
  teamSize: number;
  canManageKeys: boolean;
}

/** Where the organisation's admission stands, each card leading to its page. */
export function HomeCards({ summary }: { summary: HomeSummary }) {
  const t = useT();
  const { documents, application } = summary;
  const summaryText = documentSummary(t, documents);
  return (
    <section aria-labelledby="home-cards-heading">
      <h2 id="home-cards-heading" className="visually-hidden">
        {t('partner-portal.home.cards')}
      </h2>
      <ul className="home-cards">
        <li className="card home-card">
          <h3>{t('partner-portal.home.documents')}</h3>
          <p>{summaryText ?? t('partner-portal.home.documentsAllIn')}</p>
          <AppLink to="/p/documents">{t('partner-portal.home.manageDocuments')}</AppLink>
        </li>
        <li className="card home-card">
          <h3>{t('partner-portal.home.application')}</h3>
          <p>
            {application
              ? application.status === 'in_progress'
                ? t('partner-portal.home.applicationStage', { stage: application.stage })
                : t(`partner-portal.application.status.${application.status}` as never)
              : t('partner-portal.home.noApplication')}
          </p>
          <AppLink to="/p/application">{t('partner-portal.home.viewApplication')}</AppLink>
        </li>
        <li className="card home-card">
          <h3>{t('partner-portal.home.team')}</h3>
          <p>{t('partner-portal.team.count', { count: summary.teamSize })}</p>
          <AppLink to="/p/team">{t('partner-portal.home.viewTeam')}</AppLink>
          {summary.canManageKeys ? (
            <>
              {' · '}
              <AppLink to="/p/api-keys">{t('partner-portal.nav.apiKeys')}</AppLink>
            </>
          ) : null}
        </li>
      </ul>
    </section>
  );
}
