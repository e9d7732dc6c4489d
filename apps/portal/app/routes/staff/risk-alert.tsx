import {
  acknowledgeRiskAlert,
  assignRiskAlert,
  can,
  dismissRiskAlert,
  getRiskAlert,
  incidentForAlert,
  resolveRiskAlert,
  riskAlertOwners,
} from '@outpost/core';
import { randomUUID } from 'node:crypto';
import { commentOnRiskAlert, riskAlertThread, shareRiskAlert } from '@outpost/core';
import { AlertThread } from '../../components/risk/alert-thread';
import { formatDateTime, translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { data, Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { AlertEvidence } from '../../components/risk/alert-evidence';
import { AlertStatusBadge, LevelBadge, OverdueBadge } from '../../components/risk/risk-labels';
import { TextAreaField } from '../../components/staff/fields';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import { OwnershipPanel } from '../../components/ownership/ownership-panel';
import { ownershipLookup, ownershipView } from '../../lib/ownership/ownership.server';
import type { Route } from './+types/risk-alert';
import { IntentForm } from '../../components/intent-form';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const view = await orRouteError(locale, () => getRiskAlert(db, person.actor, params.alertId));
  const mayAct = can(person.actor, 'manage:risk-alerts');
  const owners = mayAct ? await riskAlertOwners(db, person.actor) : [];
  // Sharing with the partner and the thread (decision record 036).
  const thread = await orRouteError(locale, () => riskAlertThread(db, person.actor, params.alertId));
  const incident = await incidentForAlert(db, person.actor, params.alertId);
  const mayOpenIncident = can(person.actor, 'manage:risk-incidents');
  const a = view.alert;
  const when = (d: Date | null) => (d ? formatDateTime(locale, d) : '');
  const snapshot = a.ruleSnapshot as { nameZh?: string; nameEn?: string; kind?: string; version?: number };
  return {
    mayAct,
    owners,
    // Decision record 050: the owning department and the responsible person.
    ownership: ownershipView(await ownershipLookup(db, person.actor), locale, 'risk_alert', {
      id: a.id,
      ownerId: a.ownerId,
      departmentId: a.departmentId,
    }),
    incident,
    mayOpenIncident,
    alert: {
      id: a.id,
      level: a.level,
      status: a.status,
      kind: snapshot.kind ?? '',
      ruleName: (locale === 'en' ? snapshot.nameEn : snapshot.nameZh) ?? '',
      ruleVersion: a.ruleVersion,
      ruleId: a.ruleId,
      evidence: a.evidence,
      raised: when(a.raisedAt),
      deadline: when(a.responseDeadline),
      overdue: view.overdue,
      ownerId: a.ownerId,
      ownerName: view.ownerName,
      acknowledged: a.acknowledgedAt
        ? { name: view.acknowledgedByName ?? '', when: when(a.acknowledgedAt) }
        : null,
      resolved: a.resolvedAt
        ? { name: view.resolvedByName, when: when(a.resolvedAt), note: a.resolutionNote }
        : null,
      dismissed: a.dismissedAt
        ? { name: view.dismissedByName ?? '', when: when(a.dismissedAt), reason: a.dismissalReason }
        : null,
      cleared: a.clearedSince ? when(a.clearedSince) : null,
    },
    partner: view.partner,
    requestKey: randomUUID(),
    sharing: {
      shared: thread.sharedAt ? { name: thread.sharedByName ?? '', when: when(thread.sharedAt) } : null,
      comments: thread.comments.map((c) => ({ ...c, when: when(c.at), at: undefined })),
      files: thread.files.map((f) => ({
        id: f.id,
        fileName: f.fileName,
        uploadedByName: f.uploadedByName,
        when: when(f.uploadedAt),
        href: `/s/risk/alerts/${a.id}/evidence/${f.id}`,
      })),
    },
    timeline: view.timeline.map((e) => ({
      id: e.id,
      kind: e.kind,
      when: when(e.at),
      actorName: e.actorName,
      via: e.via,
      ownerName: typeof e.data.ownerName === 'string' ? e.data.ownerName : null,
      note:
        typeof e.data.note === 'string'
          ? e.data.note
          : typeof e.data.reason === 'string'
            ? e.data.reason
            : null,
      responseMinutes: typeof e.data.responseMinutes === 'number' ? e.data.responseMinutes : null,
    })),
  };
}

const intents = ['acknowledge', 'assign', 'resolve', 'dismiss', 'share', 'comment'] as const;
const done = {
  share: 'risk-partner.staff.sharedDone',
  comment: 'risk-partner.staff.commented',
  acknowledge: 'risk.action.acknowledged',
  assign: 'risk.action.assigned',
  resolve: 'risk.action.resolved',
  dismiss: 'risk.action.dismissed',
} as const;

export async function action({ context, request, params }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  // Those who may only read are refused before the form is looked at (core refuses too).
  if (!can(person.actor, 'manage:risk-alerts')) throw routeError(locale, 403, 'errors.forbidden');
  const form = await request.formData();
  const intent = intents.find((i) => i === formText(form, 'intent'));
  const alertId = params.alertId;
  try {
    if (intent === 'acknowledge') await acknowledgeRiskAlert(db, person.actor, alertId);
    else if (intent === 'assign')
      await assignRiskAlert(db, person.actor, { alertId, ownerId: formText(form, 'ownerId') });
    else if (intent === 'resolve')
      await resolveRiskAlert(db, person.actor, { alertId, note: formText(form, 'note') });
    else if (intent === 'dismiss')
      await dismissRiskAlert(db, person.actor, { alertId, reason: formText(form, 'reason') });
    else if (intent === 'share') await shareRiskAlert(db, person.actor, alertId);
    else if (intent === 'comment')
      await commentOnRiskAlert(db, person.actor, {
        alertId,
        body: formText(form, 'body'),
        visibility: (formText(form, 'visibility') || undefined) as 'internal' | undefined,
        requestKey: formText(form, 'requestKey') || undefined,
      });
    else
      return data(
        {
          ok: false as const,
          intent: null,
          errors: { form: translate(locale, 'errors.bad_request') } as FormErrors,
        },
        { status: 400 },
      );
    return data({ ok: true as const, intent, notice: translate(locale, done[intent]), at: Date.now() });
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale, {
      note: translate(locale, 'risk.alert.note'),
      reason: translate(locale, 'risk.alert.reason'),
      ownerId: translate(locale, 'risk.action.assignTo'),
      body: translate(locale, 'risk-partner.staff.comment'),
      visibility: translate(locale, 'risk-partner.staff.visibility'),
    });
    if (!mapped) throw raw;
    return data(
      { ok: false as const, intent: intent ?? null, errors: mapped.errors },
      { status: mapped.status },
    );
  }
}

