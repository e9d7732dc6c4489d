import { type Locale, type MessageKey, translate } from '@outpost/i18n';
import { BALLOT_IDS, REASON_ACTION_ID, REASON_BLOCK_ID } from '../ballots/ids.ts';
import type { BallotKind } from '../ballots/kind.ts';

/** Same bounds as core's decision inputs, so Slack's own form check agrees with the domain's. */
export const REASON_MIN = 3;
export const REASON_MAX = 2000;

/** The modal a Return… / Reject… click opens: nothing goes back or is rejected without saying why. */
export function ballotReasonModal(
  kind: BallotKind,
  locale: Locale,
  privateMetadata: string,
): Record<string, unknown> {
  const t = (key: 'title' | 'submit' | 'cancel' | 'intro' | 'label') =>
    translate(locale, `${kind.modal}.${key}` satisfies MessageKey);
  return {
    type: 'modal',
    callback_id: BALLOT_IDS[kind.kind].callbackId,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: t('title') },
    submit: { type: 'plain_text', text: t('submit') },
    close: { type: 'plain_text', text: t('cancel') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t('intro') } },
      {
        type: 'input',
        block_id: REASON_BLOCK_ID,
        label: { type: 'plain_text', text: t('label') },
        element: {
          type: 'plain_text_input',
          action_id: REASON_ACTION_ID,
          multiline: true,
          min_length: REASON_MIN,
          max_length: REASON_MAX,
        },
      },
    ],
  };
}
