import { Badge, type BadgeTone } from '@outpost/ui';
import { useT } from '../../lib/i18n';

type Level = 'notice' | 'warning' | 'critical';
type Status = 'open' | 'acknowledged' | 'resolved' | 'dismissed';

const levelTone: Record<Level, BadgeTone> = { notice: 'info', warning: 'caution', critical: 'negative' };
const levelMark: Record<Level, string> = { notice: 'i', warning: '!', critical: '✕' };
const statusTone: Record<Status, BadgeTone> = {
  open: 'caution',
  acknowledged: 'info',
  resolved: 'positive',
  dismissed: 'neutral',
};

/** A level as a coloured badge with a mark and the word (never colour alone). */
export function LevelBadge({ level }: { level: Level }) {
  const t = useT();
  return (
    <Badge tone={levelTone[level]}>
      <span aria-hidden="true">{levelMark[level]} </span>
      {t(`risk.level.${level}`)}
    </Badge>
  );
}

export function AlertStatusBadge({ status }: { status: Status }) {
  const t = useT();
  return <Badge tone={statusTone[status]}>{t(`risk.alertStatus.${status}`)}</Badge>;
}

/** The word "Overdue", shown next to a deadline that has passed with nobody responding. */
export function OverdueBadge() {
  const t = useT();
  return (
    <Badge tone="negative">
      <span aria-hidden="true">! </span>
      {t('risk.alerts.overdue')}
    </Badge>
  );
}