/** One alert: what raised it, the evidence with links to its source, who did what, and the actions. */
export default function RiskAlertPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { alert, partner, timeline, mayAct, owners, sharing } = loaderData;
  const live = alert.status === 'open' || alert.status === 'acknowledged';
  const failed = actionData && !actionData.ok ? actionData : null;
  const fieldError = (intent: string, field: string) =>
    failed?.intent === intent ? failed.errors.fields?.[field] : undefined;
  return (
    <div className="page">
      <title>{`${t('risk.alert.title', { rule: alert.ruleName, partner: partner.legalName })} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/risk/alerts">{t('risk.alert.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('risk.eyebrow')}</p>
        <h1>{t('risk.alert.title', { rule: alert.ruleName, partner: partner.legalName })}</h1>
        <p>
          <LevelBadge level={alert.level} /> <AlertStatusBadge status={alert.status} />{' '}
          {alert.overdue ? <OverdueBadge /> : null}
        </p>
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}

      <section className="card stack" aria-labelledby="alert-details">
        <h2 id="alert-details">{t('risk.alert.details')}</h2>
        <dl className="stack">
          <div>
            <dt>{t('risk.alerts.partner')}</dt>
            <dd>
              <AppLink to={`/s/partners/${partner.id}`}>{partner.legalName}</AppLink> ·{' '}
              <AppLink to={`/s/risk/alerts?partner=${partner.id}&status=all`}>
                {t('risk.alert.otherAlerts')}
              </AppLink>
            </dd>
          </div>
          <div>
            <dt>{t('risk.alerts.rule')}</dt>
            <dd>
              <AppLink to={`/s/risk/rules/${alert.ruleId}`}>
                {t('risk.alert.ruleAsRaised', { version: alert.ruleVersion })}
              </AppLink>
              {' · '}
              {alert.ruleName}
            </dd>
          </div>
          <div>
            <dt>{t('risk.alerts.raised')}</dt>
            <dd>{alert.raised}</dd>
          </div>
          <div>
            <dt>{t('risk.alerts.deadline')}</dt>
            <dd>{alert.deadline}</dd>
          </div>
          <div>
            <dt>{t('risk.alerts.owner')}</dt>
            <dd>{alert.ownerName ?? t('risk.alerts.noOwner')}</dd>
          </div>
        </dl>
        {alert.acknowledged ? <p>{t('risk.alert.acknowledgedBy', alert.acknowledged)}</p> : null}
        {alert.resolved ? (
          <p>
            {alert.resolved.name
              ? t('risk.alert.resolvedBy', { name: alert.resolved.name, when: alert.resolved.when })
              : t('risk.alert.resolvedBySystem', { when: alert.resolved.when })}
            {alert.resolved.note ? ` — ${alert.resolved.note}` : ''}
          </p>
        ) : null}
        {alert.dismissed ? (
          <p>
            {t('risk.alert.dismissedBy', { name: alert.dismissed.name, when: alert.dismissed.when })}
            {alert.dismissed.reason ? ` — ${alert.dismissed.reason}` : ''}
          </p>
        ) : null}
        {alert.cleared && live ? (
          <p className="muted">{t('risk.alerts.cleared', { when: alert.cleared })}</p>
        ) : null}
      </section>
      <OwnershipPanel view={loaderData.ownership} />

      {loaderData.incident ? (
        <p>
          <AppLink to={`/s/risk/incidents/${loaderData.incident.id}`}>
            {t('risk.incident.ofAlert', { title: loaderData.incident.title })}
          </AppLink>
        </p>
      ) : loaderData.mayOpenIncident ? (
        <p>
          <AppLink to={`/s/risk/incidents/new?alert=${alert.id}`} className="button">
            {t('risk.incident.openFromAlert')}
          </AppLink>
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="alert-evidence">
        <h2 id="alert-evidence">{t('risk.alert.evidence')}</h2>
        <AlertEvidence kind={alert.kind} evidence={alert.evidence} />
      </section>

      {live && mayAct ? (
        <section className="card stack" aria-labelledby="alert-actions">
          <h2 id="alert-actions" className="visually-hidden">
            {t('risk.action.acknowledge')}
          </h2>
          {alert.status === 'open' ? (
            <IntentForm
              intent="acknowledge"
              submitLabel={t('risk.action.acknowledge')}
              primary
              inline
              className=""
            />
          ) : null}
          <IntentForm intent="assign" submitLabel={t('risk.action.assign')} inline className="filters">
            <div className="ui-field">
              <label htmlFor="risk-owner">{t('risk.action.assignTo')}</label>
              <select id="risk-owner" name="ownerId" defaultValue={alert.ownerId ?? ''}>
                {alert.ownerId ? null : (
                  <option value="" disabled>
                    {t('risk.alerts.noOwner')}
                  </option>
                )}
                {owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.displayName}
                  </option>
                ))}
              </select>
              {fieldError('assign', 'ownerId') ? (
                <p className="ui-field__error">{fieldError('assign', 'ownerId')}</p>
              ) : null}
            </div>
          </IntentForm>
          <IntentForm intent="resolve" submitLabel={t('risk.action.resolve')}>
            <TextAreaField
              name="note"
              label={t('risk.alert.note')}
              error={fieldError('resolve', 'note')}
              maxLength={4000}
            />
          </IntentForm>
          <IntentForm intent="dismiss" submitLabel={t('risk.action.dismiss')}>
            <TextAreaField
              name="reason"
              label={t('risk.alert.reason')}
              error={fieldError('dismiss', 'reason')}
              maxLength={4000}
            />
          </IntentForm>
        </section>
      ) : live ? (
        <p className="muted">{t('risk.alert.readOnly')}</p>
      ) : null}

      <section className="card stack" aria-labelledby="alert-thread">
        <h2 id="alert-thread">{t('risk-partner.staff.thread')}</h2>
        {sharing.shared ? (
          <p>{t('risk-partner.staff.shared', sharing.shared)}</p>
        ) : (
          <p className="muted">{t('risk-partner.staff.notShared')}</p>
        )}
        {mayAct && !sharing.shared ? (
          <IntentForm intent="share" submitLabel={t('risk-partner.staff.share')}>
            <p className="muted">{t('risk-partner.staff.shareHint')}</p>
          </IntentForm>
        ) : null}
        <AlertThread comments={sharing.comments} files={sharing.files} audience="staff" />
        {mayAct ? (
          // A new form after each success: the text sent is not left in the box to be sent again.
          <Form method="post" className="stack" key={actionData?.ok ? actionData.at : 'comment'}>
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="requestKey" value={loaderData.requestKey} />
            <fieldset className="stack">
              <legend>{t('risk-partner.staff.visibility')}</legend>
              <div>
                <label className="staff-check">
                  <input type="radio" name="visibility" value="internal" defaultChecked />
                  <span>{t('risk-partner.staff.visibility.internal')}</span>
                </label>
              </div>
              <div>
                <label className="staff-check">
                  <input type="radio" name="visibility" value="partner" disabled={!sharing.shared} />
                  <span>
                    {t('risk-partner.staff.visibility.partner')}
                    {sharing.shared ? '' : ` — ${t('risk-partner.staff.shareFirst')}`}
                  </span>
                </label>
              </div>
            </fieldset>
            <TextAreaField
              name="body"
              label={t('risk-partner.staff.comment')}
              error={fieldError('comment', 'body')}
              maxLength={4000}
            />
            <div>
              <button type="submit" className="button">
                {t('risk-partner.staff.commentSend')}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="alert-timeline">
        <h2 id="alert-timeline">{t('risk.alert.timeline')}</h2>
        <ol className="risk-timeline">
          {timeline.map((e) => (
            <li key={e.id} className="risk-timeline__item">
              <strong>
                {e.kind === 'assigned'
                  ? t('risk.event.assigned', { name: e.ownerName ?? '' })
                  : t(`risk.event.${e.kind}`)}
              </strong>
              {' · '}
              {e.when} · {e.actorName ?? t('risk.alert.system')}
              {e.via === 'slack' ? ` ${t('risk.alert.via.slack')}` : ''}
              {e.responseMinutes !== null ? (
                <p className="muted">{t('risk.event.responseTime', { minutes: e.responseMinutes })}</p>
              ) : null}
              {e.note ? <p>{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
