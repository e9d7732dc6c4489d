import { Badge, type BadgeTone } from '@outpost/ui';
import { useT } from '../../lib/i18n';

type IncidentStatus = 'open' | 'contained' | 'closed';
type TaskStatus = 'open' | 'submitted' | 'verified';

const incidentTone: Record<IncidentStatus, BadgeTone> = {
  open: 'negative',
  contained: 'caution',
  closed: 'positive',
};
const taskTone: Record<TaskStatus, BadgeTone> = { open: 'caution', submitted: 'info', verified: 'positive' };

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const t = useT();
  return <Badge tone={incidentTone[status]}>{t(`risk.incidentStatus.${status}`)}</Badge>;
}

export function TaskStatusBadge({ status, overdue }: { status: TaskStatus; overdue?: boolean }) {
  const t = useT();
  return (
    <>
      <Badge tone={taskTone[status]}>{t(`risk.taskStatus.${status}`)}</Badge>
      {overdue ? (
        <>
          {' '}
          <Badge tone="negative">
            <span aria-hidden="true">! </span>
            {t('risk.task.overdue')}
          </Badge>
        </>
      ) : null}
    </>
  );
}
