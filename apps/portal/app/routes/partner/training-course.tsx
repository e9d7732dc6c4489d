import { submitAttempt } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { Alert, Badge } from '@outpost/ui';
import Markdown from 'react-markdown';
import { data, Form, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { answersFromForm, courseView } from '../../lib/training/course-view.server';
import type { Route } from './+types/training-course';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  return orRouteError(locale, () => courseView(deps.db, actor, params.courseId, locale));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const form = await request.formData();
  try {
    const result = await submitAttempt(deps.db, actor, {
      courseId: params.courseId,
      versionId: formText(form, 'versionId'),
      attempt: Number(formText(form, 'attempt')),
      answers: answersFromForm(form),
    });
    return { result, error: null, at: Date.now() };
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    const message =
      mapped.errors.form ??
      Object.values(mapped.errors.fields ?? {})[0] ??
      translate(locale, 'errors.refused');
    return data({ result: null, error: message, at: Date.now() }, { status: mapped.status });
  }
}

/** A course: its content in the reader's language, then the assessment, then the result. */
export default function TrainingCourse({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const course = loaderData;
  const result = actionData?.result ?? null;
  const wrong = new Set(result?.wrong ?? []);
  const numberOf = new Map(course.questions.map((q, i) => [q.id, i + 1]));
  return (
    <div className="page page--medium">
      <title>{`${course.title} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/p/training">← {t('training.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">
          {t(`training.category.${course.category}` as 'training.category.law_ethics')} ·{' '}
          {t('training.credit', { hours: course.hours })} ·{' '}
          {t('training.version', { version: course.version })}
        </p>
        <h1>{course.title}</h1>
        {course.completedOn ? null : <p className="muted">{t('training.due', { date: course.due })}</p>}
      </header>

      <article className="card course-body">
        {/* react-markdown builds React elements and drops raw HTML: staff-written content cannot inject script. */}
        <Markdown skipHtml>{course.body}</Markdown>
        {course.videoUrl ? (
          <p>
            <a href={course.videoUrl} rel="noopener noreferrer" target="_blank">
              {t('training.video')}
            </a>
          </p>
        ) : null}
        {course.attachments.length > 0 ? (
          <section aria-label={t('training-staff.course.attachmentsTitle')}>
            <h2>{t('training-staff.course.attachmentsTitle')}</h2>
            <ul>
              {course.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/p/training/attachments/${course.versionId}/${a.id}`}>{a.fileName}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>

      {actionData?.error ? <Alert tone="error">{actionData.error}</Alert> : null}
      {result ? (
        <div role="status">
          {result.passed ? (
            <Alert tone="success">{t('training.resultPassed', { score: result.score })}</Alert>
          ) : (
            <Alert tone="error">
              {t('training.resultFailed', {
                score: result.score,
                mark: course.passMark,
                left: result.attemptsLeft,
              })}
              {result.wrong.length > 0 ? (
                <>
                  {/* Chinese sentences run on without a space. */}
                  {locale === 'en' ? ' ' : ''}
                  {t('training.resultWrong', {
                    questions: result.wrong
                      .map((id) => t('training.question', { n: numberOf.get(id) ?? id }))
                      .join(locale === 'en' ? ', ' : '、'),
                  })}
                </>
              ) : null}
            </Alert>
          )}
        </div>
      ) : null}

      {course.completedOn ? (
        <section className="card stack" aria-labelledby="certificate-heading">
          <h2 id="certificate-heading">{t('training.certificateTitle')}</h2>
          <p>
            <Badge tone="positive">{t('training.status.passed')}</Badge>{' '}
            {t('training.passedOn', { date: course.completedOn })}
          </p>
          <p>
            <a href={`/p/training/${course.courseId}/certificate`} download>
              {t('training.certificateDownload')}
            </a>{' '}
            · {t('training.certificateCode')}: <code>{course.certificateCode}</code>
          </p>
        </section>
      ) : course.attemptsLeft === 0 ? (
        <Alert tone="info">{t('training.noAttemptsLeft')}</Alert>
      ) : (
        <section className="card stack" aria-labelledby="assessment-heading">
          <h2 id="assessment-heading">{t('training.assessmentTitle')}</h2>
          <p className="muted">
            {t('training.assessmentIntro', {
              attempt: course.attempt,
              limit: course.attemptLimit,
              mark: course.passMark,
            })}
          </p>
          <Form method="post" className="stack" key={`attempt-${course.attempt}`}>
            <input type="hidden" name="versionId" value={course.versionId} />
            <input type="hidden" name="attempt" value={course.attempt} />
            {course.questions.map((q, index) => (
              <fieldset
                key={q.id}
                className={`assessment-question${wrong.has(q.id) ? ' assessment-question--wrong' : ''}`}
              >
                <legend>
                  {t('training.question', { n: index + 1 })}: {q.prompt}
                </legend>
                <p className="muted">
                  {q.kind === 'single' ? t('training.chooseOne') : t('training.chooseAll')}
                </p>
                {q.options.map((o) => (
                  <label key={o.value}>
                    <input
                      type={q.kind === 'single' ? 'radio' : 'checkbox'}
                      name={`q:${q.id}`}
                      value={o.value}
                    />
                    <span>{o.text}</span>
                  </label>
                ))}
              </fieldset>
            ))}
            <p>
              <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
                {t('training.submit')}
              </button>
            </p>
          </Form>
        </section>
      )}
    </div>
  );
}
