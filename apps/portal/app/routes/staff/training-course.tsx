import { assignmentChoices, completionsByVersion, courseAssignments, courseForAuthors } from '@outpost/core';
import { formatDateTime, formatDay } from '@outpost/i18n';
import { Alert, EmptyState, SelectField } from '@outpost/ui';
import Markdown from 'react-markdown';
import { data, Form, redirect, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { InputField } from '../../components/staff/fields';
import { TableRegion } from '../../components/table-region';
import { CourseForm } from '../../components/training/course-form';
import { categoryLabel } from '../../components/partner-labels';
import { formText, orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { assignmentAction, courseFormAction, formFromVersion } from '../../lib/training/staff-courses.server';
import { serviceCategories } from '../../lib/training/roster.server';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { Route } from './+types/training-course';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const { course, versions } = await orRouteError(locale, () =>
    courseForAuthors(deps.db, actor, params.courseId),
  );
  const [counts, assignments, choices] = await Promise.all([
    completionsByVersion(deps.db, actor, course.id),
    courseAssignments(deps.db, actor, course.id),
    assignmentChoices(deps.db, actor),
  ]);
  const current = versions.find((v) => v.id === course.currentVersionId) ?? versions[0]!;
  return {
    course: { id: course.id, category: course.category },
    current: {
      id: current.id,
      version: current.version,
      titleZh: current.titleZh,
      titleEn: current.titleEn,
      bodyZh: current.bodyZh,
      bodyEn: current.bodyEn,
      videoUrl: current.videoUrl,
      attachments: current.attachments.map((a) => ({ id: a.id, fileName: a.fileName })),
    },
    nextVersion: (versions[0]?.version ?? 0) + 1,
    values: formFromVersion(course.category, current),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      title: locale === 'en' ? v.titleEn : v.titleZh,
      hours: String(v.creditMinutes / 60),
      questions: v.questions.length,
      attachments: v.attachments.map((a) => ({ id: a.id, fileName: a.fileName })),
      published: formatDateTime(locale, v.publishedAt),
      completions: counts.get(v.id) ?? 0,
    })),
    assignments: assignments.map((a) => ({
      id: a.id,
      target: a.target,
      partnerName: a.partnerName ?? '',
      personName: a.personName ?? '',
      serviceCategory: a.serviceCategory ?? '',
      due: formatDay(locale, a.dueDate) ?? a.dueDate,
      people: a.people,
      completed: a.completed,
    })),
    choices,
    serviceCategories: [...serviceCategories],
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const form = await request.formData();
  const intent = formText(form, 'intent');
  if (intent === 'assign' || intent === 'cancel') {
    const result = await assignmentAction(deps, actor, form, locale, params.courseId);
    return data(
      { kind: 'assign' as const, ...result, at: Date.now() },
      { status: result.ok ? 200 : result.status },
    );
  }
  const result = await courseFormAction(deps, actor, form, locale, params.courseId);
  if (result.ok) return redirect(`/s/training/courses/${params.courseId}?published=${result.version}`);
  return data({ kind: 'course' as const, ...result, at: Date.now() }, { status: result.status });
}

