import { can, getExitPlan, getPartner, partnerHistory } from '@outpost/core';
import { criticalities, partnerRegions, serviceCategories } from '@outpost/db';
import { formatDateTime } from '@outpost/i18n';
import { HistoryTimeline, ProfileForm, SuspensionPanel } from '../../components/staff/partner-admin';
import { PartnerExitPlan } from '../../components/continuity/partner-exit-plan';
import { OwnershipPanel } from '../../components/ownership/ownership-panel';
import { RegionPanel } from '../../components/ownership/region-panel';
import { ownershipLookup, ownershipView, regionAction } from '../../lib/ownership/ownership.server';
import { relationshipOwnerAction } from '../../lib/staff/relationship-owner-action.server';
import { historyLine, partnerStatusActions } from '../../lib/staff/partner-status-actions.server';
import { Badge, EmptyState } from '@outpost/ui';

import { PartnerCard } from '../../components/partner-card';
import { categoryLabel } from '../../components/partner-labels';
import { DocumentReview } from '../../components/staff/document-review';
import { applicationStatusLabel, applicationTone, stageLabel } from '../../components/staff/labels';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { partnerApplications } from '../../lib/staff/partner-applications.server';
import { partnerDocuments } from '../../lib/staff/partner-documents.server';
import { reviewDocumentAction } from '../../lib/staff/review-document.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/partner';
import { AppLink } from '../../components/app-link';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = requireKind(context, request, 'staff');
  const { db } = context.get(depsContext);
  const locale = context.get(localeContext);
  const { partner, documents, applications, history } = await orRouteError(locale, async () => {
    const partner = await getPartner(db, viewer.person.actor, params.partnerId);
    const [documents, applications, history] = await Promise.all([
      partnerDocuments(db, viewer, locale, partner.id),
      partnerApplications(db, viewer, partner.id),
      partnerHistory(db, viewer.person.actor, partner.id),
    ]);
    return { partner, documents, applications, history };
  });
  const actor = viewer.person.actor;
  // Decision record 050: the department and relationship owner, the region, the exit plan.
  const [lookup, exitPlan] = await Promise.all([
    ownershipLookup(db, actor),
    getExitPlan(db, actor, partner.id),
  ]);
  return {
    ownership: ownershipView(lookup, locale, 'partner', {
      id: partner.id,
      ownerId: partner.relationshipOwnerId,
      departmentId: partner.departmentId,
    }),
    region: can(actor, 'manage:partner')
      ? { partnerId: partner.id, region: partner.region, regions: [...partnerRegions] }
      : null,
    exitPlan: {
      partnerId: partner.id,
      needed: partner.criticality !== 'standard',
      state: exitPlan.state,
      version: exitPlan.plan?.version ?? null,
      nextReviewOn: exitPlan.plan?.nextReviewOn ?? null,
    },
    partner: {
      legalName: partner.legalName,
      creditCode: partner.creditCode,
      status: partner.status,
      serviceCategories: partner.serviceCategories,
      criticality: partner.criticality,
    },
    contactEmail: partner.contactEmail,
    documents,
    applications: applications.map(({ application: a }) => ({
      id: a.id,
      status: a.status,
      stage: a.stage,
      serviceCategories: a.serviceCategories,
      submittedAt: formatDateTime(locale, a.submittedAt),
    })),
    canReview: can(viewer.person.actor, 'review:document'),
    suspension: can(actor, 'suspend:partner')
      ? {
          partnerId: partner.id,
          status: partner.status,
          reason: partner.suspensionReason,
          since: partner.suspendedAt ? formatDateTime(locale, partner.suspendedAt) : null,
        }
      : null,
    profile: can(actor, 'manage:partner')
      ? {
          partnerId: partner.id,
          legalName: partner.legalName,
          registeredAddress: partner.registeredAddress ?? '',
          parentCompany: partner.parentCompany ?? '',
          contactEmail: partner.contactEmail ?? '',
          serviceCategories: [...partner.serviceCategories],
          criticality: partner.criticality,
          criticalityReason: partner.criticalityReason ?? '',
          handlesPersonalData: partner.handlesPersonalData,
        }
      : null,
    suspendedBanner:
      partner.status === 'suspended'
        ? {
            reason: partner.suspensionReason,
            since: partner.suspendedAt ? formatDateTime(locale, partner.suspendedAt) : null,
          }
        : null,
    categories: [...serviceCategories],
    criticalities: [...criticalities],
    history: history.map((h) => historyLine(locale, h)),
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, {
    review: reviewDocumentAction,
    relationshipOwner: relationshipOwnerAction,
    region: regionAction,
    ...partnerStatusActions,
  });
}

/** One partner as staff see it: the register entry, its qualification documents (with review) and its applications. */
export default function StaffPartner({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as StaffActionData | undefined;
  const { documents, applications } = loaderData;
  return (
    <div className="page">
      <title>{`${loaderData.partner.legalName} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/partners">{t('staff.partners')}</AppLink>
      </nav>
      <PartnerCard partner={loaderData.partner} headingLevel={1} />
      {loaderData.contactEmail ? (
        <p className="muted">{t('staff-portal.partner.contact', { email: loaderData.contactEmail })}</p>
      ) : null}
      <p>
        <AppLink to={`/s/training/records?partner=${params.partnerId}`}>
          {t('training.records.title')}
        </AppLink>
      </p>

      {loaderData.suspendedBanner && !loaderData.suspension ? (
        <p>
          {t('partner-status.suspension.current', {
            date: loaderData.suspendedBanner.since ?? '',
            reason: loaderData.suspendedBanner.reason ?? '',
          })}
        </p>
      ) : null}
      {loaderData.suspension ? <SuspensionPanel view={loaderData.suspension} result={result} /> : null}
      {loaderData.profile ? (
        <ProfileForm
          view={loaderData.profile}
          result={result}
          categories={loaderData.categories}
          criticalities={loaderData.criticalities}
        />
      ) : null}
      <OwnershipPanel view={loaderData.ownership} />
      {loaderData.region ? <RegionPanel view={loaderData.region} result={result} /> : null}
      <PartnerExitPlan view={loaderData.exitPlan} />

      <section className="card" aria-labelledby="partner-applications">
        <h2 id="partner-applications">{t('staff-portal.applications.title')}</h2>
        {applications.length === 0 ? (
          <EmptyState title={t('staff-portal.partner.noApplications')} />
        ) : (
          <ul className="staff-list">
            {applications.map((a) => (
              <li key={a.id}>
                <AppLink to={`/s/applications/${a.id}`}>
                  {t('staff-portal.partner.applicationOf', { when: a.submittedAt })}
                </AppLink>{' '}
                <Badge tone={applicationTone[a.status] ?? 'neutral'}>
                  {applicationStatusLabel(t, a.status)}
                </Badge>{' '}
                <span className="muted">
                  {a.status === 'in_progress' ? `${stageLabel(t, a.stage)} · ` : ''}
                  {a.serviceCategories.map((c) => categoryLabel(t, c)).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="partner-documents">
        <h2 id="partner-documents">{t('staff-portal.documents.title')}</h2>
        {documents.length === 0 ? (
          <EmptyState title={t('staff-portal.documents.none')} />
        ) : (
          <ul className="staff-docs">
            {documents.map((d) => (
              <DocumentReview key={d.id} document={d} canReview={loaderData.canReview} result={result} />
            ))}
          </ul>
        )}
      </section>

      <HistoryTimeline lines={loaderData.history} />
    </div>
  );
}
