import {
  addRemediationTask,
  can,
  closeRiskIncident,
  containRiskIncident,
  getRiskIncident,
  incidentFormChoices,
  rejectRemediationTask,
  submitRemediationTask,
  updateRiskIncident,
  verifyRemediationTask,
} from '@outpost/core';
import { formatDateTime, todayInChina, translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import Markdown from 'react-markdown';
import { data } from 'react-router';
import { AppLink } from '../../components/app-link';
import { IncidentStatusBadge, TaskStatusBadge } from '../../components/risk/incident-labels';
import { LevelBadge } from '../../components/risk/risk-labels';
import { InputField, TextAreaField } from '../../components/staff/fields';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useLocale, useT } from '../../lib/i18n';
import { riskLevelCodes } from '../../lib/risk/risk-codes';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-incident';
import { IntentForm } from '../../components/intent-form';

const doneKeys = ['opened', 'existing'] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const view = await orRouteError(locale, () => getRiskIncident(db, person.actor, params.incidentId));
  const mayAct = can(person.actor, 'manage:risk-incidents');
  const staff = mayAct ? (await incidentFormChoices(db, person.actor)).staff : [];
  const when = (d: Date | null) => (d ? formatDateTime(locale, d) : '');
  const i = view.incident;
  const done = doneKeys.find((k) => k === new URL(request.url).searchParams.get('done'));
  const plan = i.plan
    ? {
        title: locale === 'en' ? i.plan.titleEn : i.plan.titleZh,
        body: locale === 'en' ? i.plan.bodyEn : i.plan.bodyZh,
        steps: locale === 'en' ? i.plan.stepsEn : i.plan.stepsZh,
        version: i.plan.version,
      }
    : null;
  const closedBy = i.closedBy ? view.timeline.find((e) => e.kind === 'closed')?.actorName : null;
  return {
    mayAct,
    staff,
    today: todayInChina(),
    done: done
      ? translate(locale, done === 'opened' ? 'risk.incident.done.opened' : 'risk.incident.done.existing')
      : null,
    incident: {
      id: i.id,
      title: i.title,
      severity: i.severity,
      status: i.status,
      description: i.description,
      affectedScope: i.affectedScope,
      affectedCustomers: i.affectedCustomers,
      affectedPolicies: i.affectedPolicies,
      affectedSystems: i.affectedSystems,
      containment: i.containment,
      handlingPlan: i.handlingPlan,
      opened: when(i.openedAt),
      closed: i.closedAt ? { when: when(i.closedAt), name: closedBy ?? '' } : null,
      rootCause: i.rootCause,
      lessonsLearned: i.lessonsLearned,
    },
    responsibleName: view.responsibleName,
    responsibleId: i.responsibleId,
    partner: view.partner,
    alert: view.alert
      ? {
          id: view.alert.id,
          level: view.alert.level,
          rule: locale === 'en' ? view.alert.ruleNameEn : view.alert.ruleNameZh,
        }
      : null,
    plan,
    tasks: view.tasks.map((t) => ({
      ...t,
      submittedAt: when(t.submittedAt),
      verifiedAt: when(t.verifiedAt),
      evidence: t.evidence.map((e) => ({ id: e.id, fileName: e.fileName, uploaded: when(e.uploadedAt) })),
    })),
    timeline: view.timeline.map((e) => ({
      id: e.id,
      kind: e.kind,
      when: when(e.at),
      actorName: e.actorName,
      description: typeof e.data.description === 'string' ? e.data.description : '',
      fileName: typeof e.data.fileName === 'string' ? e.data.fileName : '',
      note:
        typeof e.data.note === 'string'
          ? e.data.note
          : typeof e.data.reason === 'string'
            ? e.data.reason
            : null,
    })),
  };
}

