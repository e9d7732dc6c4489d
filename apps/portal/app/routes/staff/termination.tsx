import {
  AppError,
  can,
  completeTerminationTask,
  decideTermination,
  getTerminationCase,
  setTerminationSuccessor,
  terminationFormOptions,
  withdrawTerminationCase,
} from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { data, Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { HandedOverCases } from '../../components/terminations/handed-over-cases';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useLocale, useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/termination';
import { IntentForm } from '../../components/intent-form';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const { db } = context.get(depsContext);
  const [view, options] = await orRouteError(locale, () =>
    Promise.all([
      getTerminationCase(db, person.actor, params.caseId),
      terminationFormOptions(db, person.actor),
    ]),
  );
  const me = person.actor.type === 'staff' ? person.actor.userId : '';
  const mine = view.approval.approvers.find((a) => a.id === me);
  return {
    mayManage: can(person.actor, 'suspend:partner'),
    mayDecide: view.status === 'approval' && mine !== undefined && mine.decision === null,
    view: {
      ...view,
      createdAt: undefined,
      updatedAt: undefined,
      approvedAt: undefined,
      completedAt: undefined,
      closedAt: undefined,
      tasks: view.tasks.map((t) => ({
        id: t.id,
        key: t.key,
        side: t.side,
        titleZh: t.titleZh,
        titleEn: t.titleEn,
        dueDate: t.dueDate,
        status: t.status,
        note: t.note,
        certificateFileName: t.certificateFileName,
        certificateSha256: t.certificateSha256,
      })),
      handovers: view.handovers.map((h) => ({
        caseId: h.caseId,
        openedAt: h.openedAt ? formatDateTime(locale, h.openedAt) : null,
        slaDueAt: h.slaDueAt ? formatDateTime(locale, new Date(h.slaDueAt)) : null,
        movedAt: formatDateTime(locale, h.movedAt),
      })),
      approval: {
        ...view.approval,
        approvers: view.approval.approvers.map((a) => ({
          id: a.id,
          name: a.name,
          decision: a.decision?.decision ?? null,
          reason: a.decision?.reason ?? null,
        })),
      },
    },
    successors: options.partners.filter((p) => p.id !== view.partnerId && p.status === 'active'),
  };
}

const intents = ['approve', 'reject', 'successor', 'complete', 'withdraw'] as const;

export async function action({ context, request, params }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const { db } = context.get(depsContext);
  const form = await request.formData();
  const intent = intents.find((i) => i === formText(form, 'intent'));
  try {
    if (!can(person.actor, 'suspend:partner') && intent !== 'approve' && intent !== 'reject') {
      throw new AppError('forbidden', 'You may not change termination cases.', {
        messageKey: 'errors.forbidden',
      });
    }
    const caseId = params.caseId;
    switch (intent) {
      case 'approve':
      case 'reject':
        await decideTermination(db, person.actor, {
          caseId,
          decision: intent,
          reason: formText(form, 'reason') || undefined,
        });
        break;
      case 'successor':
        await setTerminationSuccessor(db, person.actor, {
          caseId,
          successorPartnerId: formText(form, 'successorPartnerId'),
        });
        break;
      case 'complete': {
        // The task must be this case's: the list of its tasks says so.
        const view = await getTerminationCase(db, person.actor, caseId);
        const taskId = formText(form, 'taskId');
        if (!view.tasks.some((t) => t.id === taskId)) throw new AppError('not_found', 'Task not found.');
        await completeTerminationTask(db, person.actor, { taskId, note: formText(form, 'note') });
        break;
      }
      case 'withdraw':
        await withdrawTerminationCase(db, person.actor, { caseId, reason: formText(form, 'reason') });
        break;
      default:
        return data(
          { ok: false as const, errors: { form: 'Unknown action.' } as FormErrors },
          { status: 400 },
        );
    }
    return data({ ok: true as const, intent });
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return data({ ok: false as const, errors: mapped.errors }, { status: mapped.status });
  }
}

