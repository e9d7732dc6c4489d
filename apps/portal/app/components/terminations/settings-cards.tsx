import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { CheckboxField, CheckboxGroup, InputField } from '../staff/fields';
import { fieldErrorsOf } from '../staff/form-outcome';

type CardProps = {
  id: string;
  title: string;
  hint: string;
  intent: string;
  formKey: string;
  result: StaffActionData | undefined;
  busy: boolean;
  children: ReactNode;
};

interface ChecklistTask {
  key: string;
  side: 'partner' | 'internal';
  titleZh: string;
  titleEn: string;
  daysBefore: number;
  needsCertificate: boolean;
  criticalOnly: boolean;
}

export interface TerminationSettings {
  approverIds: string[];
  tasks: ChecklistTask[];
  staff: { id: string; displayName: string }[];
}

/** The settings card for `termination.approvers`: who approves a new termination case (decision record 049). */
export function TerminationApproversCard({
  value,
  result,
  busy,
  Card,
}: {
  value: TerminationSettings;
  result: StaffActionData | undefined;
  busy: boolean;
  Card: (props: CardProps) => ReactNode;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'terminationApprovers');
  return (
    <Card
      id="termination-approvers-heading"
      title={t('terminations.settings.approvers')}
      hint={t('terminations.settings.approversHint')}
      intent="terminationApprovers"
      formKey={`termination-approvers-${value.approverIds.join('-')}`}
      result={result}
      busy={busy}
    >
      <CheckboxGroup
        name="approverIds"
        label={t('terminations.settings.approversLabel')}
        options={value.staff.map((s) => ({ value: s.id, label: s.displayName }))}
        defaultValues={value.approverIds}
        error={errors.approverIds}
      />
    </Card>
  );
}

const BLANK: ChecklistTask = {
  key: '',
  side: 'partner',
  titleZh: '',
  titleEn: '',
  daysBefore: 7,
  needsCertificate: false,
  criticalOnly: false,
};

/**
 * The settings card for `termination.checklist`: one row per task of the template, plus blank
 * rows to add one; clearing a row's key and titles removes it.
 */
export function TerminationChecklistCard({
  value,
  result,
  busy,
  blankRows,
  Card,
}: {
  value: TerminationSettings;
  result: StaffActionData | undefined;
  busy: boolean;
  blankRows: number;
  Card: (props: CardProps) => ReactNode;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'terminationChecklist');
  const rows = [...value.tasks, ...Array.from({ length: blankRows }, () => BLANK)];
  return (
    <Card
      id="termination-checklist-heading"
      title={t('terminations.settings.checklist')}
      hint={t('terminations.settings.checklistHint')}
      intent="terminationChecklist"
      formKey={`termination-checklist-${JSON.stringify(value.tasks)}`}
      result={result}
      busy={busy}
    >
      <input type="hidden" name="rows" value={rows.length} />
      {rows.map((task, i) => {
        const name = (field: string) => `tasks.${i}.${field}`;
        const error = errors[`tasks.${i}`];
        return (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional form fields
            key={i}
            className={error ? 'ui-field ui-field--invalid stack' : 'ui-field stack'}
          >
            <legend>{t('terminations.settings.row', { n: i + 1 })}</legend>
            {error ? <p className="ui-field__error">{error}</p> : null}
            <div className="staff-row staff-row--four">
              <InputField
                name={name('key')}
                label={t('terminations.settings.key')}
                defaultValue={task.key}
                maxLength={60}
              />
              <div className="ui-field">
                <label htmlFor={`termination-side-${i}`}>{t('terminations.settings.side')}</label>
                <select id={`termination-side-${i}`} name={name('side')} defaultValue={task.side}>
                  <option value="partner">{t('terminations.task.side.partner')}</option>
                  <option value="internal">{t('terminations.task.side.internal')}</option>
                </select>
              </div>
              <InputField
                name={name('daysBefore')}
                type="number"
                min={0}
                max={365}
                label={t('terminations.settings.daysBefore')}
                defaultValue={task.daysBefore}
              />
            </div>
            <InputField
              name={name('titleZh')}
              label={t('terminations.settings.titleZh')}
              defaultValue={task.titleZh}
              maxLength={200}
            />
            <InputField
              name={name('titleEn')}
              label={t('terminations.settings.titleEn')}
              defaultValue={task.titleEn}
              maxLength={200}
            />
            <div className="staff-row">
              <CheckboxField
                name={name('needsCertificate')}
                label={t('terminations.settings.needsCertificate')}
                defaultChecked={task.needsCertificate}
              />
              <CheckboxField
                name={name('criticalOnly')}
                label={t('terminations.settings.criticalOnly')}
                defaultChecked={task.criticalOnly}
              />
            </div>
          </fieldset>
        );
      })}
    </Card>
  );
}
