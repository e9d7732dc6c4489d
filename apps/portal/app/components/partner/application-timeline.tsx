import type { MessageKey } from '@outpost/i18n';
import { useT } from '../../lib/i18n';

export interface TimelineEvent {
  id: string;
  kind: string;
  toStage: string | null;
  reason: string | null;
  actorName: string | null;
  at: string;
  when: string;
}

const knownKinds = new Set([
  'submitted',
  'stage_changed',
  'returned',
  'withdrawn',
  'inspection_recorded',
  'pilot_recorded',
  'decided',
]);

/** What happened to the application and when, oldest first, as core shows it to the partner. */
export function ApplicationTimeline({ events, outcome }: { events: TimelineEvent[]; outcome: string }) {
  const t = useT();
  return (
    <ol className="timeline">
      {events.map((e) => {
        const key = (
          knownKinds.has(e.kind)
            ? `partner-portal.application.event.${e.kind}`
            : 'partner-portal.application.event.other'
        ) as MessageKey;
        return (
          <li key={e.id} className={`timeline__item timeline__item--${e.kind}`}>
            <p className="timeline__what">{t(key, { stage: e.toStage ?? '', outcome })}</p>
            {e.reason ? (
              <p className="timeline__reason">
                {t('partner-portal.application.event.reason', { reason: e.reason })}
              </p>
            ) : null}
            <p className="timeline__meta">
              <time dateTime={e.at}>{e.when}</time>
              {e.actorName ? ` · ${t('partner-portal.application.event.by', { name: e.actorName })}` : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
