import { addSupervisionFinding, createSupervisionTask, setSupervisionTaskStatus } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { appErrorToForm } from '../app-error.server';
import type { StaffActionResult } from '../staff/action-result';
import { checkedValues, text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

/** A domain refusal as the form's errors; anything unexpected propagates to the error boundary. */
async function attempt(
  intent: string,
  args: StaffActionArgs,
  work: () => Promise<unknown>,
  notice: string,
  labels: Record<string, string> = {},
): Promise<StaffActionResult<{ id?: string }>> {
  try {
    const saved = (await work()) as { id?: string } | undefined;
    return { intent, status: 200, notice: translate(args.locale, notice as never), extra: { id: saved?.id } };
  } catch (raw) {
    const mapped = appErrorToForm(raw, args.locale, labels);
    if (!mapped) throw raw;
    return { intent, status: mapped.status, errors: mapped.errors };
  }
}

export function createTaskAction(args: StaffActionArgs) {
  const { form, deps, viewer, locale } = args;
  const labels = {
    title: translate(locale, 'supervision.field.title'),
    partnerIds: translate(locale, 'supervision.field.partners'),
    regions: translate(locale, 'supervision.field.regions'),
    ownerId: translate(locale, 'supervision.field.owner'),
    dueDate: translate(locale, 'supervision.field.dueDate'),
  };
  return attempt(
    'create',
    args,
    () =>
      createSupervisionTask(deps.db, viewer.person.actor, {
        title: text(form, 'title'),
        description: text(form, 'description'),
        partnerIds: checkedValues(form, 'partnerIds'),
        regions: checkedValues(form, 'regions') as never,
        ownerId: text(form, 'ownerId'),
        dueDate: text(form, 'dueDate'),
      }),
    'supervision.created',
    labels,
  );
}

export function addFindingAction(taskId: string) {
  return (args: StaffActionArgs) =>
    attempt(
      'finding',
      args,
      () =>
        addSupervisionFinding(args.deps.db, args.viewer.person.actor, {
          taskId,
          partnerId: text(args.form, 'partnerId'),
          severity: text(args.form, 'severity') as never,
          description: text(args.form, 'description'),
          itemIds: checkedValues(args.form, 'itemIds'),
        }),
      'supervision.finding.added',
      {
        description: translate(args.locale, 'supervision.finding.description'),
        severity: translate(args.locale, 'supervision.finding.severity'),
      },
    );
}

export function setStatusAction(taskId: string, status: 'open' | 'closed') {
  return (args: StaffActionArgs) =>
    attempt(
      status === 'closed' ? 'close' : 'reopen',
      args,
      () =>
        setSupervisionTaskStatus(args.deps.db, args.viewer.person.actor, {
          taskId,
          status,
          conclusion: text(args.form, 'conclusion'),
        }),
      status === 'closed' ? 'supervision.close' : 'supervision.reopen',
    );
}
