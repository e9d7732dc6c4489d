import type { Translate } from '@outpost/i18n';
import type { BadgeTone } from '@outpost/ui';

/** How document and application states read at a glance; the badge always carries the word too. */
export const documentTone: Record<string, BadgeTone> = {
  submitted: 'info',
  accepted: 'positive',
  rejected: 'negative',
  expired: 'caution',
};

export const applicationTone: Record<string, BadgeTone> = {
  in_progress: 'info',
  approved: 'positive',
  rejected: 'negative',
  withdrawn: 'neutral',
};

// Keys are built from database values, which the catalogues cover one for one.
export const documentStatusLabel = (t: Translate, status: string) =>
  t(`staff-portal.docStatus.${status}` as never);
export const applicationStatusLabel = (t: Translate, status: string) =>
  t(`staff-portal.appStatus.${status}` as never);
export const stageLabel = (t: Translate, stage: string) => t(`stage.${stage}` as never);
export const voteLabel = (t: Translate, vote: string) => t(`vote.${vote}` as never);
export const eventLabel = (t: Translate, kind: string) => t(`staff-portal.event.${kind}` as never);
