import { Alert, Badge, DescriptionList } from '@outpost/ui';

import { categoryLabel } from '../../components/partner-labels';
import { ApplicationTimeline } from '../../components/staff/application-timeline';
import { DocumentReview } from '../../components/staff/document-review';
import { CommitteePanel } from '../../components/staff/committee-panel';
import { applicationStatusLabel, applicationTone } from '../../components/staff/labels';
import { AssessmentPanel, InspectionPanel, PilotPanel } from '../../components/staff/stage-panels';
import { StageActions } from '../../components/staff/stage-actions';
import { StageSteps } from '../../components/staff/stage-steps';
import { ThirdPartyReport } from '../../components/staff/third-party-report';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { type ApplicationExtra, applicationActionsFor } from '../../lib/staff/application-actions.server';
import { applicationView } from '../../lib/staff/application-view.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/application';
import { AppLink } from '../../components/app-link';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  return orRouteError(locale, () =>
    applicationView(context.get(depsContext), viewer, locale, params.applicationId),
  );
}

export function action({ context, request, params }: Route.ActionArgs) {
  return runStaffAction(context, request, applicationActionsFor(params.applicationId));
}

/**
 * One admission application, as staff work on it: where it stands, its history,
 * the results of each stage, the committee's votes, and the actions of the current
 * stage for those allowed to take them (auditors see everything, read-only).
 */
export default function StaffApplication({ loaderData: view, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as StaffActionData<ApplicationExtra> | undefined;
  const { application: app, partner, documents, may } = view;
  const open = app.status === 'in_progress';
  const atOrAfter = (stage: (typeof view.stages)[number]) => app.stageIndex >= view.stages.indexOf(stage);
  const decided = app.status === 'approved' || app.status === 'rejected';
  const committee = view.committee ? (
    <CommitteePanel committee={view.committee} canVote={may.vote} myVote={view.myVote} result={result} />
  ) : null;
  // While the committee votes, its panel (with this member's vote form) comes first: the
  // documents and stage results it decides on follow, one jump link away.
  const committeeFirst = committee !== null && open && app.stage === 'committee';
  return (
    <div className="page">
      <title>{`${t('staff-portal.application.title', { name: partner.legalName })} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/applications">{t('staff-portal.applications.title')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('staff-portal.application.eyebrow')}</p>
        <h1>
          <AppLink to={`/s/partners/${partner.id}`}>{partner.legalName}</AppLink>
        </h1>
        <p className="staff-header-meta">
          <Badge tone={applicationTone[app.status] ?? 'neutral'}>
            {applicationStatusLabel(t, app.status)}
          </Badge>{' '}
          <span className="mono">{partner.creditCode}</span>
          {' · '}
          {app.serviceCategories.map((c) => categoryLabel(t, c)).join(', ')}
          {' · '}
          {t('staff-portal.application.submittedAt', { when: app.submittedAt })}
        </p>
      </header>

      {decided ? (
        <div className={`staff-outcome staff-outcome--${app.status}`}>
          <Alert
            tone={app.status === 'approved' ? 'success' : 'error'}
            title={applicationStatusLabel(t, app.status)}
          >
            {t(app.status === 'approved' ? 'committee.outcome.approved' : 'committee.outcome.rejected')}{' '}
            {app.decidedAt ? (
              <span className="muted">{t('common.parenthetical', { text: app.decidedAt })}</span>
            ) : null}
          </Alert>
        </div>
      ) : null}

      <StageSteps stages={view.stages} current={app.stageIndex} closed={!open} />

      <nav aria-label={t('document-review.application.jump')}>
        <ul className="page-jump">
          {committeeFirst ? (
            <li>
              <a href="#committee-heading">{t('document-review.application.jumpVote')}</a>
            </li>
          ) : null}
          <li>
            <a href="#documents-heading">{t('document-review.application.jumpDocuments')}</a>
          </li>
          {atOrAfter('onsite_inspection') ? (
            <li>
              <a href="#stage-results">{t('document-review.application.jumpStages')}</a>
            </li>
          ) : null}
          <li>
            <a href="#timeline-heading">{t('document-review.application.jumpTimeline')}</a>
          </li>
        </ul>
      </nav>

      <div className="staff-columns">
        <div className="staff-columns__main">
          {committeeFirst ? committee : null}

          <section className="card stack" aria-labelledby="documents-heading">
            <h2 id="documents-heading">{t('staff-portal.documents.title')}</h2>
            <DescriptionList
              items={[
                { term: t('staff-portal.docStatus.accepted'), details: documents.accepted },
                { term: t('staff-portal.docStatus.submitted'), details: documents.submitted },
                { term: t('staff-portal.docStatus.rejected'), details: documents.rejected },
                { term: t('staff-portal.docStatus.expired'), details: documents.expired },
              ]}
            />
            <p className="muted">{t('document-review.application.documentsIntro')}</p>
            {view.documentList.length > 0 ? (
              <ul className="staff-docs">
                {view.documentList.map((d) => (
                  <DocumentReview
                    key={d.id}
                    document={d}
                    canReview={view.canReviewDocuments && open}
                    result={result}
                  />
                ))}
              </ul>
            ) : null}
            <p>
              <AppLink to={`/s/partners/${partner.id}#partner-documents`}>
                {t('document-review.application.allDocuments')}
              </AppLink>
            </p>
          </section>

          <div id="stage-results" className="stack">
            {atOrAfter('onsite_inspection') || view.inspection ? (
              <InspectionPanel
                inspection={view.inspection}
                editable={may.manage && app.stage === 'onsite_inspection'}
                today={view.today}
                result={result}
              />
            ) : null}
            {atOrAfter('pilot') || view.pilot ? (
              <PilotPanel
                pilot={view.pilot}
                editable={may.manage && app.stage === 'pilot'}
                today={view.today}
                result={result}
              />
            ) : null}
            {atOrAfter('onsite_inspection') || view.assessment ? (
              <AssessmentPanel
                assessment={view.assessment}
                weights={view.weights}
                weightedScore={view.weightedScore}
                editable={may.manage && app.stage !== 'committee'}
                result={result}
              >
                <ThirdPartyReport
                  assessment={view.assessment}
                  upload={view.reportUpload}
                  editable={may.manage && app.stage !== 'committee'}
                  result={result}
                />
              </AssessmentPanel>
            ) : null}
          </div>
          {committeeFirst ? null : committee}
          {may.manage ? (
            <StageActions
              stages={view.stages}
              stageIndex={app.stageIndex}
              requirementNames={view.requirementNames}
              result={result}
            />
          ) : null}
        </div>

        <section className="card staff-columns__side" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('staff-portal.application.timeline')}</h2>
          <ApplicationTimeline
            events={view.timeline}
            decision={decided && app.decidedAt ? { status: app.status, at: app.decidedAt } : null}
          />
        </section>
      </div>
    </div>
  );
}
