import { VisuallyHidden } from '@outpost/ui';
import { useT } from '../../lib/i18n';
import { stageLabel } from './labels';

/**
 * The four admission stages as numbered steps. The current one is marked with
 * aria-current="step"; finished ones say so in words, not only by colour.
 */
export function StageSteps({
  stages,
  current,
  closed,
}: {
  stages: string[];
  current: number;
  closed: boolean;
}) {
  const t = useT();
  return (
    <ol className="staff-steps" aria-label={t('staff-portal.application.stages')}>
      {stages.map((stage, index) => {
        const state =
          index < current
            ? 'done'
            : index === current && !closed
              ? 'current'
              : index === current
                ? 'done'
                : 'todo';
        return (
          <li
            key={stage}
            className={`staff-steps__step staff-steps__step--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="staff-steps__number" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <span>{stageLabel(t, stage)}</span>
            <VisuallyHidden>
              {state === 'done'
                ? t('staff-portal.application.stepDone')
                : state === 'current'
                  ? t('staff-portal.application.stepCurrent')
                  : t('staff-portal.application.stepTodo')}
            </VisuallyHidden>
          </li>
        );
      })}
    </ol>
  );
}
