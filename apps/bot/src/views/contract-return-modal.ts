import { type Locale, translate } from '@outpost/i18n';
import {
  CONTRACT_RETURN_CALLBACK_ID,
  RETURN_REASON_ACTION_ID,
  RETURN_REASON_BLOCK_ID,
} from '../contracts/ids.ts';

/** Same bounds as core's approvalDecisionInput, so Slack's own form check agrees with the domain's. */
export const RETURN_REASON_MIN = 3;
export const RETURN_REASON_MAX = 2000;

/** The modal a "Return" click opens: a contract never goes back without saying why. */
export function returnReasonModal(locale: Locale, privateMetadata: string): Record<string, unknown> {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return {
    type: 'modal',
    callback_id: CONTRACT_RETURN_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: t('contracts.returnModal.title') },
    submit: { type: 'plain_text', text: t('contracts.returnModal.submit') },
    close: { type: 'plain_text', text: t('contracts.returnModal.cancel') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t('contracts.returnModal.intro') } },
      {
        type: 'input',
        block_id: RETURN_REASON_BLOCK_ID,
        label: { type: 'plain_text', text: t('contracts.returnModal.label') },
        element: {
          type: 'plain_text_input',
          action_id: RETURN_REASON_ACTION_ID,
          multiline: true,
          min_length: RETURN_REASON_MIN,
          max_length: RETURN_REASON_MAX,
        },
      },
    ],
  };
}
