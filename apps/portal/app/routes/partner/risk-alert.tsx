import { randomUUID } from 'node:crypto';
import { asAppError, commentOnRiskAlert, getSharedRiskAlert, uploadRiskAlertEvidence } from '@outpost/core';
import { formatBytes, formatDateTime, translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { data, Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { AlertThread } from '../../components/risk/alert-thread';
import { PartnerTrigger } from '../../components/risk/partner-trigger';
import { AlertStatusBadge, LevelBadge, OverdueBadge } from '../../components/risk/risk-labels';
import { TextAreaField } from '../../components/staff/fields';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { uploadRefusalMessage } from '../../lib/upload-refusal.server';
import type { Route } from './+types/risk-alert';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const view = await orRouteError(locale, () => getSharedRiskAlert(deps.db, actor, params.alertId));
  const when = (d: Date) => formatDateTime(locale, d);
  const a = view.alert;
  return {
    // A new key per page load: the same form sent twice adds one reply.
    requestKey: randomUUID(),
    maxSize: formatBytes(locale, deps.uploadMaxBytes),
    canRespond: view.canRespond,
    alert: {
      id: a.id,
      kind: a.kind,
      level: a.level,
      status: a.status,
      overdue: a.overdue,
      raised: when(a.raisedAt),
      deadline: when(a.responseDeadline),
      trigger: a.trigger,
    },
    comments: view.comments.map((c) => ({ ...c, when: when(c.at), at: undefined })),
    files: view.files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      uploadedByName: f.uploadedByName,
      when: when(f.uploadedAt),
      href: `/p/risk/alerts/${a.id}/evidence/${f.id}`,
    })),
  };
}

type ActionResult =
  | { ok: true; intent: 'reply' | 'upload'; notice: string; at: number }
  | { ok: false; intent: 'reply' | 'upload' | null; errors: FormErrors; at: number };

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  // Refuse an oversize upload before reading it into memory.
  if (Number(request.headers.get('content-length') ?? 0) > deps.uploadMaxBytes + 64 * 1024) {
    const message = translate(locale, 'errors.file_too_large', {
      size: formatBytes(locale, deps.uploadMaxBytes),
    });
    return data<ActionResult>(
      { ok: false, intent: 'upload', errors: { fields: { file: message } }, at: Date.now() },
      { status: 413 },
    );
  }
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const alertId = params.alertId;
  try {
    if (intent === 'reply') {
      await commentOnRiskAlert(deps.db, actor, {
        alertId,
        body: formText(form, 'body'),
        requestKey: formText(form, 'requestKey') || undefined,
      });
      return data<ActionResult>({
        ok: true,
        intent,
        notice: translate(locale, 'risk-partner.reply.sent'),
        at: Date.now(),
      });
    }
    if (intent === 'upload') {
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0) {
        // Still "not found" for an alert this partner may not see: look it up first.
        await getSharedRiskAlert(deps.db, actor, alertId);
        return data<ActionResult>(
          {
            ok: false,
            intent,
            errors: { fields: { file: translate(locale, 'risk-partner.upload.required') } },
            at: Date.now(),
          },
          { status: 422 },
        );
      }
      await uploadRiskAlertEvidence(
        deps.db,
        actor,
        deps.storage,
        { alertId, fileName: file.name || 'evidence', bytes: new Uint8Array(await file.arrayBuffer()) },
        { maxBytes: deps.uploadMaxBytes },
      );
      return data<ActionResult>({
        ok: true,
        intent,
        notice: translate(locale, 'risk-partner.upload.done'),
        at: Date.now(),
      });
    }
    await getSharedRiskAlert(deps.db, actor, alertId);
    return data<ActionResult>(
      { ok: false, intent: null, errors: { form: translate(locale, 'errors.bad_request') }, at: Date.now() },
      { status: 400 },
    );
  } catch (raw) {
    const refusal = intent === 'upload' ? uploadRefusalMessage(raw, locale) : null;
    if (refusal) {
      return data<ActionResult>(
        { ok: false, intent: 'upload', errors: { fields: { file: refusal } }, at: Date.now() },
        { status: 422 },
      );
    }
    const mapped = appErrorToForm(raw, locale, {
      body: translate(locale, 'risk-partner.reply.label'),
      fileName: translate(locale, 'risk-partner.upload.send'),
    });
    if (!mapped) throw raw;
    if (mapped.status === 403 || mapped.status === 404) {
      const error = asAppError(raw);
      throw routeError(locale, mapped.status, error?.messageKey ?? 'errors.not_found');
    }
    if (intent === 'upload' && mapped.errors.form) mapped.errors.fields = { file: mapped.errors.form };
    return data<ActionResult>(
      { ok: false, intent: intent === 'upload' ? 'upload' : 'reply', errors: mapped.errors, at: Date.now() },
      { status: mapped.status },
    );
  }
}

