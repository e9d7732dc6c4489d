import type { Translate } from '@outpost/i18n';
import type { BadgeTone } from '@outpost/ui';

/** How review and item states read at a glance; a badge always carries the word too. */
export const reviewTone: Record<string, BadgeTone> = {
  draft: 'neutral',
  finalised: 'info',
  acknowledged: 'positive',
  appealed: 'caution',
  appeal_upheld: 'neutral',
};
export const itemTone: Record<string, BadgeTone> = { open: 'caution', submitted: 'info', closed: 'positive' };
export const decisionTone: Record<string, BadgeTone> = {
  bonus: 'positive',
  no_change: 'neutral',
  warning: 'caution',
  rectification: 'caution',
  suspension: 'negative',
  termination_recommendation: 'negative',
};
export const kpiTone: Record<string, BadgeTone> = {
  met: 'positive',
  below_target: 'info',
  // Snapshots drafted before decision 024 hold "good" (no worse than the warning threshold).
  good: 'positive',
  warning: 'caution',
  critical: 'negative',
  no_data: 'neutral',
};

// Keys are built from database values, which the catalogue covers one for one.
export const reviewStatusLabel = (t: Translate, status: string) => t(`review_status.${status}` as never);
export const decisionLabel = (t: Translate, decision: string | null) =>
  decision ? t(`decision.${decision}` as never) : t('reviews.noDecision');
export const itemStatusLabel = (t: Translate, status: string) => t(`rectification_status.${status}` as never);
export const outcomeLabel = (t: Translate, outcome: string) => t(`outcome.${outcome}` as never);
export const kpiStatusLabel = (t: Translate, status: string) => t(`kpi_status.${status}` as never);
