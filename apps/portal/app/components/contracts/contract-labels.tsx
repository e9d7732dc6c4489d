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
  renewed: 'positive', // in force with its renewed term (decision record 047)
  expired: 'neutral',
  terminated: 'negative',
};

/** A contract's status as a badge with its word (never colour alone). */
export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  const t = useT();
  return <Badge tone={tone[status]}>{t(`contracts.status.${status}`)}</Badge>;
}

/**
 * "Amendment under way" / "Renewal under way" beside a contract in the lists (decision record 047);
 * nothing when neither is open.
 */
export function UnderWayMarker({ underWay }: { underWay: 'amendment' | 'renewal' | null }) {
  const t = useT();
  if (!underWay) return null;
  return (
    <Badge tone="caution">
      {t(underWay === 'renewal' ? 'contracts.list.renewalUnderWay' : 'contracts.list.amendmentUnderWay')}
    </Badge>
  );
}
