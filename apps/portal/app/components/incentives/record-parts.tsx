import { formatNumber, type Locale, type MessageKey } from '@outpost/i18n';
import { Badge, type BadgeTone } from '@outpost/ui';
import { useLocale, useT } from '../../lib/i18n';

/** What a record row needs for its "why" line (staff and partner alike). */
export interface RecordSummary {
  quarter: string;
  serviceCategory: string;
  tierName: string;
  tierSetVersion: number;
  tier: {
    businessWeight: number;
    routingPriority?: boolean;
    recognition?: boolean;
    rectification?: boolean;
    suspension?: boolean;
    terminationReview?: boolean;
  };
  kind: string;
  score: number | null;
  grade: string | null;
  amountCents: number;
  feeBasis: string;
  quarterFeeCents: number;
  contractReference: string | null;
  status: string;
  rejectReason: string | null;
}

export const yuan = (locale: Locale, cents: number) => `¥${formatNumber(locale, cents / 100, 2)}`;

const tones: Record<string, BadgeTone> = {
  applied: 'positive',
  pending_approval: 'caution',
  on_hold: 'info',
  rejected: 'negative',
  withdrawn: 'neutral',
};

export function IncentiveStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <Badge tone={tones[status] ?? 'neutral'}>{t(`incentives.status.${status}` as MessageKey)}</Badge>;
}

/** The reasons of a record: tier from score and grade, the fee base, the measures, a rejection. */
export function RecordReason({ record }: { record: RecordSummary }) {
  const t = useT();
  const locale = useLocale();
  const measures = [
    t(`incentives.kind.${record.kind}` as MessageKey),
    t('incentives.measure.weight', { weight: formatNumber(locale, record.tier.businessWeight, 2) }),
    ...(['routingPriority', 'recognition', 'rectification', 'suspension', 'terminationReview'] as const)
      .filter((m) => record.tier[m] === true)
      .map((m) => t(`incentives.measure.${m}`)),
  ];
  const fee = yuan(locale, record.quarterFeeCents);
  return (
    <div className="stack">
      <p>
        {t('incentives.records.reason', {
          quarter: record.quarter,
          score: record.score === null ? '—' : formatNumber(locale, record.score, 1),
          grade: record.grade ?? '—',
          tier: record.tierName,
          version: record.tierSetVersion,
        })}
      </p>
      <p className="muted">
        {record.feeBasis === 'contract'
          ? t('incentives.records.feeContract', { reference: record.contractReference ?? '', fee })
          : t('incentives.records.feeConfigured', { fee })}
      </p>
      <p>
        {t('incentives.records.measures')}: {measures.join(' · ')}
      </p>
      {record.status === 'rejected' && record.rejectReason ? (
        <p>{t('incentives.records.rejected', { reason: record.rejectReason })}</p>
      ) : null}
    </div>
  );
}
