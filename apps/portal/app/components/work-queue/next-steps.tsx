import { EmptyState } from '@outpost/ui';
import { useT } from '../../lib/i18n';
import type { NextStepView } from '../../lib/work-queue/next-steps.server';
import { AppLink } from '../app-link';

/** The partner's next steps, numbered in the order to do them, each a link to the exact place; "all done" when none. */
export function NextSteps({ steps }: { steps: NextStepView[] }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="next-steps-heading">
      <h2 id="next-steps-heading">{t('work-queue.next.title')}</h2>
      {steps.length === 0 ? (
        <EmptyState title={t('work-queue.next.allDone')}>
          <p>{t('work-queue.next.allDoneHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="muted">{t('work-queue.next.intro')}</p>
          <ol className="next-steps">
            {steps.map((step) => (
              <li
                key={step.key}
                className={`next-steps__item${step.urgent ? ' next-steps__item--urgent' : ''}`}
              >
                <AppLink to={step.href} className="next-steps__action">
                  {step.action}
                </AppLink>
                <p className="next-steps__detail">{step.detail}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
