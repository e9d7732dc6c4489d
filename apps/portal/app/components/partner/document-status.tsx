import { Badge, type BadgeTone } from '@outpost/ui';
import { useT } from '../../lib/i18n';
import type { DocumentState } from '../../lib/partner/documents.server';

const tone: Record<DocumentState, BadgeTone> = {
  missing: 'neutral',
  submitted: 'info',
  accepted: 'positive',
  rejected: 'negative',
  expired: 'caution',
};

/** A document's review state in words (the colour only repeats what the text says). */
export function DocumentStatus({ state }: { state: DocumentState }) {
  const t = useT();
  return <Badge tone={tone[state]}>{t(`partner-portal.documents.status.${state}`)}</Badge>;
}
