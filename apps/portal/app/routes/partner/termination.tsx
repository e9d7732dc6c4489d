import {
  AppError,
  can,
  handoversToMe,
  ownTermination,
  requestTermination,
  submitTerminationTask,
  uploadTerminationCertificate,
} from '@outpost/core';
import { formatBytes, formatDateTime, translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { data, Form } from 'react-router';
import { HandedOverCases } from '../../components/terminations/handed-over-cases';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useLocale, useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { uploadRefusalMessage } from '../../lib/upload-refusal.server';
import type { Route } from './+types/termination';
import { IntentForm } from '../../components/intent-form';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const [own, handovers] = await orRouteError(locale, () =>
    Promise.all([ownTermination(deps.db, actor), handoversToMe(deps.db, actor)]),
  );
  return {
    // Open service cases of a leaving partner handed to this one as its successor (049, part 2).
    handovers: handovers.map((h) => ({
      caseId: h.caseId,
      fromName: h.fromName,
      openedAt: h.openedAt ? formatDateTime(locale, h.openedAt) : null,
      slaDueAt: h.slaDueAt ? formatDateTime(locale, new Date(h.slaDueAt)) : null,
      movedAt: formatDateTime(locale, h.movedAt),
    })),
    // Administrators act (partner_admin holds manage:partner-users:own); members read.
    mayAct: can(actor, 'manage:partner-users:own'),
    maxSize: formatBytes(locale, deps.uploadMaxBytes),
    own: own
      ? {
          ...own,
          tasks: own.tasks.map((t) => ({
            id: t.id,
            titleZh: t.titleZh,
            titleEn: t.titleEn,
            dueDate: t.dueDate,
            status: t.status,
            needsCertificate: t.needsCertificate,
            certificateFileName: t.certificateFileName,
          })),
        }
      : null,
  };
}

/** Ask to end the arrangement, or upload a task's certificate (if chosen) and submit the task. */
export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  if (Number(request.headers.get('content-length') ?? 0) > deps.uploadMaxBytes + 64 * 1024) {
    const form = translate(locale, 'errors.file_too_large', {
      size: formatBytes(locale, deps.uploadMaxBytes),
    });
    return data({ ok: false as const, taskId: null, errors: { form } as FormErrors }, { status: 413 });
  }
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const taskId = formText(form, 'taskId');
  try {
    if (intent === 'request') {
      await requestTermination(deps.db, actor, {
        reason: formText(form, 'reason'),
        effectiveDate: formText(form, 'effectiveDate'),
      });
      return data({ ok: true as const, taskId: null, notice: translate(locale, 'terminations.requested') });
    }
    if (intent !== 'submit') {
      return data(
        { ok: false as const, taskId: null, errors: { form: 'Unknown action.' } as FormErrors },
        { status: 400 },
      );
    }
    const own = await ownTermination(deps.db, actor);
    if (!own?.tasks.some((t) => t.id === taskId))
      throw new AppError('not_found', 'Task not found.', { messageKey: 'errors.not_found' });
    const file = form.get('file');
    if (file instanceof File && file.size > 0) {
      await uploadTerminationCertificate(
        deps.db,
        actor,
        deps.storage,
        { taskId, fileName: file.name || 'certificate', bytes: new Uint8Array(await file.arrayBuffer()) },
        { maxBytes: deps.uploadMaxBytes },
      );
    }
    await submitTerminationTask(deps.db, actor, { taskId, note: formText(form, 'note') });
    return data({ ok: true as const, taskId, notice: translate(locale, 'terminations.saved') });
  } catch (raw) {
    const refusal = uploadRefusalMessage(raw, locale);
    if (refusal) {
      return data(
        { ok: false as const, taskId, errors: { fields: { file: refusal }, form: refusal } as FormErrors },
        { status: 422 },
      );
    }
    const mapped = appErrorToForm(raw, locale, {
      certificate: translate(locale, 'terminations.certificate'),
    });
    if (!mapped) throw raw;
    return data({ ok: false as const, taskId, errors: mapped.errors }, { status: mapped.status });
  }
}

