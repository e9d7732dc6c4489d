import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { InputField, TextAreaField } from '../staff/fields';
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

/** The settings card for `reports.distribution`: the management channel's id and the e-mail list. */
export function ReportDistributionCard({
  value,
  result,
  busy,
  Card,
}: {
  value: { slackChannel: string | null; emails: { email: string; locale: string }[] };
  result: StaffActionData | undefined;
  busy: boolean;
  Card: (props: CardProps) => ReactNode;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'reportDistribution');
  const lines = value.emails.map((e) => (e.locale === 'en' ? `${e.email} en` : e.email)).join('\n');
  return (
    <Card
      id="report-distribution-heading"
      title={t('reports.settings.title')}
      hint={t('reports.settings.hint')}
      intent="reportDistribution"
      formKey={`reports-${value.slackChannel ?? ''}-${lines}`}
      result={result}
      busy={busy}
    >
      <InputField
        name="slackChannel"
        label={t('reports.settings.channel')}
        hint={t('reports.settings.channelHint')}
        defaultValue={value.slackChannel ?? ''}
        maxLength={30}
        error={errors.slackChannel}
      />
      <TextAreaField
        name="emails"
        label={t('reports.settings.emails')}
        hint={t('reports.settings.emailsHint')}
        defaultValue={lines}
        rows={4}
        maxLength={5000}
        error={errors.emails}
      />
    </Card>
  );
}