const intents = ['update', 'contain', 'addTask', 'submitTask', 'verifyTask', 'rejectTask', 'close'] as const;
type Intent = (typeof intents)[number];
const doneKey: Record<Intent, string> = {
  update: 'risk.incident.done.updated',
  contain: 'risk.incident.done.contained',
  addTask: 'risk.incident.done.taskAdded',
  submitTask: 'risk.incident.done.taskSubmitted',
  verifyTask: 'risk.incident.done.taskVerified',
  rejectTask: 'risk.incident.done.taskRejected',
  close: 'risk.incident.done.closed',
};

const detailFields = [
  'description',
  'affectedScope',
  'affectedCustomers',
  'affectedPolicies',
  'affectedSystems',
  'containment',
  'handlingPlan',
] as const;

export async function action({ context, request, params }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  // Those who may only read are refused before the form is looked at (core refuses too).
  if (!can(person.actor, 'manage:risk-incidents')) throw routeError(locale, 403, 'errors.forbidden');
  const form = await request.formData();
  const intent = intents.find((i) => i === formText(form, 'intent'));
  const incidentId = params.incidentId;
  const taskId = formText(form, 'taskId');
  const actor = person.actor;
  try {
    if (intent === 'update')
      await updateRiskIncident(db, actor, {
        incidentId,
        ...Object.fromEntries(detailFields.map((f) => [f, formText(form, f)])),
        severity: formText(form, 'severity') as 'notice',
        title: formText(form, 'title'),
        responsibleId: formText(form, 'responsibleId'),
      });
    else if (intent === 'contain')
      await containRiskIncident(db, actor, { incidentId, note: formText(form, 'note') });
    else if (intent === 'addTask')
      await addRemediationTask(db, actor, {
        incidentId,
        assignee: formText(form, 'assignee') === 'internal' ? 'internal' : 'partner',
        assigneeId: formText(form, 'assigneeId') || undefined,
        description: formText(form, 'description'),
        dueDate: formText(form, 'dueDate'),
      });
    else if (intent === 'submitTask')
      await submitRemediationTask(db, actor, { taskId, note: formText(form, 'note') });
    else if (intent === 'verifyTask') await verifyRemediationTask(db, actor, taskId);
    else if (intent === 'rejectTask')
      await rejectRemediationTask(db, actor, { taskId, reason: formText(form, 'reason') });
    else if (intent === 'close')
      await closeRiskIncident(db, actor, {
        incidentId,
        rootCause: formText(form, 'rootCause'),
        lessonsLearned: formText(form, 'lessonsLearned'),
      });
    else
      return data(
        {
          ok: false as const,
          intent: null,
          taskId: null,
          errors: { form: translate(locale, 'errors.bad_request') } as FormErrors,
        },
        { status: 400 },
      );
    return data({ ok: true as const, intent, notice: translate(locale, doneKey[intent]) });
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale, {
      description: translate(locale, 'risk.incident.task.description'),
      dueDate: translate(locale, 'risk.incident.task.due'),
      assigneeId: translate(locale, 'risk.incident.task.assigneeStaff'),
      reason: translate(locale, 'risk.incident.task.rejectReason'),
      note: translate(locale, 'risk.incident.task.done'),
      rootCause: translate(locale, 'risk.incident.close.rootCause'),
      title: translate(locale, 'risk.incident.field.title'),
      responsibleId: translate(locale, 'risk.incident.field.responsible'),
      affectedCustomers: translate(locale, 'risk.incident.field.affectedCustomers'),
      affectedPolicies: translate(locale, 'risk.incident.field.affectedPolicies'),
      affectedSystems: translate(locale, 'risk.incident.field.affectedSystems'),
      lessonsLearned: translate(locale, 'risk.incident.close.lessons'),
    });
    if (!mapped) throw raw;
    return data(
      { ok: false as const, intent: intent ?? null, taskId: taskId || null, errors: mapped.errors },
      { status: mapped.status },
    );
  }
}

