import { escapeSlackText, OPEN_IN_OUTPOST_ACTION_ID, type Tally } from '@outpost/core';
import { type Locale, type MessageKey, type Params, translate, withDaysFormatted } from '@outpost/i18n';
import type { CommitteeBallotState } from '../committee/ballot-state.ts';
import { COMMITTEE_VOTE_ACTION_IDS, voteBlockId } from '../committee/ids.ts';

type Block = Record<string, unknown>;

/** Which version of the member's message the state calls for. */
export type BallotMode = 'ballot' | 'voted' | 'decided' | 'closed';

export function ballotMode(state: CommitteeBallotState): BallotMode {
  if (state.status === 'approved' || state.status === 'rejected') return 'decided';
  if (state.status !== 'in_progress' || state.stage !== 'committee' || !state.isMember) return 'closed';
  return state.myVote ? 'voted' : 'ballot';
}

/**
 * A committee member's Slack message about an application, from its current state:
 * the applicant's summary, then either the vote buttons, "you voted X" with the running
 * tally, the outcome with the final tally, or why voting is closed. Only the ballot has
 * buttons. The ballot itself shows no tally: each member judges before seeing the others.
 */
export function committeeBallotView(
  state: CommitteeBallotState,
  options: { locale: Locale; publicUrl: string },
): { text: string; blocks: Block[] } {
  const { locale } = options;
  const t = (key: MessageKey, params: Params = {}) =>
    translate(locale, key, withDaysFormatted(locale, params));
  const url = `${options.publicUrl.replace(/\/$/, '')}/s/applications/${state.applicationId}`;
  const title = t('committee.ballot.title', { name: state.legalName });
  const mode = ballotMode(state);

  // Plain-text header: partner-supplied names cannot format or mention anything there.
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: clip(title, 150) } }];
  if (mode === 'ballot') blocks.push(mrkdwnSection(t('committee.ballot.intro')));
  blocks.push({ type: 'section', fields: summaryFields(state, t, locale) });

  const link = `<${url}|${escapeSlackText(t('notify.open'))}>`;
  let status: string | null = null;
  if (mode === 'ballot') {
    blocks.push({
      type: 'actions',
      block_id: voteBlockId(locale),
      elements: [
        voteButton('approve', t('vote.approve'), state.applicationId, 'primary'),
        voteButton('reject', t('vote.reject'), state.applicationId, 'danger'),
        voteButton('abstain', t('vote.abstain'), state.applicationId),
        {
          type: 'button',
          action_id: OPEN_IN_OUTPOST_ACTION_ID,
          text: { type: 'plain_text', text: t('notify.open') },
          url,
        },
      ],
    });
  } else {
    status = statusLine(state, mode, t);
    blocks.push(mrkdwnSection(status));
    const context = [state.tally ? tallyLine(state.tally, t) : null, link].filter(Boolean).join('  ·  ');
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  }
  const heading = escapeSlackText(title);
  return { text: status ? `${heading}\n${status}` : heading, blocks };
}

function summaryFields(
  state: CommitteeBallotState,
  t: (key: MessageKey, params?: Params) => string,
  locale: Locale,
) {
  const none = t('committee.value.none');
  const categories = state.categories
    .map((c) => t(`category.${c}` as MessageKey))
    .join(locale === 'zh-CN' ? '、' : ', ');
  const fields: [MessageKey, string][] = [
    ['committee.field.creditCode', state.creditCode],
    ['committee.field.categories', categories],
    [
      'committee.field.weightedScore',
      state.weightedScore === null ? none : t('committee.value.score', { score: state.weightedScore }),
    ],
  ];
  if (state.thirdParty) {
    fields.push([
      'committee.field.thirdParty',
      state.thirdParty.assessor
        ? t('committee.value.scoreBy', { score: state.thirdParty.score, assessor: state.thirdParty.assessor })
        : t('committee.value.score', { score: state.thirdParty.score }),
    ]);
  }
  fields.push([
    'committee.field.inspection',
    state.inspection
      ? t('committee.value.scoreOn', { score: state.inspection.score, date: state.inspection.date })
      : none,
  ]);
  fields.push([
    'committee.field.pilot',
    state.pilot
      ? t('committee.value.scorePeriod', {
          score: state.pilot.score,
          from: state.pilot.from,
          to: state.pilot.to,
        })
      : none,
  ]);
  // Values can come from partners (names) or staff (assessor): escaped, and clipped to Slack's field limit.
  return fields.map(([label, value]) => ({
    type: 'mrkdwn',
    text: clip(`*${escapeSlackText(t(label))}*\n${escapeSlackText(value)}`, 2000),
  }));
}

function statusLine(
  state: CommitteeBallotState,
  mode: Exclude<BallotMode, 'ballot'>,
  t: (key: MessageKey, params?: Params) => string,
): string {
  const mine = state.myVote ? ` ${t('committee.youVoted', { vote: state.myVote })}` : '';
  switch (mode) {
    case 'voted':
      return `:ballot_box_with_check:${mine}`;
    case 'decided':
      return state.status === 'approved'
        ? `:white_check_mark: ${t('committee.outcome.approved')}${mine}`
        : `:no_entry: ${t('committee.outcome.rejected')}${mine}`;
    case 'closed':
      if (state.status === 'withdrawn') return `:information_source: ${t('committee.closed.withdrawn')}`;
      if (state.stage !== 'committee')
        return `:information_source: ${t('committee.closed.returned', { stage: state.stage })}`;
      return `:information_source: ${t('errors.not_committee_member')}`;
  }
}

function tallyLine(tally: Tally, t: (key: MessageKey, params?: Params) => string) {
  return t('committee.tally', {
    approve: tally.approve,
    reject: tally.reject,
    abstain: tally.abstain,
    cast: tally.cast,
    members: tally.members,
    quorum: tally.quorum,
  });
}

function voteButton(
  vote: keyof typeof COMMITTEE_VOTE_ACTION_IDS,
  label: string,
  applicationId: string,
  style?: 'primary' | 'danger',
) {
  return {
    type: 'button',
    action_id: COMMITTEE_VOTE_ACTION_IDS[vote],
    text: { type: 'plain_text', text: label },
    value: applicationId,
    ...(style ? { style } : {}),
  };
}

const mrkdwnSection = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