/** One case: what and why, the approvals, the successor with the items that move, the checklist, withdrawal. */
export default function Termination({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { view, mayManage, mayDecide, successors } = loaderData;
  const failed = actionData && !actionData.ok ? actionData.errors : null;
  const open = ['requested', 'approval', 'approved'].includes(view.status);
  return (
    <div className="page">
      <title>{`${t('terminations.ballot.title', { name: view.partnerName })} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/terminations">{t('terminations.title')}</AppLink>
      </nav>
      <header className="page-header">
        <h1>{t('terminations.ballot.title', { name: view.partnerName })}</h1>
        <p>
          {t(`terminations.status.${view.status}`)} · {t(`terminations.type.${view.type}`)} ·{' '}
          {t(`terminations.source.${view.source}`)}
        </p>
      </header>
      {actionData?.ok ? <Alert tone="success">{t('terminations.saved')}</Alert> : null}
      {failed?.form ? <Alert tone="error">{failed.form}</Alert> : null}
      <dl className="facts">
        <dt>{t('terminations.reason')}</dt>
        <dd>{view.reason}</dd>
        <dt>{t('terminations.effective')}</dt>
        <dd>
          {view.effectiveDate}
          {view.earliestAllowedDate
            ? t('common.parenthetical', {
                text: t('terminations.earliest', { date: view.earliestAllowedDate }),
              })
            : ''}
        </dd>
        <dt>{t('terminations.col.department')}</dt>
        <dd>{(locale === 'en' ? view.departmentEn : view.departmentZh) ?? ''}</dd>
        <dt>{t('terminations.col.responsible')}</dt>
        <dd>{view.responsibleName ?? ''}</dd>
        <dt>{t('terminations.successor')}</dt>
        <dd>{view.successorName ?? t('terminations.noSuccessor')}</dd>
      </dl>

      <section className="stack" aria-labelledby="approvals">
        <h2 id="approvals">{t('terminations.approvals')}</h2>
        <p>
          {t('terminations.ballot.tally', {
            approve: view.approval.tally.approve,
            rejected: view.approval.tally.reject,
            pending: view.approval.tally.pending,
            approvers: view.approval.tally.approvers,
          })}
        </p>
        <ul>
          {view.approval.approvers.map((a) => (
            <li key={a.id}>
              {a.name}:{' '}
              {a.decision
                ? t(a.decision === 'approve' ? 'terminations.approve' : 'terminations.reject')
                : '…'}
              {a.reason ? ` — ${a.reason}` : ''}
            </li>
          ))}
        </ul>
        {mayDecide ? (
          <div className="button-row">
            <IntentForm
              intent="approve"
              submitLabel={t('terminations.approve')}
              primary
              inline
              className=""
            />
            <IntentForm intent="reject" submitLabel={t('terminations.reject')}>
              <div className="ui-field">
                <label htmlFor="reject-reason">{t('terminations.rejectReason')}</label>
                <textarea id="reject-reason" name="reason" rows={2} maxLength={2000} />
              </div>
            </IntentForm>
          </div>
        ) : null}
      </section>

      {mayManage && open ? (
        <section className="stack" aria-labelledby="successor">
          <h2 id="successor">{t('terminations.setSuccessor')}</h2>
          <IntentForm
            intent="successor"
            submitLabel={t('terminations.setSuccessor')}
            inline
            className="filters"
          >
            <div className="ui-field">
              <label htmlFor="successor-id">{t('terminations.successor')}</label>
              <select
                id="successor-id"
                name="successorPartnerId"
                defaultValue={view.successorPartnerId ?? ''}
              >
                {successors.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              {failed?.fields?.successorPartnerId ? (
                <p className="ui-field__error">{failed.fields.successorPartnerId}</p>
              ) : null}
            </div>
          </IntentForm>
        </section>
      ) : null}
      {view.handoverItems.length ? (
        <section className="stack" aria-labelledby="handover">
          <h2 id="handover">{t('terminations.handover')}</h2>
          <ul>
            {view.handoverItems.map((i) => (
              <li key={`${i.kind}-${i.id}`}>
                {i.kind}: {i.label}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.successorPartnerId || view.handovers.length ? (
        <HandedOverCases
          rows={view.handovers}
          heading={t('terminations.handedOver.staffTitle')}
          intro={t('terminations.handedOver.staffIntro')}
        />
      ) : null}

      <section className="stack" aria-labelledby="checklist">
        <h2 id="checklist">{t('terminations.checklist')}</h2>
        <ul className="stack">
          {view.tasks.map((task) => (
            <li key={task.id} className="card stack" aria-labelledby={`task-${task.id}`}>
              <h3 id={`task-${task.id}`}>{locale === 'en' ? task.titleEn : task.titleZh}</h3>
              <p>
                {t(`terminations.task.side.${task.side}`)} · {t(`terminations.task.status.${task.status}`)} ·{' '}
                {t('terminations.task.due', { date: task.dueDate })}
              </p>
              {task.certificateFileName ? (
                <p>
                  {t('terminations.certificate')}: {task.certificateFileName} (SHA-256{' '}
                  {task.certificateSha256})
                </p>
              ) : null}
              {task.note ? <p>{task.note}</p> : null}
              {mayManage &&
              task.status !== 'done' &&
              (task.side === 'internal' || task.status === 'submitted') ? (
                <Form method="post" className="filters">
                  <input type="hidden" name="intent" value="complete" />
                  <input type="hidden" name="taskId" value={task.id} />
                  <div className="ui-field">
                    <label htmlFor={`note-${task.id}`}>{t('terminations.note')}</label>
                    <input id={`note-${task.id}`} name="note" maxLength={4000} />
                  </div>
                  <button type="submit" className="button">
                    {task.side === 'partner'
                      ? t('terminations.task.verify')
                      : t('terminations.task.complete')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {mayManage && open ? (
        <section className="stack" aria-labelledby="withdraw">
          <h2 id="withdraw">{t('terminations.withdraw')}</h2>
          <IntentForm intent="withdraw" submitLabel={t('terminations.withdraw')}>
            <div className="ui-field">
              <label htmlFor="withdraw-reason">{t('terminations.withdrawReason')}</label>
              <textarea id="withdraw-reason" name="reason" rows={2} maxLength={4000} />
              {failed?.fields?.reason ? <p className="ui-field__error">{failed.fields.reason}</p> : null}
            </div>
          </IntentForm>
        </section>
      ) : null}
    </div>
  );
}
