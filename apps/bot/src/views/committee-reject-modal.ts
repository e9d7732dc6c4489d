import { type Locale, translate } from '@outpost/i18n';
import {
  COMMITTEE_REJECT_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
} from '../committee/ids.ts';

/** Same bounds as core's voteInput, so Slack's own form check agrees with the domain's. */
export const REJECT_REASON_MIN = 3;
export const REJECT_REASON_MAX = 2000;

/** The modal a "Reject" click opens: a rejection always records why (DOMAIN.md: approvals that capture no reason). */
export function rejectReasonModal(locale: Locale, privateMetadata: string): Record<string, unknown> {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return {
    type: 'modal',
    callback_id: COMMITTEE_REJECT_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: t('committee.rejectModal.title') },
    submit: { type: 'plain_text', text: t('committee.rejectModal.submit') },
    close: { type: 'plain_text', text: t('committee.rejectModal.cancel') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t('committee.rejectModal.intro') } },
      {
        type: 'input',
        block_id: REJECT_REASON_BLOCK_ID,
        label: { type: 'plain_text', text: t('committee.rejectModal.label') },
        element: {
          type: 'plain_text_input',
          action_id: REJECT_REASON_ACTION_ID,
          multiline: true,
          min_length: REJECT_REASON_MIN,
          max_length: REJECT_REASON_MAX,
        },
      },
    ],
  };
}
