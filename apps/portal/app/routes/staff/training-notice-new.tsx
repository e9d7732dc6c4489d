import { noticeAudienceChoices } from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { data, redirect } from 'react-router';
import { AppLink } from '../../components/app-link';
import { NoticeForm } from '../../components/training/notice-form';
import { useT } from '../../lib/i18n';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import { emptyNoticeForm, noticeFormAction } from '../../lib/training/staff-notices.server';
import type { Route } from './+types/training-notice-new';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps } = requireTrainingStaff(context, request);
  return {
    values: emptyNoticeForm(),
    choices: await noticeAudienceChoices(deps.db, actor),
    serviceCategories,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const result = await noticeFormAction(deps, actor, await request.formData(), locale);
  if (result.ok) return redirect(`/s/training/notices/${result.noticeId}?published=1`);
  return data({ ...result, at: Date.now() }, { status: result.status });
}

/** Staff write a notice in both languages, choose who it is for, and publish it. */
export default function NewTrainingNotice({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const refused = actionData && !actionData.ok ? actionData : null;
  return (
    <div className="page">
      <title>{`${t('training-notices.new.title')} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/training/notices">← {t('training-notices.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('training-notices.staff.title')}</p>
        <h1>{t('training-notices.new.title')}</h1>
        <p className="muted">{t('training-notices.new.intro')}</p>
      </header>
      <NoticeForm
        key={refused?.at ?? 'new'}
        values={refused?.values ?? loaderData.values}
        errors={refused?.errors ?? {}}
        choices={loaderData.choices}
        serviceCategories={loaderData.serviceCategories}
      />
    </div>
  );
}