/** A shared alert: what triggered it, its level, deadline and state, the messages; reply and upload evidence. */
export default function PartnerRiskAlert({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { alert, comments, files, canRespond } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const fieldError = (intent: string, field: string) =>
    failed?.intent === intent ? failed.errors.fields?.[field] : undefined;
  const title = t(`risk.kind.${alert.kind}`);
  return (
    <div className="page">
      <title>{`${title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/p/risk/alerts">{t('risk-partner.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('risk-partner.list.title')}</p>
        <h1>{title}</h1>
        <p>
          <LevelBadge level={alert.level} /> <AlertStatusBadge status={alert.status} />{' '}
          {alert.overdue ? <OverdueBadge /> : null}
        </p>
      </header>
      {actionData?.ok ? (
        <Alert tone="success" key={actionData.at}>
          {actionData.notice}
        </Alert>
      ) : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}

      <section className="card stack" aria-labelledby="partner-alert-trigger">
        <h2 id="partner-alert-trigger">{t('risk-partner.detail.trigger')}</h2>
        <PartnerTrigger kind={alert.kind} trigger={alert.trigger} />
        <dl className="stack">
          <div>
            <dt>{t('risk-partner.detail.raised')}</dt>
            <dd>{alert.raised}</dd>
          </div>
          <div>
            <dt>{t('risk-partner.detail.deadline')}</dt>
            <dd>{alert.deadline}</dd>
          </div>
          <div>
            <dt>{t('risk-partner.detail.state')}</dt>
            <dd>{t(`risk.alertStatus.${alert.status}`)}</dd>
          </div>
        </dl>
      </section>

      <section className="card stack" aria-labelledby="partner-alert-thread">
        <h2 id="partner-alert-thread">{t('risk-partner.thread.title')}</h2>
        <AlertThread comments={comments} files={files} audience="partner" />
        {canRespond ? (
          <>
            {/* A new form after each success: the reply sent is not left in the box to be sent again. */}
            <Form method="post" className="stack" key={actionData?.ok ? `reply-${actionData.at}` : 'reply'}>
              <input type="hidden" name="intent" value="reply" />
              <input type="hidden" name="requestKey" value={loaderData.requestKey} />
              <TextAreaField
                name="body"
                label={t('risk-partner.reply.label')}
                error={fieldError('reply', 'body')}
                maxLength={4000}
                rows={4}
              />
              <div>
                <button type="submit" className="button button--primary">
                  {t('risk-partner.reply.send')}
                </button>
              </div>
            </Form>
            <Form
              method="post"
              encType="multipart/form-data"
              className="stack"
              key={actionData?.ok ? `upload-${actionData.at}` : 'upload'}
            >
              <input type="hidden" name="intent" value="upload" />
              <div className={fieldError('upload', 'file') ? 'ui-field ui-field--invalid' : 'ui-field'}>
                <label htmlFor="partner-alert-file">
                  {t('risk-partner.upload.label', { size: loaderData.maxSize })}
                </label>
                <input id="partner-alert-file" name="file" type="file" />
                {fieldError('upload', 'file') ? (
                  <p className="ui-field__error">{fieldError('upload', 'file')}</p>
                ) : null}
              </div>
              <div>
                <button type="submit" className="button">
                  {t('risk-partner.upload.send')}
                </button>
              </div>
            </Form>
          </>
        ) : (
          <p className="muted">{t('risk-partner.readOnly')}</p>
        )}
      </section>
    </div>
  );
}
