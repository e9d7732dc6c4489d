import { reviewDocumentAction } from './review-document.server';
import {
  advanceApplication,
  attachThirdPartyReport,
  castVote,
  recordAssessment,
  recordInspection,
  recordPilot,
  returnApplication,
} from '@outpost/core';
import { translate } from '@outpost/i18n';
import { formatBytes } from '@outpost/i18n';
import type { StaffActionResult } from './action-result';
import { domainFormErrors, type FieldMessages } from './domain-errors.server';
import { isChecked, numberValue, optionalText, splitNames, text } from './form-values';
import type { StaffActionArgs } from './staff-action';

/**
 * The application page's forms: record each stage's results, move the application
 * on or back, and vote. Each calls one core service with the application id from
 * the URL; core checks the stage, the permission and the committee membership.
 */
export type ApplicationIntent =
  | 'inspection'
  | 'pilot'
  | 'assessment'
  | 'report'
  | 'advance'
  | 'return'
  | 'vote';

type Args = StaffActionArgs & { applicationId: string };

export interface ApplicationExtra {
  /** Requirement keys core says are not yet accepted (on a refused advance). */
  pending?: string[];
}

const scoreMessage = 'staff-portal.stage.scoreInvalid' as const;
const dateMessage = 'staff-portal.stage.dateInvalid' as const;

async function run(
  intent: ApplicationIntent,
  locale: Args['locale'],
  work: () => Promise<unknown>,
  notice: Parameters<typeof translate>[1],
  fieldMessages: FieldMessages = {},
): Promise<StaffActionResult<ApplicationExtra>> {
  try {
    await work();
  } catch (error) {
    const mapped = domainFormErrors(error, locale, fieldMessages);
    if (!mapped) throw error;
    const pending = Array.isArray(mapped.details.pending) ? mapped.details.pending.map(String) : undefined;
    return { intent, status: mapped.status, errors: mapped.errors, extra: pending ? { pending } : {} };
  }
  return { intent, status: 200, notice: translate(locale, notice) };
}

export function recordInspectionAction({ deps, viewer, locale, form, applicationId }: Args) {
  return run(
    'inspection',
    locale,
    () =>
      recordInspection(deps.db, viewer.person.actor, applicationId, {
        inspectedOn: text(form, 'inspectedOn'),
        inspectors: splitNames(text(form, 'inspectors')),
        findings: text(form, 'findings'),
        score: numberValue(form, 'score') as number,
      }),
    'staff-portal.stage.inspectionSaved',
    {
      inspectedOn: dateMessage,
      inspectors: 'staff-portal.stage.inspectorsInvalid',
      findings: 'staff-portal.stage.findingsInvalid',
      score: scoreMessage,
    },
  );
}

export function recordPilotAction({ deps, viewer, locale, form, applicationId }: Args) {
  return run(
    'pilot',
    locale,
    () =>
      recordPilot(deps.db, viewer.person.actor, applicationId, {
        startsOn: text(form, 'startsOn'),
        endsOn: text(form, 'endsOn'),
        outcome: text(form, 'outcome'),
        score: numberValue(form, 'score') as number,
      }),
    'staff-portal.stage.pilotSaved',
    {
      startsOn: dateMessage,
      endsOn: 'staff-portal.stage.pilotEndInvalid',
      outcome: 'staff-portal.stage.outcomeInvalid',
      score: scoreMessage,
    },
  );
}

export function recordAssessmentAction({ deps, viewer, locale, form, applicationId }: Args) {
  return run(
    'assessment',
    locale,
    () =>
      recordAssessment(deps.db, viewer.person.actor, applicationId, {
        financial: numberValue(form, 'financial') as number,
        capability: numberValue(form, 'capability') as number,
        compliance: numberValue(form, 'compliance') as number,
        reputation: numberValue(form, 'reputation') as number,
        thirdPartyAssessor: optionalText(form, 'thirdPartyAssessor'),
        thirdPartyScore: numberValue(form, 'thirdPartyScore'),
      }),
    'staff-portal.stage.assessmentSaved',
    {
      financial: scoreMessage,
      capability: scoreMessage,
      compliance: scoreMessage,
      reputation: scoreMessage,
      thirdPartyAssessor: 'staff-portal.errors.invalidField',
      thirdPartyScore: scoreMessage,
    },
  );
}

