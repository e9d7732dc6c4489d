import { type MessageKey, translate } from '@outpost/i18n';
import {
  type CardLanguages,
  localesOf,
  RISK_NOTE_ACTION_ID,
  RISK_NOTE_BLOCK_ID,
  RISK_RESOLVE_CALLBACK_ID,
} from '../risk/ids.ts';

/** Same bound as core's resolveRiskAlert note. */
export const RESOLUTION_NOTE_MAX = 4000;

/** The modal a "Resolve" click opens: a resolution always records what was done. */
export function resolveNoteModal(languages: CardLanguages, privateMetadata: string): Record<string, unknown> {
  const locales = localesOf(languages);
  const t = (key: MessageKey) => locales.map((l) => translate(l, key)).join(' / ');
  return {
    type: 'modal',
    callback_id: RISK_RESOLVE_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: t('riskSlack.resolveModal.title').slice(0, 24) },
    submit: { type: 'plain_text', text: t('riskSlack.resolveModal.submit').slice(0, 24) },
    close: { type: 'plain_text', text: t('riskSlack.resolveModal.cancel').slice(0, 24) },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: locales.map((l) => translate(l, 'riskSlack.resolveModal.intro')).join('\n'),
        },
      },
      {
        type: 'input',
        block_id: RISK_NOTE_BLOCK_ID,
        label: { type: 'plain_text', text: t('riskSlack.resolveModal.label') },
        element: {
          type: 'plain_text_input',
          action_id: RISK_NOTE_ACTION_ID,
          multiline: true,
          min_length: 1,
          max_length: RESOLUTION_NOTE_MAX,
        },
      },
    ],
  };
}
