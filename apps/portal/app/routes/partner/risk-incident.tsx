import { AppError, can, getPartnerIncident, submitRemediationTask, uploadTaskEvidence } from '@outpost/core';
import { formatBytes, formatDateTime, translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { useId } from 'react';
import { data, Form, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { IncidentStatusBadge, TaskStatusBadge } from '../../components/risk/incident-labels';
import { LevelBadge } from '../../components/risk/risk-labels';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { uploadRefusalMessage } from '../../lib/upload-refusal.server';
import type { Route } from './+types/risk-incident';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const view = await orRouteError(locale, () => getPartnerIncident(deps.db, actor, params.incidentId));
  const when = (d: Date | null) => (d ? formatDateTime(locale, d) : '');
  return {
    mayAnswer: can(actor, 'respond:risk-incidents:own'),
    maxSize: formatBytes(locale, deps.uploadMaxBytes),
    incident: {
      ...view.incident,
      opened: when(view.incident.openedAt),
      openedAt: undefined,
      closedAt: undefined,
    },
    tasks: view.tasks.map((t) => ({
      id: t.id,
      description: t.description,
      dueDate: t.dueDate,
      status: t.status,
      overdue: t.overdue,
      rejectionReason: t.rejectionReason,
      submissionNote: t.submissionNote,
      evidence: t.evidence.map((e) => ({ id: e.id, fileName: e.fileName, uploaded: when(e.uploadedAt) })),
    })),
  };
}

/** Upload an evidence file (if one is chosen) and submit the task for verification, in one step. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  // Refuse an oversize upload before reading it into memory.
  if (Number(request.headers.get('content-length') ?? 0) > deps.uploadMaxBytes + 64 * 1024) {
    const form = translate(locale, 'errors.file_too_large', {
      size: formatBytes(locale, deps.uploadMaxBytes),
    });
    return data({ ok: false as const, taskId: null, errors: { form } as FormErrors }, { status: 413 });
  }
  const form = await request.formData();
  const taskId = formText(form, 'taskId');
  try {
    // The task must be one of this incident's (and so of this partner's): core checks the partner.
    const view = await getPartnerIncident(deps.db, actor, params.incidentId);
    if (!view.tasks.some((t) => t.id === taskId)) {
      throw new AppError('not_found', 'Remediation task not found.', { messageKey: 'errors.not_found' });
    }
    const file = form.get('file');
    if (file instanceof File && file.size > 0) {
      await uploadTaskEvidence(
        deps.db,
        actor,
        deps.storage,
        { taskId, fileName: file.name || 'evidence', bytes: new Uint8Array(await file.arrayBuffer()) },
        { maxBytes: deps.uploadMaxBytes },
      );
    }
    await submitRemediationTask(deps.db, actor, { taskId, note: formText(form, 'note') });
    return data({ ok: true as const, taskId, notice: translate(locale, 'partner.risk.submitted') });
  } catch (raw) {
    const refusal = uploadRefusalMessage(raw, locale);
    if (refusal) {
      return data(
        { ok: false as const, taskId, errors: { fields: { file: refusal }, form: refusal } as FormErrors },
        { status: 422 },
      );
    }
    const mapped = appErrorToForm(raw, locale, {
      file: translate(locale, 'partner.risk.evidenceFile'),
      evidence: translate(locale, 'partner.risk.evidenceFile'),
      note: translate(locale, 'partner.risk.note'),
    });
    if (!mapped) throw raw;
    const errors = mapped.errors.fields?.evidence
      ? { ...mapped.errors, fields: { ...mapped.errors.fields, file: mapped.errors.fields.evidence } }
      : mapped.errors;
    return data({ ok: false as const, taskId, errors }, { status: mapped.status });
  }
}

function TaskAnswer({
  taskId,
  maxSize,
  error,
}: {
  taskId: string;
  maxSize: string;
  error?: FormErrors | null;
}) {
  const t = useT();
  const id = useId();
  const busy = useNavigation().state === 'submitting';
  const fileError = error?.fields?.file;
  return (
    <Form method="post" encType="multipart/form-data" className="stack">
      <input type="hidden" name="taskId" value={taskId} />
      <div className={fileError ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor={`${id}-file`}>{t('partner.risk.evidenceFile')}</label>
        <p id={`${id}-hint`} className="ui-field__hint">
          {t('reviews.evidenceHint', { size: maxSize })}
        </p>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
        {fileError ? (
          <p id={`${id}-error`} className="ui-field__error">
            {fileError}
          </p>
        ) : null}
      </div>
      <div className="ui-field">
        <label htmlFor={`${id}-note`}>{t('partner.risk.note')}</label>
        <textarea id={`${id}-note`} name="note" rows={3} maxLength={4000} />
      </div>
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('partner.risk.submit')}
        </button>
      </div>
    </Form>
  );
}

/** One incident as the partner sees it: what it is and the tasks asked of the partner. */
export default function PartnerRiskIncident({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { incident, tasks, mayAnswer, maxSize } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <div className="page">
      <title>{`${incident.title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/p/risk/incidents">{t('partner.risk.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('partner.risk.title')}</p>
        <h1>{incident.title}</h1>
        <p>
          <LevelBadge level={incident.severity} /> <IncidentStatusBadge status={incident.status} /> ·{' '}
          {t('risk.incident.openedBy', { when: incident.opened })}
        </p>
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}
      <section className="stack" aria-labelledby="partner-tasks">
        <h2 id="partner-tasks">{t('partner.risk.tasks')}</h2>
        <ul className="stack">
          {tasks.map((task) => (
            <li key={task.id} className="card stack" aria-labelledby={`task-${task.id}`}>
              <h3 id={`task-${task.id}`}>{task.description}</h3>
              <p>
                <TaskStatusBadge status={task.status} overdue={task.overdue} /> ·{' '}
                {t('risk.incident.task.dueOn', { date: task.dueDate })}
              </p>
              {task.rejectionReason && task.status === 'open' ? (
                <Alert tone="info">
                  {t('risk.incident.task.rejected', { reason: task.rejectionReason })}
                </Alert>
              ) : null}
              {task.evidence.length ? (
                <ul>
                  {task.evidence.map((e) => (
                    <li key={e.id}>
                      <a href={`/p/risk/incidents/${incident.id}/evidence/${e.id}`}>{e.fileName}</a> ·{' '}
                      {e.uploaded}
                    </li>
                  ))}
                </ul>
              ) : null}
              {task.status === 'open' && incident.status !== 'closed' ? (
                mayAnswer ? (
                  <TaskAnswer
                    taskId={task.id}
                    maxSize={maxSize}
                    error={failed?.taskId === task.id ? failed.errors : null}
                  />
                ) : (
                  <p className="muted">{t('partner.risk.readOnly')}</p>
                )
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
