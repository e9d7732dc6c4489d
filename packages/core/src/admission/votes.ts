import {
  applicationEvents,
  applications,
  committeeVotes,
  type Database,
  notifications,
  partnerMemberships,
  partners,
  votes,
} from '@outpost/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify, REVIEWERS_CHANNEL } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { assertNotSuspended } from '../partner-status.ts';
import { isUuid, parse } from '../validation.ts';
import { queueCommitteeRefresh } from './committee-messages.ts';
import { outcome, type Tally, tally } from './committee-rule.ts';

export const voteInput = z
  .object({
    applicationId: z.string(),
    vote: z.enum(votes),
    reason: z.string().trim().max(2000).optional(),
    via: z.enum(['slack', 'web']).default('web'),
  })
  .refine((v) => v.vote !== 'reject' || (v.reason && v.reason.length >= 3), {
    message: 'A rejection needs a reason.',
    path: ['reason'],
  });

export interface VoteResult {
  vote: (typeof votes)[number];
  tally: Tally;
  outcome: 'approved' | 'rejected' | null;
}

/**
 * Casts a committee member's vote. The application row is locked for the whole
 * transaction, so concurrent votes are applied one after another and exactly one of
 * them can reach the decision; the (application, member) primary key makes a second
 * vote by the same member impossible, whatever Slack retries or double clicks send.
 */
export async function castVote(
  db: Database,
  actor: Actor,
  raw: z.input<typeof voteInput>,
): Promise<VoteResult> {
  assertCan(actor, 'vote:committee');
  if (actor.type !== 'staff') throw new AppError('forbidden', 'Only committee members vote.');
  const input = parse(voteInput, raw);
  if (!isUuid(input.applicationId)) throw notFound('Application');
  return db.transaction(async (tx) => {
    const [application] = await tx
      .select()
      .from(applications)
      .where(eq(applications.id, input.applicationId))
      .for('update');
    if (!application) throw notFound('Application');
    await assertNotSuspended(tx, application.partnerId);
    if (application.status !== 'in_progress') {
      throw new AppError('already_decided', `The committee has already decided: ${application.status}.`, {
        messageKey: 'errors.vote_after_decision',
        details: { status: application.status },
      });
    }
    const rule = application.committeeRule;
    if (application.stage !== 'committee' || !rule) {
      throw new AppError('conflict', 'This application is not waiting for the committee.', {
        messageKey: 'errors.not_at_committee',
      });
    }
    if (!rule.members.includes(actor.userId)) {
      throw new AppError('forbidden', 'You are not a member of the committee for this application.', {
        messageKey: 'errors.not_committee_member',
      });
    }
    const inserted = await tx
      .insert(committeeVotes)
      .values({
        applicationId: application.id,
        memberId: actor.userId,
        vote: input.vote,
        reason: input.reason ?? null,
        via: input.via,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      const [existing] = await tx
        .select()
        .from(committeeVotes)
        .where(
          sql`${committeeVotes.applicationId} = ${application.id} and ${committeeVotes.memberId} = ${actor.userId}`,
        );
      throw new AppError('conflict', `You have already voted (${existing?.vote}).`, {
        messageKey: 'errors.already_voted',
        details: { vote: existing?.vote },
      });
    }
    await audit(tx, actor, {
      action: 'committee.voted',
      entityType: 'application',
      entityId: application.id,
      partnerId: application.partnerId,
      data: { vote: input.vote, reason: input.reason ?? null, via: input.via },
    });
    // The ballot is answered, in Slack or on the web: its inbox entry no longer asks for anything.
    await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.recipientId, actor.userId),
          eq(notifications.template, 'notify.committee_vote_needed'),
          eq(notifications.link, `/s/applications/${application.id}`),
          isNull(notifications.readAt),
        ),
      );
    const all = await tx
      .select({ vote: committeeVotes.vote })
      .from(committeeVotes)
      .where(eq(committeeVotes.applicationId, application.id));
    const current = tally(rule, all);
    const decided = outcome(rule, current);
    if (!decided) {
      await queueCommitteeRefresh(tx, application.id, [actor.userId]);
      return { vote: input.vote, tally: current, outcome: null };
    }
    await decide(tx, actor, application, decided, current);
    return { vote: input.vote, tally: current, outcome: decided };
  });
}

async function decide(
  tx: Database,
  actor: Actor,
  application: typeof applications.$inferSelect,
  decided: 'approved' | 'rejected',
  current: Tally,
) {
  await tx
    .update(applications)
    .set({ status: decided, decidedAt: new Date(), updatedAt: new Date() })
    .where(eq(applications.id, application.id));
  // The decision is part of the timeline both sides see (the votes behind it stay internal).
  await tx.insert(applicationEvents).values({
    applicationId: application.id,
    kind: 'decided',
    fromStage: 'committee',
    reason: null,
    actorId: null,
    internal: false,
  });
  const [partner] = await tx
    .select()
    .from(partners)
    .where(eq(partners.id, application.partnerId))
    .for('update');
  if (decided === 'approved') {
    const categories = [...new Set([...partner!.serviceCategories, ...application.serviceCategories])];
    await tx
      .update(partners)
      .set({ status: 'active', serviceCategories: categories, updatedAt: new Date() })
      .where(eq(partners.id, partner!.id));
  } else if (partner!.status === 'applying') {
    await tx
      .update(partners)
      .set({ status: 'invited', updatedAt: new Date() })
      .where(eq(partners.id, partner!.id));
  }
  await audit(tx, actor, {
    action: `application.${decided}`,
    entityType: 'application',
    entityId: application.id,
    partnerId: application.partnerId,
    data: { tally: current },
  });
  const members = await tx
    .select({ userId: partnerMemberships.userId })
    .from(partnerMemberships)
    .where(eq(partnerMemberships.partnerId, partner!.id));
  await notify(tx, {
    userIds: members.map((m) => m.userId),
    template: decided === 'approved' ? 'notify.application_approved' : 'notify.application_rejected',
    params: { name: partner!.legalName },
    link: '/p/application',
    email: 'admission',
  });
  await notify(tx, {
    staffRoles: ['reviewer', 'admin'],
    template:
      decided === 'approved' ? 'notify.application_approved_staff' : 'notify.application_rejected_staff',
    params: {
      name: partner!.legalName,
      approve: current.approve,
      reject: current.reject,
      abstain: current.abstain,
    },
    link: `/s/applications/${application.id}`,
    slackChannel: REVIEWERS_CHANNEL,
  });
  await queueCommitteeRefresh(tx, application.id);
}
