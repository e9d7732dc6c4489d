import { Badge, type BadgeTone } from '@outpost/ui';
import { useT } from '../../lib/i18n';

export type ContractStatus =
  | 'draft'
  | 'legal_review'
  | 'approval'
  | 'signing'
  | 'active'
  | 'expiring'
  | 'renewed'
  | 'expired'
  | 'terminated';

const tone: Record<ContractStatus, BadgeTone> = {
  draft: 'neutral',
  legal_review: 'caution',
  approval: 'caution',
  signing: 'info',
  active: 'positive',
  expiring: 'caution',
  renewed: 'info',
  expired: 'neutral',
  terminated: 'negative',
};

/** A contract's status as a badge with its word (never colour alone). */
export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  const t = useT();
  return <Badge tone={tone[status]}>{t(`contracts.status.${status}`)}</Badge>;
}
