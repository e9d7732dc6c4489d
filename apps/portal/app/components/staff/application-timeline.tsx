import { Badge } from '@outpost/ui';
import { useT } from '../../lib/i18n';
import { eventLabel, stageLabel } from './labels';

export interface TimelineEvent {
  id: string;
  kind: string;
  fromStage: string | null;
  toStage: string | null;
  reason: string | null;
  actorName: string | null;
  internal: boolean;
  at: string;
}

/** Who did what and when, oldest first, with reasons; internal entries (never shown to the partner) are marked. */
export function ApplicationTimeline({
  events,
  decision,
}: {
  events: TimelineEvent[];
  decision: { status: string; at: string } | null;
}) {
  const t = useT();
  return (
    <ol className="staff-timeline">
      {/* The decision event is shown once, below, with its outcome. */}
      {events
        .filter((e) => e.kind !== 'decided')
        .map((e) => (
          <li key={e.id} className="staff-timeline__item">
            <p className="staff-timeline__what">
              {eventLabel(t, e.kind)}
              {e.toStage ? (
                <span>
                  {' '}
                  {e.fromStage
                    ? t('staff-portal.event.fromTo', {
                        from: stageLabel(t, e.fromStage),
                        to: stageLabel(t, e.toStage),
                      })
                    : t('staff-portal.event.to', { to: stageLabel(t, e.toStage) })}
                </span>
              ) : null}{' '}
              {e.internal ? <Badge tone="neutral">{t('staff-portal.event.internal')}</Badge> : null}
            </p>
            <p className="muted staff-timeline__meta">
              <time>{e.at}</time> · {e.actorName ?? t('staff-portal.event.system')}
            </p>
            {e.reason ? (
              <p className="staff-timeline__reason">
                {t('staff-portal.event.reason')} {e.reason}
              </p>
            ) : null}
          </li>
        ))}
      {decision ? (
        <li className="staff-timeline__item">
          <p className="staff-timeline__what">
            {t(`staff-portal.event.decided.${decision.status}` as never)}
          </p>
          <p className="muted staff-timeline__meta">
            <time>{decision.at}</time>
          </p>
        </li>
      ) : null}
    </ol>
  );
}
