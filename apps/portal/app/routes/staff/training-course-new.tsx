import { data, redirect } from 'react-router';
import { AppLink } from '../../components/app-link';
import { CourseForm } from '../../components/training/course-form';
import { useT } from '../../lib/i18n';
import { courseFormAction, emptyCourseForm } from '../../lib/training/staff-courses.server';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { Route } from './+types/training-course-new';

export function loader({ context, request }: Route.LoaderArgs) {
  requireTrainingStaff(context, request);
  return { values: emptyCourseForm() };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const result = await courseFormAction(deps, actor, await request.formData(), locale);
  if (result.ok) return redirect(`/s/training/courses/${result.courseId}?published=${result.version}`);
  return data({ ...result, at: Date.now() }, { status: result.status });
}

/** Staff write a new course in both languages with its assessment, and publish version 1. */
export default function NewTrainingCourse({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const refused = actionData && !actionData.ok ? actionData : null;
  return (
    <div className="page">
      <title>{`${t('training-staff.new.title')} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/training/courses">← {t('training-staff.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('training-staff.courses.title')}</p>
        <h1>{t('training-staff.new.title')}</h1>
        <p className="muted">{t('training-staff.new.intro')}</p>
      </header>
      <CourseForm
        key={refused?.at ?? 'new'}
        values={refused?.values ?? loaderData.values}
        errors={refused?.errors ?? {}}
        withCategory
        submitLabel={t('training-staff.new.submit')}
      />
    </div>
  );
}
