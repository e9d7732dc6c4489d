import { useT } from '../../lib/i18n';

/**
 * Where the application stands: document review → on-site inspection → pilot →
 * committee. The current stage is marked with aria-current and in words, so it is
 * not told by colour alone.
 */
export function StageSteps({
  stages,
  current,
  allDone,
}: {
  stages: readonly string[];
  current: string;
  /** Approved: every stage is behind it. */
  allDone: boolean;
}) {
  const t = useT();
  const currentIndex = stages.indexOf(current);
  return (
    <ol className="stage-steps" aria-label={t('partner-portal.application.stages')}>
      {stages.map((stage, index) => {
        const state =
          allDone || index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'upcoming';
        return (
          <li
            key={stage}
            className={`stage-steps__step stage-steps__step--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="stage-steps__marker" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <span className="stage-steps__name">{t(`stage.${stage}` as never)}</span>
            <span className="stage-steps__state">
              {state === 'done'
                ? t('partner-portal.application.stageDone')
                : state === 'current'
                  ? t('partner-portal.application.stageCurrent')
                  : t('partner-portal.application.stageUpcoming')}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
