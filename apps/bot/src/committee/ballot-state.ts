import { getApplication, isAppError, personById, type Tally } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { Locale } from '@outpost/i18n';

type Vote = 'approve' | 'reject' | 'abstain';

/** Everything one committee member's Slack message shows about an application, read at render time. */
export interface CommitteeBallotState {
  applicationId: string;
  legalName: string;
  creditCode: string;
  categories: string[];
  status: 'in_progress' | 'approved' | 'rejected' | 'withdrawn';
  stage: string;
  /** Whether this member is on the committee whose rule is in force (voting reopens with a new rule after a return). */
  isMember: boolean;
  weightedScore: number | null;
  thirdParty: { score: number; assessor: string | null } | null;
  inspection: { score: number; date: string } | null;
  pilot: { score: number; from: string; to: string } | null;
  tally: Tally | null;
  myVote: Vote | null;
}

export type LoadedBallot = { state: CommitteeBallotState; locale: Locale } | { skip: string };

/**
 * Reads the application as the member would see it in the portal (the same service,
 * with their own permissions), so Slack never shows a member more than the console.
 */
export async function loadCommitteeBallot(
  db: Database,
  input: { memberId: string; applicationId: string },
): Promise<LoadedBallot> {
  const person = await personById(db, input.memberId, 'slack');
  if (person?.user.kind !== 'staff') return { skip: 'member is disabled or not staff' };
  let view: Awaited<ReturnType<typeof getApplication>>;
  try {
    view = await getApplication(db, person.actor, input.applicationId);
  } catch (error) {
    // Deleted since the row was queued: nothing left to show. Anything else is worth a retry.
    if (isAppError(error) && error.code === 'not_found') return { skip: 'application no longer exists' };
    throw error;
  }
  const { application, partner, inspection, pilot, staff } = view;
  const assessment = staff?.assessment ?? null;
  const mine = staff?.votes.find((v) => v.memberId === input.memberId);
  return {
    locale: person.user.locale,
    state: {
      applicationId: application.id,
      legalName: partner.legalName,
      creditCode: partner.creditCode,
      categories: application.serviceCategories,
      status: application.status,
      stage: application.stage,
      isMember: application.committeeRule?.members.includes(input.memberId) ?? false,
      weightedScore: staff?.weightedScore ?? null,
      thirdParty:
        assessment?.thirdPartyScore != null
          ? { score: assessment.thirdPartyScore, assessor: assessment.thirdPartyAssessor }
          : null,
      inspection: inspection ? { score: inspection.score, date: inspection.inspectedOn } : null,
      pilot: pilot ? { score: pilot.score, from: pilot.startsOn, to: pilot.endsOn } : null,
      tally: staff?.tally ?? null,
      myVote: mine?.vote ?? null,
    },
  };
}
