import { allowedFileTypes, can, getApplication, listDocuments, personById } from '@outpost/core';
import { admissionStages } from '@outpost/db';
import { formatDateTime, type Locale } from '@outpost/i18n';
import type { PortalDeps } from '../../context';
import { formatBytes, formatDay, todayInChina } from '@outpost/i18n';
import type { Viewer } from '../viewer.server';
import { requirementName } from './format';
import { shapeDocuments } from './partner-documents.server';

/**
 * Everything the staff application page shows, read through core (getApplication's
 * staff view, the partner's documents) and shaped for display: dates formatted in
 * the reader's language, names resolved, and what this person may do.
 */
export async function applicationView(
  deps: PortalDeps,
  viewer: Viewer,
  locale: Locale,
  applicationId: string,
) {
  const { actor } = viewer.person;
  const view = await getApplication(deps.db, actor, applicationId);
  const { application, partner, staff } = view;
  const documents = await listDocuments(deps.db, actor, partner.id);
  const rule = application.committeeRule;

  // Committee members by name, with their vote if cast (a member who left shows by vote name, or as unknown).
  const members = rule
    ? await Promise.all(
        rule.members.map(async (id) => {
          const vote = staff?.votes.find((v) => v.memberId === id);
          const person = vote ? null : await personById(deps.db, id);
          return {
            id,
            name: vote?.name ?? person?.user.displayName ?? null,
            vote: vote
              ? {
                  vote: vote.vote,
                  reason: vote.reason,
                  via: vote.via,
                  castAt: formatDateTime(locale, vote.castAt),
                }
              : null,
          };
        }),
      )
    : [];
  const open = application.status === 'in_progress';
  const isMember = actor.type === 'staff' && (rule?.members.includes(actor.userId) ?? false);
  const myVote = members.find((m) => actor.type === 'staff' && m.id === actor.userId)?.vote ?? null;
  const canManage = can(actor, 'manage:application');
  const stageIndex = admissionStages.indexOf(application.stage);

  const statusCount = (status: string) => documents.filter((d) => d.status === status).length;
  return {
    application: {
      id: application.id,
      status: application.status,
      stage: application.stage,
      stageIndex,
      serviceCategories: application.serviceCategories,
      submittedAt: formatDateTime(locale, application.submittedAt),
      decidedAt: application.decidedAt ? formatDateTime(locale, application.decidedAt) : null,
    },
    stages: [...admissionStages],
    partner: {
      id: partner.id,
      legalName: partner.legalName,
      creditCode: partner.creditCode,
      status: partner.status,
    },
    timeline: view.timeline.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromStage: e.fromStage,
      toStage: e.toStage,
      reason: e.reason,
      actorName: e.actorName,
      internal: e.internal,
      at: formatDateTime(locale, e.at),
    })),
    inspection: view.inspection
      ? {
          inspectedOn: view.inspection.inspectedOn,
          inspectedOnText: formatDay(locale, view.inspection.inspectedOn),
          inspectors: 'inspectors' in view.inspection ? view.inspection.inspectors : [],
          findings: 'findings' in view.inspection ? view.inspection.findings : '',
          score: view.inspection.score,
        }
      : null,
    pilot: view.pilot
      ? {
          startsOn: view.pilot.startsOn,
          endsOn: view.pilot.endsOn,
          period: `${formatDay(locale, view.pilot.startsOn)} – ${formatDay(locale, view.pilot.endsOn)}`,
          outcome: 'outcome' in view.pilot ? view.pilot.outcome : '',
          score: view.pilot.score,
        }
      : null,
    assessment: staff?.assessment
      ? {
          financial: staff.assessment.financial,
          capability: staff.assessment.capability,
          compliance: staff.assessment.compliance,
          reputation: staff.assessment.reputation,
          thirdPartyAssessor: staff.assessment.thirdPartyAssessor,
          thirdPartyScore: staff.assessment.thirdPartyScore,
          assessedAt: formatDateTime(locale, staff.assessment.assessedAt),
          thirdPartyReport: staff.assessment.thirdPartyReport
            ? {
                fileName: staff.assessment.thirdPartyReport.fileName,
                size: formatBytes(locale, staff.assessment.thirdPartyReport.sizeBytes),
                uploadedAt: formatDateTime(locale, staff.assessment.thirdPartyReport.uploadedAt),
                uploadedBy: staff.assessment.thirdPartyReport.uploadedByName,
                href: `/api/v1/applications/${application.id}/assessment/report`,
              }
            : null,
        }
      : null,
    /** What the report upload accepts (core decides by content; this only guides the file picker). */
    reportUpload: {
      accept: Object.values(allowedFileTypes).join(','),
      maxBytes: deps.uploadMaxBytes,
      maxSize: formatBytes(locale, deps.uploadMaxBytes),
    },
    weights: staff?.weights ?? null,
    weightedScore: staff?.weightedScore ?? null,
    committee: rule
      ? { members, tally: staff?.tally ?? null, quorum: rule.quorum, approvalRatio: rule.approvalRatio }
      : null,
    documentList: shapeDocuments(documents, locale),
    canReviewDocuments: can(actor, 'review:document'),
    documents: {
      total: documents.length,
      accepted: statusCount('accepted'),
      submitted: statusCount('submitted'),
      rejected: statusCount('rejected'),
      expired: statusCount('expired'),
    },
    requirementNames: Object.fromEntries(
      documents.map((d) => [d.requirement.key, requirementName(locale, d.requirement)]),
    ),
    today: todayInChina(),
    may: {
      manage: canManage && open,
      // The Slack ballot's buttons, on the web: only for a member who has not voted yet, while voting is open.
      vote: open && application.stage === 'committee' && isMember && !myVote && can(actor, 'vote:committee'),
    },
    myVote,
  };
}

export type ApplicationView = Awaited<ReturnType<typeof applicationView>>;
