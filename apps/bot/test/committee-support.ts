import { expect } from 'vitest';
import { COMMITTEE_VOTE_ACTION_IDS } from '../src/index.ts';
import {
  buttonClickPayload,
  committeeStageApplication,
  type FakeMessage,
  interactionBody,
} from '../src/testing/index.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import type { Harness } from './harness.ts';

export interface Member {
  id: string;
  name: string;
  slackUserId: string | null;
}

/**
 * The committee for every application of a test file: three linked members in both
 * languages and one who never linked Slack. Every application opened afterwards puts
 * all four on its committee (quorum 2 of 4, two thirds of the votes cast to approve).
 */
export async function appointCommittee(h: Harness) {
  const linked = async (name: string, locale: 'zh-CN' | 'en') => {
    const user = await createStaff(h.conn.db, { name, locale, roles: ['committee'] });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, user.id, slackUserId);
    return { id: user.id, name, slackUserId };
  };
  const li = await linked('Li Wei', 'zh-CN');
  const ma = await linked('Ma Lin', 'en');
  const chen = await linked('Chen Jie', 'en');
  const zhou = await createStaff(h.conn.db, { name: 'Zhou Unlinked', roles: ['committee'] });
  return { li, ma, chen, unlinked: { id: zhou.id, name: zhou.displayName, slackUserId: null } };
}

/** Opens voting on a new application and delivers the ballots, as the worker would. */
export async function openVoting(h: Harness, options: Parameters<typeof committeeStageApplication>[1] = {}) {
  const opened = await committeeStageApplication(h.conn.db, options);
  const report = await h.deliverOutbox();
  return { ...opened, report };
}

/** The ballot message of a member as the fake Slack holds it now. */
export async function ballotOf(h: Harness, applicationId: string, memberId: string) {
  const ref = await h.conn.db.query.committeeMessages.findFirst({
    where: (m, { and, eq }) => and(eq(m.applicationId, applicationId), eq(m.memberId, memberId)),
  });
  if (!ref) throw new Error(`no committee message recorded for member ${memberId}`);
  const message = h.fake.messages.get(`${ref.channel}/${ref.ts}`);
  if (!message) throw new Error('the recorded message is not in the fake Slack');
  return message;
}

export const committeeMessagesOf = (h: Harness, applicationId: string) =>
  h.conn.db.query.committeeMessages.findMany({ where: (m, { eq }) => eq(m.applicationId, applicationId) });

export const votesOf = (h: Harness, applicationId: string) =>
  h.conn.db.query.committeeVotes.findMany({ where: (v, { eq }) => eq(v.applicationId, applicationId) });

/** A member clicks a vote button on their ballot; resolves with the HTTP answer to Slack. */
export function clickVote(
  h: Harness,
  input: {
    slackUserId: string;
    vote: keyof typeof COMMITTEE_VOTE_ACTION_IDS;
    applicationId: string;
    message: Pick<FakeMessage, 'channel' | 'ts'>;
    responseUrl: string;
    headers?: Record<string, string>;
    blockId?: string;
  },
) {
  const payload = buttonClickPayload({
    user: { id: input.slackUserId },
    actionId: COMMITTEE_VOTE_ACTION_IDS[input.vote],
    value: input.applicationId,
    message: input.message,
    responseUrl: input.responseUrl,
  });
  // The ballot's buttons sit in a block named for its language; keep that as Slack would.
  if (input.blockId) (payload.actions as { block_id: string }[])[0]!.block_id = input.blockId;
  return h.post({ ...interactionBody(payload), ...(input.headers ? { headers: input.headers } : {}) });
}

export function blockTypes(message: FakeMessage): string[] {
  return message.blocks.map((b) => (b as { type: string }).type);
}

export function expectNoButtons(message: FakeMessage) {
  expect(blockTypes(message)).not.toContain('actions');
}

/** Every ephemeral reply sent to one response_url. */
export const repliesTo = (h: Harness, responseUrl: string) =>
  h.fake.calls.filter((c) => c.method === 'response_url' && responseUrl.endsWith(c.path));
