import { type Locale, translate } from '@outpost/i18n';
import {
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
  TERMINATION_REJECT_CALLBACK_ID,
} from '../terminations/ids.ts';

/** The modal a "Reject…" click opens: a termination case is never rejected without saying why. */
export function terminationRejectModal(locale: Locale, privateMetadata: string): Record<string, unknown> {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return {
    type: 'modal',
    callback_id: TERMINATION_REJECT_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: t('terminations.rejectModal.title') },
    submit: { type: 'plain_text', text: t('terminations.rejectModal.submit') },
    close: { type: 'plain_text', text: t('terminations.rejectModal.cancel') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t('terminations.rejectModal.intro') } },
      {
        type: 'input',
        block_id: REJECT_REASON_BLOCK_ID,
        label: { type: 'plain_text', text: t('terminations.rejectModal.label') },
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
