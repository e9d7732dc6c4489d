import { escapeSlackText, OPEN_IN_OUTPOST_ACTION_ID, type TerminationTally } from '@outpost/core';
import { formatDay, type Locale, type MessageKey, type Params, translate } from '@outpost/i18n';
import { TERMINATION_ACTION_IDS, terminationBlockId } from '../terminations/ids.ts';

type Block = Record<string, unknown>;

export interface TerminationBallotState {
  caseId: string;
  partnerName: string;
  type: string;
  reason: string;
  effectiveDate: string;
  status: string;
  isApprover: boolean;
  myDecision: 'approve' | 'reject' | null;
  tally: TerminationTally;
}

/**
 * The approver's message: the case's summary, then Approve / Reject… / Open while it waits for
 * them; once they decided or the case moved on, the outcome with the live tally.
 */
export function terminationBallotView(
  state: TerminationBallotState,
  options: { locale: Locale; publicUrl: string },
): { text: string; blocks: Block[] } {
  const { locale } = options;
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const url = `${options.publicUrl.replace(/\/$/, '')}/s/terminations/${state.caseId}`;
  const title = t('terminations.ballot.title', { name: state.partnerName });
  const waiting = state.status === 'approval' && state.isApprover && state.myDecision === null;
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: clip(title, 150) } }];
  if (waiting) blocks.push(section(t('terminations.ballot.intro')));
  blocks.push({
    type: 'section',
    fields: (
      [
        ['terminations.ballot.type', t(`terminations.type.${state.type}` as MessageKey)],
        ['terminations.ballot.effective', formatDay(locale, state.effectiveDate)],
      ] as [MessageKey, string][]
    ).map(([label, value]) => ({
      type: 'mrkdwn',
      text: `*${escapeSlackText(t(label))}*\n${escapeSlackText(value)}`,
    })),
  });
  blocks.push(
    section(
      clip(`*${escapeSlackText(t('terminations.ballot.reason'))}*\n${escapeSlackText(state.reason)}`, 3000),
    ),
  );
  const tally = t('terminations.ballot.tally', {
    approve: state.tally.approve,
    rejected: state.tally.reject,
    pending: state.tally.pending,
    approvers: state.tally.approvers,
  });
  let status: string | null = null;
  if (waiting) {
    blocks.push({
      type: 'actions',
      block_id: terminationBlockId(locale),
      elements: [
        button(TERMINATION_ACTION_IDS.approve, t('terminations.ballot.approve'), state.caseId, 'primary'),
        button(TERMINATION_ACTION_IDS.reject, t('terminations.ballot.reject'), state.caseId, 'danger'),
        {
          type: 'button',
          action_id: OPEN_IN_OUTPOST_ACTION_ID,
          text: { type: 'plain_text', text: t('notify.open') },
          url,
        },
      ],
    });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tally }] });
  } else {
    const mine = state.myDecision
      ? ` ${t(state.myDecision === 'approve' ? 'terminations.ballot.youApproved' : 'terminations.ballot.youRejected')}`
      : '';
    status =
      state.status === 'approval'
        ? state.isApprover
          ? `:ballot_box_with_check:${mine}`
          : `:information_source: ${t('terminations.error.notApprover')}`
        : state.status === 'rejected'
          ? `:no_entry: ${t('terminations.ballot.rejected')}${mine}`
          : ['approved', 'completed'].includes(state.status)
            ? `:white_check_mark: ${t('terminations.ballot.approved')}${mine}`
            : `:information_source: ${t('terminations.ballot.closed')}`;
    blocks.push(section(status));
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${tally}  ·  <${url}|${escapeSlackText(t('notify.open'))}>` }],
    });
  }
  const heading = escapeSlackText(title);
  return { text: status ? `${heading}\n${status}` : heading, blocks };
}

function button(actionId: string, label: string, value: string, style: 'primary' | 'danger') {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value, style };
}
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