/**
 * The third-party assessment report, posted as multipart form data (the portal
 * server's body limit is the upload limit). Size and type refusals go under the
 * file input and say what is allowed.
 */
export async function attachReportAction({
  deps,
  viewer,
  locale,
  form,
  applicationId,
}: Args): Promise<StaffActionResult<ApplicationExtra>> {
  const file = form.get('file');
  const fileError = (message: string, status: number) => ({
    intent: 'report' as const,
    status,
    errors: { fields: { file: message }, form: translate(locale, 'errors.validation_failed') },
  });
  if (!(file instanceof File) || (file.size === 0 && !file.name)) {
    return fileError(translate(locale, 'staff-portal.report.fileRequired'), 400);
  }
  const result = await run(
    'report',
    locale,
    async () =>
      attachThirdPartyReport(
        deps.db,
        viewer.person.actor,
        deps.storage,
        applicationId,
        {
          fileName: file.name || 'report',
          bytes: new Uint8Array(await file.arrayBuffer()),
          assessor: optionalText(form, 'assessor'),
          score: numberValue(form, 'score'),
        },
        { maxBytes: deps.uploadMaxBytes },
      ),
    'staff-portal.report.attached',
    // An empty file comes back from core under "file" with its own message (errors.file_empty).
    { assessor: 'staff-portal.errors.invalidField', score: scoreMessage },
  );
  if (result.status === 413) {
    const size = formatBytes(locale, deps.uploadMaxBytes);
    return fileError(translate(locale, 'staff-portal.report.tooLarge', { size }), 413);
  }
  if (result.status === 415) return fileError(translate(locale, 'errors.file_type'), 415);
  return result;
}

export function advanceAction({ deps, viewer, locale, applicationId }: Args) {
  return run(
    'advance',
    locale,
    () => advanceApplication(deps.db, viewer.person.actor, applicationId),
    'staff-portal.stage.advanced',
  );
}

export async function returnAction({ deps, viewer, locale, form, applicationId }: Args) {
  // Returning discards committee votes: the page asks for an explicit confirmation.
  if (!isChecked(form, 'confirm')) {
    return {
      intent: 'return' as const,
      status: 400,
      errors: { fields: { confirm: translate(locale, 'staff-portal.stage.returnConfirmRequired') } },
    };
  }
  return run(
    'return',
    locale,
    () =>
      returnApplication(deps.db, viewer.person.actor, applicationId, {
        stage: text(form, 'stage') as never,
        reason: text(form, 'reason'),
      }),
    'staff-portal.stage.returned',
    { stage: 'staff-portal.stage.returnStageInvalid', reason: 'staff-portal.stage.reasonInvalid' },
  );
}

export function voteAction({ deps, viewer, locale, form, applicationId }: Args) {
  const vote = text(form, 'vote');
  return run(
    'vote',
    locale,
    () =>
      castVote(deps.db, viewer.person.actor, {
        applicationId,
        vote: vote as 'approve' | 'reject' | 'abstain',
        reason: optionalText(form, 'reason'),
        via: 'web',
      }),
    'staff-portal.committee.voted',
    { reason: 'committee.rejectModal.reasonInvalid', vote: 'staff-portal.errors.invalidField' },
  );
}

export const applicationActions: Record<
  ApplicationIntent,
  (args: Args) => Promise<StaffActionResult<ApplicationExtra>>
> = {
  inspection: recordInspectionAction,
  pilot: recordPilotAction,
  assessment: recordAssessmentAction,
  report: attachReportAction,
  advance: advanceAction,
  return: returnAction,
  vote: voteAction,
};

/** The handlers bound to the application in the URL, for runStaffAction. */
export function applicationActionsFor(applicationId: string) {
  const bound: Record<string, (args: StaffActionArgs) => Promise<StaffActionResult<ApplicationExtra>>> = {};
  for (const [intent, handler] of Object.entries(applicationActions)) {
    bound[intent] = (args) => handler({ ...args, applicationId });
  }
  // The partner's documents are reviewed on this page too, beside the application they answer.
  bound.review = reviewDocumentAction;
  return bound;
}