/** The partner's own case: when it ends, why, and its exit tasks; or a way to ask for the end. */
export default function PartnerTermination({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { own, mayAct, maxSize, handovers } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <div className="page">
      <title>{`${t('terminations.partnerTitle')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('terminations.partnerTitle')}</h1>
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}
      {handovers.length ? (
        <HandedOverCases
          rows={handovers}
          heading={t('terminations.handedOver.partnerTitle')}
          intro={t('terminations.handedOver.partnerIntro')}
        />
      ) : null}
      {own && !['rejected', 'withdrawn'].includes(own.status) ? (
        <>
          <dl className="facts">
            <dt>{t('terminations.col.status')}</dt>
            <dd>{t(`terminations.status.${own.status}`)}</dd>
            <dt>{t('terminations.effective')}</dt>
            <dd>{own.effectiveDate}</dd>
            <dt>{t('terminations.reason')}</dt>
            <dd>{own.reason}</dd>
          </dl>
          <section className="stack" aria-labelledby="exit-tasks">
            <h2 id="exit-tasks">{t('terminations.checklist')}</h2>
            <ul className="stack">
              {own.tasks.map((task) => (
                <li key={task.id} className="card stack" aria-labelledby={`task-${task.id}`}>
                  <h3 id={`task-${task.id}`}>{locale === 'en' ? task.titleEn : task.titleZh}</h3>
                  <p>
                    {t(`terminations.task.status.${task.status}`)} ·{' '}
                    {t('terminations.task.due', { date: task.dueDate })}
                  </p>
                  {task.certificateFileName ? (
                    <p>
                      {t('terminations.certificate')}: {task.certificateFileName}
                    </p>
                  ) : null}
                  {task.status === 'open' && own.status === 'approved' ? (
                    mayAct ? (
                      <Form method="post" encType="multipart/form-data" className="stack">
                        <input type="hidden" name="intent" value="submit" />
                        <input type="hidden" name="taskId" value={task.id} />
                        {task.needsCertificate ? (
                          <div className="ui-field">
                            <label htmlFor={`file-${task.id}`}>{t('terminations.task.upload')}</label>
                            <p className="ui-field__hint">{t('reviews.evidenceHint', { size: maxSize })}</p>
                            <input
                              id={`file-${task.id}`}
                              name="file"
                              type="file"
                              accept=".pdf,.png,.jpg,.jpeg"
                            />
                            {failed?.taskId === task.id && failed.errors.fields?.file ? (
                              <p className="ui-field__error">{failed.errors.fields.file}</p>
                            ) : null}
                          </div>
                        ) : null}
                        <div className="ui-field">
                          <label htmlFor={`note-${task.id}`}>{t('terminations.note')}</label>
                          <textarea id={`note-${task.id}`} name="note" rows={2} maxLength={4000} />
                        </div>
                        <div>
                          <button type="submit" className="button button--primary">
                            {t('terminations.task.submit')}
                          </button>
                        </div>
                      </Form>
                    ) : (
                      <p className="muted">{t('terminations.readOnly')}</p>
                    )
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : (
        <>
          <p>{t('terminations.none')}</p>
          {mayAct ? (
            <IntentForm intent="request" submitLabel={t('terminations.request')} className="stack card">
              <h2>{t('terminations.request')}</h2>
              <div className="ui-field">
                <label htmlFor="request-reason">{t('terminations.requestReason')}</label>
                <textarea id="request-reason" name="reason" rows={3} maxLength={4000} />
                {failed?.errors.fields?.reason ? (
                  <p className="ui-field__error">{failed.errors.fields.reason}</p>
                ) : null}
              </div>
              <div className="ui-field">
                <label htmlFor="request-date">{t('terminations.requestDate')}</label>
                <input id="request-date" name="effectiveDate" type="date" />
                {failed?.errors.fields?.effectiveDate ? (
                  <p className="ui-field__error">{failed.errors.fields.effectiveDate}</p>
                ) : null}
              </div>
            </IntentForm>
          ) : null}
        </>
      )}
    </div>
  );
}
