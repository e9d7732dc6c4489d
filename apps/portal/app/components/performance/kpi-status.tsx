import { Badge } from '@outpost/ui';
import { useT } from '../../lib/i18n';
import { statusMark, statusTone } from '../../lib/performance/format';

/** A KPI's status: a coloured badge whose words carry the meaning (never colour alone). */
export function KpiStatusBadge({ status }: { status: keyof typeof statusTone }) {
  const t = useT();
  return (
    <Badge tone={statusTone[status]}>
      <span aria-hidden="true" className="kpi-status__mark">{`${statusMark[status]} `}</span>
      {t(`kpi_status.${status}`)}
    </Badge>
  );
}
