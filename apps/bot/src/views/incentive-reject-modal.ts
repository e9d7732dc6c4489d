import { type Locale, translate } from '@outpost/i18n';
import {
  INCENTIVE_REJECT_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
} from '../incentives/ids.ts';

/** The modal a "Reject…" click opens: an incentive is never rejected without saying why. */
export function incentiveRejectModal(locale: Locale, privateMetadata: string): Record<string, unknown> {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return {
    type: 'modal',
    callback_id: INCENTIVE_REJECT_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: t('incentives.rejectModal.title') },
    submit: { type: 'plain_text', text: t('incentives.rejectModal.submit') },
    close: { type: 'plain_text', text: t('incentives.rejectModal.cancel') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t('incentives.rejectModal.intro') } },
      {
        type: 'input',
        block_id: REJECT_REASON_BLOCK_ID,
        label: { type: 'plain_text', text: t('incentives.rejectModal.label') },
        // Same bounds as core's incentiveDecisionInput.
        element: {
          type: 'plain_text_input',
          action_id: REJECT_REASON_ACTION_ID,
          multiline: true,
          min_length: 3,
          max_length: 2000,
        },
      },
    ],
  };
}
