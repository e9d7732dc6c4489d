import { useT } from '../../lib/i18n';
import { AppLink } from '../app-link';

export interface HomeSummary {
  documents: { missing: number; rejected: number; expiring: number };
  application: { status: string; stage: string } | null;
  teamSize: number;
  canManageKeys: boolean;
}

/** Where the organisation's admission stands, each card leading to its page. */
export function HomeCards({ summary }: { summary: HomeSummary }) {
  const t = useT();
  const { documents, application } = summary;
  const allIn = documents.missing === 0 && documents.rejected === 0 && documents.expiring === 0;
  return (
    <section aria-labelledby="home-cards-heading">
      <h2 id="home-cards-heading" className="visually-hidden">
        {t('partner-portal.home.cards')}
      </h2>
      <ul className="home-cards">
        <li className="card home-card">
          <h3>{t('partner-portal.home.documents')}</h3>
          <p>
            {allIn
              ? t('partner-portal.home.documentsAllIn')
              : t('partner-portal.documents.summary', documents)}
          </p>
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
