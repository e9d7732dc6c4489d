import { isLocale, type Locale } from '@outpost/i18n';

/** Block Kit ids of the risk alert card and its resolve modal (the listeners match on them). */
export const RISK_ALERT_ACTION_IDS = {
  acknowledge: 'risk_alert_acknowledge',
  assign: 'risk_alert_assign',
  resolve: 'risk_alert_resolve',
} as const;
export const RISK_RESOLVE_CALLBACK_ID = 'risk_alert_resolve_note';
export const RISK_NOTE_BLOCK_ID = 'note';
export const RISK_NOTE_ACTION_ID = 'note_input';

/**
 * The card's buttons sit in a block whose id carries the alert and the language(s) it was drawn
 * in: a users_select has no `value`, and the resolve modal must open at once, before any lookup,
 * while the click's trigger_id is valid. `both` is a channel card (Chinese and English).
 */
const PREFIX = 'risk_alert.';
export type CardLanguages = Locale | 'both';

export const riskBlockId = (alertId: string, languages: CardLanguages) => `${PREFIX}${languages}.${alertId}`;

export function parseRiskBlockId(
  blockId: string | undefined,
): { alertId: string; languages: CardLanguages } | null {
  if (!blockId?.startsWith(PREFIX)) return null;
  const rest = blockId.slice(PREFIX.length);
  const dot = rest.lastIndexOf('.');
  if (dot < 0) return null;
  const languages = rest.slice(0, dot);
  const alertId = rest.slice(dot + 1);
  if (languages !== 'both' && !isLocale(languages)) return null;
  return { alertId, languages: languages as CardLanguages };
}

export const localesOf = (languages: CardLanguages): readonly Locale[] =>
  languages === 'both' ? (['zh-CN', 'en'] as const) : [languages];
