import { useT } from '../../lib/i18n';

const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/**
 * One line of annual progress: hours done against hours required, as a labelled <progress> so a
 * screen reader announces the same figures that are printed beside it.
 */
export function HoursBar({ label, done, required }: { label: string; done: number; required: number }) {
  const t = useT();
  const value = t('training.progressValue', { done: hours(done), required: hours(required) });
  const met = required > 0 && done >= required;
  return (
    <div className={`hours-bar${met ? ' hours-bar--met' : ''}`}>
      <div className="hours-bar__label">
        <span>{label}</span>
        <span>
          {value}
          {met ? ` · ✓ ${t('training.progressMet')}` : ''}
        </span>
      </div>
      <progress
        max={Math.max(required, 1)}
        value={Math.min(done, Math.max(required, 1))}
        aria-label={`${label}: ${value}`}
      >
        {value}
      </progress>
    </div>
  );
}