/** One incident: what happened, the plan used, remediation tasks, the timeline, and closing. */
export default function RiskIncidentPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { incident, partner, alert, plan, tasks, timeline, mayAct, staff } = loaderData;
  const live = incident.status !== 'closed';
  const failed = actionData && !actionData.ok ? actionData : null;
  const fieldError = (intent: string, field: string, taskId?: string) =>
    failed?.intent === intent && (!taskId || failed.taskId === taskId)
      ? failed.errors.fields?.[field]
      : undefined;
  const formError = failed?.errors.form;
  const none = t('risk.incident.none');
  const count = (n: number | null) => (n === null ? none : new Intl.NumberFormat(locale).format(n));
  return (
    <div className="page">
      <title>{`${incident.title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/risk/incidents">{t('risk.incident.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('risk.incidents.title')}</p>
        <h1>{incident.title}</h1>
        <p>
          <LevelBadge level={incident.severity} /> <IncidentStatusBadge status={incident.status} />
        </p>
      </header>
      {loaderData.done && !actionData ? <Alert tone="success">{loaderData.done}</Alert> : null}
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}

      <section className="card stack" aria-labelledby="incident-details">
        <h2 id="incident-details">{t('risk.incident.details')}</h2>
        <dl className="stack">
          <div>
            <dt>{t('risk.incident.field.partner')}</dt>
            <dd>
              <AppLink to={`/s/partners/${partner.id}`}>{partner.legalName}</AppLink>
            </dd>
          </div>
          {alert ? (
            <div>
              <dt>{t('risk.incident.fromAlert')}</dt>
              <dd>
                <AppLink to={`/s/risk/alerts/${alert.id}`}>{alert.rule}</AppLink>{' '}
                <LevelBadge level={alert.level} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('risk.incident.field.responsible')}</dt>
            <dd>{loaderData.responsibleName}</dd>
          </div>
          <div>
            <dt>{t('risk.incidents.col.opened')}</dt>
            <dd>{incident.opened}</dd>
          </div>
          <div>
            <dt>{t('risk.incident.field.description')}</dt>
            <dd className="staff-prose">{incident.description || none}</dd>
          </div>
          <div>
            <dt>{t('risk.incident.field.affectedScope')}</dt>
            <dd className="staff-prose">{incident.affectedScope || none}</dd>
          </div>
          <div>
            <dt>{t('risk.incident.field.affectedCustomers')}</dt>
            <dd>{count(incident.affectedCustomers)}</dd>
          </div>
          <div>
            <dt>{t('risk.incident.field.affectedPolicies')}</dt>
            <dd>{count(incident.affectedPolicies)}</dd>
          </div>
          <div>
            <dt>{t('risk.incident.field.affectedSystems')}</dt>
            <dd>{count(incident.affectedSystems)}</dd>
          </div>
          <div>
            <dt>{t('risk.incident.field.containment')}</dt>
            <dd className="staff-prose">{incident.containment || none}</dd>
          </div>
          <div>
            <dt>{t('risk.incident.field.handlingPlan')}</dt>
            <dd className="staff-prose">{incident.handlingPlan || none}</dd>
          </div>
        </dl>
        {incident.closed ? (
          <div className="stack">
            <p>{t('risk.incident.closed', incident.closed)}</p>
            <h3>{t('risk.incident.close.rootCause')}</h3>
            <p className="staff-prose">{incident.rootCause}</p>
            <h3>{t('risk.incident.close.lessons')}</h3>
            <p className="staff-prose">{incident.lessonsLearned}</p>
          </div>
        ) : null}
        {mayAct && incident.status === 'open' ? (
          <IntentForm intent="contain" submitLabel={t('risk.incident.contain')}>
            <TextAreaField name="note" label={t('risk.incident.containNote')} maxLength={4000} />
          </IntentForm>
        ) : null}
        {mayAct && live ? (
          <details open={failed?.intent === 'update'}>
            <summary>{t('risk.incident.edit')}</summary>
            <IntentForm intent="update" submitLabel={t('risk.incident.save')}>
              <InputField
                name="title"
                label={t('risk.incident.field.title')}
                defaultValue={incident.title}
                error={fieldError('update', 'title')}
                maxLength={200}
              />
              <div className="ui-field">
                <label htmlFor="edit-severity">{t('risk.incident.field.severity')}</label>
                <select id="edit-severity" name="severity" defaultValue={incident.severity}>
                  {riskLevelCodes.map((l) => (
                    <option key={l} value={l}>
                      {t(`risk.level.${l}`)}
                    </option>
                  ))}
                </select>
              </div>
              {(['description', 'affectedScope', 'containment', 'handlingPlan'] as const).map((f) => (
                <TextAreaField
                  key={f}
                  name={f}
                  label={t(`risk.incident.field.${f}`)}
                  defaultValue={incident[f]}
                  error={fieldError('update', f)}
                  maxLength={10000}
                />
              ))}
              {(['affectedCustomers', 'affectedPolicies', 'affectedSystems'] as const).map((f) => (
                <InputField
                  key={f}
                  name={f}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  label={t(`risk.incident.field.${f}`)}
                  defaultValue={incident[f] ?? ''}
                  error={fieldError('update', f)}
                />
              ))}
              <div className="ui-field">
                <label htmlFor="edit-responsible">{t('risk.incident.field.responsible')}</label>
                <select id="edit-responsible" name="responsibleId" defaultValue={loaderData.responsibleId}>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.displayName}
                    </option>
                  ))}
                </select>
              </div>
            </IntentForm>
          </details>
        ) : null}
      </section>

      {plan ? (
        <section className="card stack" aria-labelledby="incident-plan">
          <h2 id="incident-plan">{t('risk.incident.plan', { title: plan.title, version: plan.version })}</h2>
          <div className="course-body">
            {/* react-markdown builds React elements and drops raw HTML: staff-written text cannot inject script. */}
            <Markdown skipHtml>{plan.body}</Markdown>
          </div>
          {plan.steps.length ? (
            <>
              <h3>{t('risk.incident.planSteps')}</h3>
              <ol>
                {plan.steps.map((s, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the copied steps never reorder
                  <li key={n}>{s}</li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="incident-tasks">
        <h2 id="incident-tasks">{t('risk.incident.tasks')}</h2>
        {tasks.length === 0 ? <p className="muted">{t('risk.incident.noTasks')}</p> : null}
        <ul className="stack">
          {tasks.map((task) => (
            <li key={task.id} className="card stack" aria-labelledby={`task-${task.id}`}>
              <h3 id={`task-${task.id}`}>{task.description}</h3>
              <p>
                <TaskStatusBadge status={task.status} overdue={task.overdue} /> ·{' '}
                {task.assignee === 'partner'
                  ? t('risk.task.assignee.partner')
                  : `${t('risk.task.assignee.internal')}${t('common.colon')}${task.assigneeName ?? ''}`}{' '}
                · {t('risk.incident.task.dueOn', { date: task.dueDate })}
              </p>
              {task.rejectionReason && task.status === 'open' ? (
                <p>{t('risk.incident.task.rejected', { reason: task.rejectionReason })}</p>
              ) : null}
              {task.submissionNote ? (
                <p>
                  {t('risk.incident.task.note')}: <span className="staff-prose">{task.submissionNote}</span>
                </p>
              ) : null}
              {task.assignee === 'partner' ? (
                <div>
                  <h4>{t('risk.incident.task.evidence')}</h4>
                  {task.evidence.length === 0 ? (
                    <p className="muted">{t('risk.incident.task.noEvidence')}</p>
                  ) : (
                    <ul>
                      {task.evidence.map((e) => (
                        <li key={e.id}>
                          <a href={`/s/risk/incidents/${incident.id}/evidence/${e.id}`}>{e.fileName}</a> ·{' '}
                          {e.uploaded}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              ) : null}
              {mayAct && live && task.status === 'open' && task.assignee === 'internal' ? (
                <IntentForm
                  intent="submitTask"
                  hidden={{ taskId: task.id }}
                  submitLabel={t('risk.incident.task.submitInternal')}
                >
                  <TextAreaField
                    name="note"
                    label={t('risk.incident.task.done')}
                    error={fieldError('submitTask', 'note', task.id)}
                    maxLength={4000}
                  />
                </IntentForm>
              ) : null}
              {mayAct && live && task.status === 'submitted' ? (
                <div className="stack">
                  <IntentForm
                    intent="verifyTask"
                    hidden={{ taskId: task.id }}
                    submitLabel={t('risk.incident.task.verify')}
                    primary
                    inline
                    className=""
                  />
                  <IntentForm
                    intent="rejectTask"
                    hidden={{ taskId: task.id }}
                    submitLabel={t('risk.incident.task.reject')}
                  >
                    <TextAreaField
                      name="reason"
                      label={t('risk.incident.task.rejectReason')}
                      error={fieldError('rejectTask', 'reason', task.id)}
                      maxLength={2000}
                    />
                  </IntentForm>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {mayAct && live ? (
          <IntentForm
            intent="addTask"
            submitLabel={t('risk.incident.task.add')}
            labelledBy="incident-add-task"
          >
            <h3 id="incident-add-task">{t('risk.incident.addTask')}</h3>
            <TextAreaField
              name="description"
              label={t('risk.incident.task.description')}
              error={fieldError('addTask', 'description')}
              maxLength={2000}
            />
            <fieldset className="ui-field">
              <legend>{t('risk.incident.task.assignee')}</legend>
              <label className="staff-check">
                <input type="radio" name="assignee" value="partner" defaultChecked />
                <span>{t('risk.task.assignee.partner')}</span>
              </label>
              <label className="staff-check">
                <input type="radio" name="assignee" value="internal" />
                <span>{t('risk.task.assignee.internal')}</span>
              </label>
            </fieldset>
            <div className={fieldError('addTask', 'assigneeId') ? 'ui-field ui-field--invalid' : 'ui-field'}>
              <label htmlFor="task-assignee">{t('risk.incident.task.assigneeStaff')}</label>
              <select
                id="task-assignee"
                name="assigneeId"
                defaultValue=""
                aria-describedby={fieldError('addTask', 'assigneeId') ? 'task-assignee-error' : undefined}
              >
                <option value="">—</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>
              {fieldError('addTask', 'assigneeId') ? (
                <p id="task-assignee-error" className="ui-field__error">
                  {fieldError('addTask', 'assigneeId')}
                </p>
              ) : null}
            </div>
            <InputField
              name="dueDate"
              type="date"
              label={t('risk.incident.task.due')}
              min={loaderData.today}
              error={fieldError('addTask', 'dueDate')}
            />
          </IntentForm>
        ) : null}
      </section>

      {mayAct && live ? (
        <section className="card stack" aria-labelledby="incident-close">
          <h2 id="incident-close">{t('risk.incident.close')}</h2>
          <p className="muted">{t('risk.incident.close.hint')}</p>
          <IntentForm intent="close" submitLabel={t('risk.incident.close')} primary>
            <TextAreaField
              name="rootCause"
              label={t('risk.incident.close.rootCause')}
              error={fieldError('close', 'rootCause')}
              maxLength={10000}
            />
            <TextAreaField
              name="lessonsLearned"
              label={t('risk.incident.close.lessons')}
              error={fieldError('close', 'lessonsLearned')}
              maxLength={10000}
            />
          </IntentForm>
        </section>
      ) : live ? (
        <p className="muted">{t('risk.incident.readOnly')}</p>
      ) : null}

      <section className="card stack" aria-labelledby="incident-timeline">
        <h2 id="incident-timeline">{t('risk.incident.timeline')}</h2>
        <ol className="risk-timeline">
          {timeline.map((e) => (
            <li key={e.id} className="risk-timeline__item">
              <strong>
                {t(`risk.incidentEvent.${e.kind}`, { description: e.description, fileName: e.fileName })}
              </strong>
              {' · '}
              {e.when} · {e.actorName ?? t('risk.alert.system')}
              {e.note ? <p className="staff-prose">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
