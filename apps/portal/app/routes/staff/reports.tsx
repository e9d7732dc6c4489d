import { can, listManagementReports, recentQuarters } from '@outpost/core';
import { useEffect } from 'react';
import { Form, useRevalidator } from 'react-router';
import { type ReportListItem, ReportList } from '../../components/reports/report-list';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requestReportAction } from '../../lib/reports/request-action.server';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/reports';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const reports = await orRouteError(locale, () => listManagementReports(db, person.actor));
  const made = new Set(reports.filter((r) => r.status !== 'failed').map((r) => r.quarter));
  return {
    reports: reports.map(({ headline: _h, requestedBy: _r, ...r }) => r),
    mayGenerate: can(person.actor, 'generate:reports'),
    // The closed quarters of the last two years without a report (the running one is not offered).
    choices: recentQuarters(new Date(), 9)
      .slice(1)
      .filter((q) => !made.has(q)),
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, { generate: requestReportAction });
}

/** While a report is queued or being made, the page reads its state again every few seconds. */
function useRefreshWhile(pending: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') void revalidator.revalidate();
    }, 4000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
}

/**
 * Quarterly management reports (issue 16, decision record 051): the kept reports with their files
 * for management and auditors, and for risk officers and administrators a button that asks the job
 * for a closed quarter's report, with its state shown until it is ready.
 */
export default function Reports({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const result = actionData as StaffActionData | undefined;
  const errors = fieldErrorsOf(result, 'generate');
  useRefreshWhile(d.reports.some((r) => r.status === 'queued' || r.status === 'generating'));
  return (
    <div className="page">
      <title>{`${t('reports.pageTitle')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('reports.eyebrow')}</p>
        <h1>{t('reports.pageTitle')}</h1>
        <p className="muted">{t('reports.intro')}</p>
      </header>

      {d.mayGenerate ? (
        <Form method="post" className="filters" aria-label={t('reports.generate')}>
          <input type="hidden" name="intent" value="generate" />
          <FormOutcome result={result} intent="generate" />
          <div className="ui-field">
            <label htmlFor="report-quarter">{t('reports.quarter')}</label>
            <select
              id="report-quarter"
              name="quarter"
              aria-describedby="report-quarter-hint"
              aria-invalid={errors.quarter ? true : undefined}
            >
              {d.choices.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
            <p id="report-quarter-hint" className="muted">
              {t('reports.generateHint')}
            </p>
          </div>
          <button type="submit" className="button" disabled={d.choices.length === 0}>
            {t('reports.generate')}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="reports-list-heading">
        <h2 id="reports-list-heading">{t('reports.title')}</h2>
        <ReportList reports={d.reports as ReportListItem[]} />
      </section>
    </div>
  );
}
