import type { BadgeTone } from '@outpost/ui';
import type { Translate } from '@outpost/i18n';

/** How each partner status reads at a glance (active is good, suspended/terminated are not). */
export const statusTone: Record<string, BadgeTone> = {
  invited: 'info',
  applying: 'info',
  active: 'positive',
  suspended: 'caution',
  exiting: 'caution',
  terminated: 'negative',
};

export const criticalityTone: Record<string, BadgeTone> = {
  critical: 'negative',
  important: 'caution',
  standard: 'neutral',
};

// Keys are built from database values, which the catalogues cover one for one.
export const statusLabel = (t: Translate, status: string) => t(`status.${status}` as never);
export const categoryLabel = (t: Translate, category: string) => t(`category.${category}` as never);
export const criticalityLabel = (t: Translate, criticality: string) =>
  t(`criticality.${criticality}` as never);