/** One course for its authors: current content, version history, the next version, assignments. */
export default function TrainingCourse({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const view = loaderData;
  const en = locale === 'en';
  const published = params.get('published');
  const courseResult = actionData?.kind === 'course' && !actionData.ok ? actionData : null;
  const assign = actionData?.kind === 'assign' ? actionData : null;
  const assignErrors = assign && !assign.ok ? assign.errors : null;
  return (
    <div className="page">
      <title>{`${en ? view.current.titleEn : view.current.titleZh} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/training/courses">← {t('training-staff.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t(`training.category.${view.course.category}`)}</p>
        <h1>{en ? view.current.titleEn : view.current.titleZh}</h1>
        <p className="muted">
          {en ? view.current.titleZh : view.current.titleEn} ·{' '}
          {t('training-staff.course.current', { version: view.current.version })}
        </p>
      </header>
      {published ? (
        <Alert tone="success">{t('training-staff.course.published', { version: published })}</Alert>
      ) : null}

      <section className="card stack" aria-labelledby="preview-heading">
        <h2 id="preview-heading">{t('training-staff.course.preview')}</h2>
        <div className="course-body">
          <Markdown skipHtml>{en ? view.current.bodyEn : view.current.bodyZh}</Markdown>
        </div>
        {view.current.videoUrl ? (
          <p>
            {t('training-staff.course.video')}
            {t('common.colon')}
            <a href={view.current.videoUrl} rel="noopener noreferrer" target="_blank">
              {view.current.videoUrl}
            </a>
          </p>
        ) : null}
        {view.current.attachments.length > 0 ? (
          <ul>
            {view.current.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/s/training/attachments/${view.current.id}/${a.id}`}>{a.fileName}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('training-staff.course.versions')}</h2>
        <TableRegion labelledBy="versions-heading">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('training-staff.courses.version')}</th>
                <th scope="col">{t('training-staff.courses.courseTitle')}</th>
                <th scope="col">{t('training-staff.courses.hours')}</th>
                <th scope="col">{t('training-staff.course.questionsCount')}</th>
                <th scope="col">{t('training-staff.course.attachmentsTitle')}</th>
                <th scope="col">{t('training-staff.course.publishedBy')}</th>
                <th scope="col">{t('training-staff.course.completions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.version}</th>
                  <td>{v.title}</td>
                  <td>{v.hours}</td>
                  <td>{v.questions}</td>
                  <td>
                    {v.attachments.map((a) => (
                      <div key={a.id}>
                        <a href={`/s/training/attachments/${v.id}/${a.id}`}>{a.fileName}</a>
                      </div>
                    ))}
                  </td>
                  <td>{v.published}</td>
                  <td>{v.completions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      <section className="stack" aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">{t('training-staff.assign.title')}</h2>
        {assign?.ok ? <Alert tone="success">{assign.notice}</Alert> : null}
        {assignErrors?.form ? <Alert tone="error">{assignErrors.form}</Alert> : null}
        {view.assignments.length === 0 ? (
          <EmptyState title={t('training-staff.assign.none')} />
        ) : (
          <TableRegion labelledBy="assignments-heading">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('training-staff.assign.target')}</th>
                  <th scope="col">{t('training-staff.assign.due')}</th>
                  <th scope="col">{t('training-staff.assign.people')}</th>
                  <th scope="col">{t('training-staff.assign.completed')}</th>
                  <th scope="col">{t('training.roster.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {view.assignments.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {a.target === 'partner'
                        ? t('training-staff.assign.targetPartner', { name: a.partnerName })
                        : a.target === 'category'
                          ? t('training-staff.assign.targetCategory', {
                              category: categoryLabel(t, a.serviceCategory),
                            })
                          : t('training-staff.assign.targetPerson', {
                              name: a.personName,
                              partner: a.partnerName,
                            })}
                    </th>
                    <td>{a.due}</td>
                    <td>{a.people}</td>
                    <td>{a.completed}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancel" />
                        <input type="hidden" name="assignmentId" value={a.id} />
                        <button type="submit" className="button button--quiet button--small">
                          {t('training-staff.assign.cancel')}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        <Form
          method="post"
          className="card stack"
          aria-labelledby="assign-heading"
          key={assign?.at ?? 'assign'}
        >
          <h3 id="assign-heading">{t('training-staff.assign.addTitle')}</h3>
          <input type="hidden" name="intent" value="assign" />
          <SelectField
            name="target"
            label={t('training-staff.assign.kind')}
            defaultValue="partner"
            error={assignErrors?.fields?.target}
            options={(['partner', 'category', 'person'] as const).map((k) => ({
              value: k,
              label: t(`training-staff.assign.kind.${k}`),
            }))}
          />
          <SelectField
            name="partnerId"
            label={t('training-staff.assign.partner')}
            error={assignErrors?.fields?.partnerId}
            options={[
              { value: '', label: t('training-staff.assign.choose') },
              ...view.choices.partners.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          <SelectField
            name="serviceCategory"
            label={t('training-staff.assign.serviceCategory')}
            error={assignErrors?.fields?.serviceCategory}
            options={[
              { value: '', label: t('training-staff.assign.choose') },
              ...view.serviceCategories.map((c) => ({ value: c, label: categoryLabel(t, c) })),
            ]}
          />
          <SelectField
            name="personId"
            label={t('training-staff.assign.person')}
            error={assignErrors?.fields?.personId}
            options={[
              { value: '', label: t('training-staff.assign.choose') },
              ...view.choices.people.map((p) => ({ value: p.id, label: `${p.name} (${p.partnerName})` })),
            ]}
          />
          <InputField
            name="dueDate"
            type="date"
            label={t('training-staff.assign.due')}
            error={assignErrors?.fields?.dueDate}
          />
          <div>
            <button type="submit" className="button button--primary">
              {t('training-staff.assign.submit')}
            </button>
          </div>
        </Form>
      </section>

      <section className="stack" aria-labelledby="publish-heading">
        <h2 id="publish-heading">{t('training-staff.course.publishTitle')}</h2>
        <p className="muted">{t('training-staff.course.publishIntro')}</p>
        <CourseForm
          key={courseResult?.at ?? 'publish'}
          values={courseResult?.values ?? view.values}
          errors={courseResult?.errors ?? {}}
          withCategory={false}
          attachments={view.current.attachments}
          submitLabel={t('training-staff.course.publish', { version: view.nextVersion })}
        />
      </section>
    </div>
  );
}
