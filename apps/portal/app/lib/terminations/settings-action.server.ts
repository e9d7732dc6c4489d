import { asAppError, saveTerminationApprovers, saveTerminationChecklist } from '@outpost/core';
import { type Locale, type MessageKey, translate } from '@outpost/i18n';
import { listedIssues } from '../field-issues';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { checkedValues, isChecked, numberValue, text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

/** Who approves new termination cases (`termination.approvers`, decision record 049). */
export async function saveTerminationApproversAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  try {
    await saveTerminationApprovers(deps.db, viewer.person.actor, checkedValues(form, 'approverIds'));
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      userIds: asAppError(error)?.messageKey as MessageKey,
    });
    if (!mapped) throw error;
    const fields = mapped.errors.fields ?? {};
    return {
      intent: 'terminationApprovers',
      status: mapped.status,
      errors: { ...mapped.errors, fields: { approverIds: fields.userIds ?? mapped.errors.form ?? '' } },
    };
  }
  return {
    intent: 'terminationApprovers',
    status: 200,
    notice: translate(locale, 'staff-portal.settings.saved'),
  };
}

/** The rows of the checklist form; a row with no key and no titles is left out (how a task is removed). */
export function checklistRows(form: FormData) {
  const count = Math.min(Number(text(form, 'rows')) || 0, 40);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const f = (name: string) => text(form, `tasks.${i}.${name}`).trim();
    if (!f('key') && !f('titleZh') && !f('titleEn')) continue;
    rows.push({
      row: i,
      task: {
        key: f('key'),
        side: f('side') as 'partner' | 'internal',
        titleZh: f('titleZh'),
        titleEn: f('titleEn'),
        daysBefore: numberValue(form, `tasks.${i}.daysBefore`) as number,
        needsCertificate: isChecked(form, `tasks.${i}.needsCertificate`),
        criticalOnly: isChecked(form, `tasks.${i}.criticalOnly`),
      },
    });
  }
  return rows;
}

const columnKeys: Record<string, MessageKey> = {
  key: 'terminations.settings.key',
  side: 'terminations.settings.side',
  titleZh: 'terminations.settings.titleZh',
  titleEn: 'terminations.settings.titleEn',
  daysBefore: 'terminations.settings.daysBefore',
};

/** Per row, which of its fields is wrong, in the reader's language ("Row 2 · Days before: …"). */
function rowErrors(locale: Locale, error: unknown, rows: { row: number }[]) {
  const fields: Record<string, string> = {};
  for (const issue of listedIssues(asAppError(error)?.details)) {
    const [top, index, column] = issue.path.split('.');
    if (top !== 'tasks' || index === undefined) continue;
    const row = rows[Number(index)]?.row ?? Number(index);
    const what = translate(locale, columnKeys[column ?? ''] ?? 'terminations.settings.task');
    // Days are a number (0–365), not text: the shared "characters" wording would mislead.
    const problem =
      column === 'daysBefore'
        ? translate(locale, 'terminations.settings.daysRange')
        : translate(locale, `field-errors.code.${issue.code ?? 'invalid'}` as MessageKey, {
            ...(issue.min !== undefined ? { min: issue.min } : {}),
            ...(issue.max !== undefined ? { max: issue.max } : {}),
          });
    fields[`tasks.${row}`] ??= translate(locale, 'terminations.settings.rowError', {
      n: row + 1,
      field: what,
      problem,
    });
  }
  return fields;
}

/** The exit checklist template (`termination.checklist`): generated on each case's approval. */
export async function saveTerminationChecklistAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const rows = checklistRows(form);
  try {
    await saveTerminationChecklist(
      deps.db,
      viewer.person.actor,
      rows.map((r) => r.task),
    );
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {});
    if (!mapped) throw error;
    // Not a validation problem (no permission…): the shared wording, not "see the rows".
    if (mapped.status !== 422)
      return { intent: 'terminationChecklist', status: mapped.status, errors: mapped.errors };
    const fields = rowErrors(locale, error, rows);
    const emptied = listedIssues(asAppError(error)?.details).some((i) => i.path === 'tasks');
    return {
      intent: 'terminationChecklist',
      status: mapped.status,
      errors: {
        fields,
        form: emptied
          ? translate(locale, 'terminations.settings.checklistEmpty')
          : translate(locale, 'terminations.settings.checklistInvalid'),
      },
    };
  }
  return {
    intent: 'terminationChecklist',
    status: 200,
    notice: translate(locale, 'staff-portal.settings.saved'),
  };
}
