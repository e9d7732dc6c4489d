import {
  asAppError,
  externalUploadChoices,
  myExternalCertificates,
  uploadExternalCertificate,
} from '@outpost/core';
import { formatDay, todayInChina, translate } from '@outpost/i18n';
import { Alert, Badge, EmptyState, SelectField, TextField } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { InputField } from '../../components/staff/fields';
import { TableRegion } from '../../components/table-region';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { translateError } from '../../lib/translate-error';
import type { FormErrors } from '../../lib/form-errors';
import type { Route } from './+types/training-external';

const categories = [
  'law_ethics',
  'professional_skills',
  'product',
  'risk_compliance',
  'information_security',
] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const [certificates, people] = await orRouteError(locale, () =>
    Promise.all([myExternalCertificates(deps.db, actor), externalUploadChoices(deps.db, actor)]),
  );
  return {
    today: todayInChina(),
    people: people.map((p) => ({ id: p.id, name: p.name, me: p.userId === actor.userId })),
    certificates: certificates.map((c) => ({
      id: c.id,
      personName: c.personName,
      title: c.title,
      provider: c.provider,
      date: formatDay(locale, c.completedOn) ?? c.completedOn,
      hours: String(c.minutes / 60),
      category: c.category,
      fileName: c.fileName,
      status: c.status,
      rejectReason: c.rejectReason,
    })),
  };
}

const fieldKeys: Record<string, string> = {
  personId: 'training-staff.error.mine.personId',
  title: 'training-staff.error.mine.title',
  provider: 'training-staff.error.mine.provider',
  completedOn: 'training-staff.error.mine.completedOn',
  hours: 'training-staff.error.mine.hours',
  category: 'training-staff.error.mine.category',
  file: 'training-staff.error.mine.file',
  fileName: 'training-staff.error.mine.file',
};

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const form = await request.formData();
  const file = form.get('file');
  const hoursText = formText(form, 'hours').trim();
  try {
    if (!(file instanceof File) || file.size === 0) {
      return data(
        {
          ok: false as const,
          errors: { fields: { file: translate(locale, 'training-staff.error.mine.file') } } as FormErrors,
          at: Date.now(),
        },
        { status: 422 },
      );
    }
    await uploadExternalCertificate(
      deps.db,
      actor,
      deps.storage,
      {
        personId: formText(form, 'personId'),
        title: formText(form, 'title'),
        provider: formText(form, 'provider'),
        completedOn: formText(form, 'completedOn'),
        hours: hoursText === '' ? Number.NaN : Number(hoursText),
        category: formText(form, 'category') as 'law_ethics',
        fileName: file.name || 'certificate',
        bytes: new Uint8Array(await file.arrayBuffer()),
      },
      { maxBytes: deps.uploadMaxBytes },
    );
    return data({
      ok: true as const,
      notice: translate(locale, 'training-staff.mine.uploaded'),
      at: Date.now(),
    });
  } catch (raw) {
    const error = asAppError(raw);
    const listed = Array.isArray(error?.details?.fields) ? (error.details.fields as { path: string }[]) : [];
    const fields: Record<string, string> = {};
    for (const f of listed) {
      const head = f.path.split('.')[0] ?? '';
      const key = fieldKeys[head];
      if (key)
        fields[head === 'fileName' ? 'file' : head] = translate(
          locale,
          key as 'training-staff.error.mine.file',
        );
    }
    if (error && (error.code === 'payload_too_large' || error.messageKey?.startsWith('errors.file_'))) {
      fields.file = `${translate(locale, 'training-staff.error.mine.file')} ${translateError(locale, error.messageKey ?? `errors.${error.code}`, {})}`;
    }
    if (error && error.status === 404 && error.messageKey !== undefined && formText(form, 'personId')) {
      fields.personId ??= translate(locale, 'training-staff.error.mine.personId');
    }
    if (error && Object.keys(fields).length > 0) {
      return data(
        { ok: false as const, errors: { fields } as FormErrors, at: Date.now() },
        { status: error.status },
      );
    }
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return data(
      { ok: false as const, errors: mapped.errors as FormErrors, at: Date.now() },
      { status: mapped.status },
    );
  }
}

const tone = { submitted: 'info', accepted: 'positive', rejected: 'negative' } as const;

/** A partner person's external training: upload a certificate, see what the insurer decided. */
export default function PartnerTrainingExternal({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const view = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const f = failed?.errors.fields ?? {};
  return (
    <div className="page">
      <title>{`${t('training-staff.mine.title')} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/p/training">← {t('training.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('training.nav')}</p>
        <h1>{t('training-staff.mine.title')}</h1>
        <p className="muted">{t('training-staff.mine.intro')}</p>
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}

      {view.certificates.length === 0 ? (
        <EmptyState title={t('training-staff.mine.none')} />
      ) : (
        <TableRegion labelledBy="external-caption">
          <table className="table">
            <caption id="external-caption" className="visually-hidden">
              {t('training-staff.mine.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('training-staff.mine.title.field')}</th>
                <th scope="col">{t('training-staff.external.person')}</th>
                <th scope="col">{t('training-staff.external.date')}</th>
                <th scope="col">{t('training-staff.external.hours')}</th>
                <th scope="col">{t('training-staff.external.category')}</th>
                <th scope="col">{t('partner.status')}</th>
              </tr>
            </thead>
            <tbody>
              {view.certificates.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={`/p/training/external/${c.id}/file`}>{c.title}</a>
                    <div className="muted">{c.provider}</div>
                  </th>
                  <td>{c.personName}</td>
                  <td>{c.date}</td>
                  <td>{c.hours}</td>
                  <td>{t(`training.category.${c.category}`)}</td>
                  <td>
                    <Badge tone={tone[c.status]}>{t(`training-staff.external.status.${c.status}`)}</Badge>
                    {c.rejectReason ? (
                      <div className="muted">
                        {t('training-staff.mine.reason', { reason: c.rejectReason })}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}

      <section className="card stack" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t('training-staff.mine.uploadTitle')}</h2>
        {view.people.length === 0 ? (
          <p className="muted">{t('training-staff.mine.notOnRoster')}</p>
        ) : (
          <Form
            method="post"
            encType="multipart/form-data"
            className="stack"
            noValidate
            key={failed ? failed.at : (actionData?.at ?? 'upload')}
          >
            <SelectField
              name="personId"
              label={t('training-staff.mine.person')}
              defaultValue={view.people.find((p) => p.me)?.id ?? view.people[0]?.id}
              error={f.personId}
              options={view.people.map((p) => ({ value: p.id, label: p.name }))}
            />
            <TextField name="title" label={t('training-staff.mine.title.field')} error={f.title} />
            <TextField name="provider" label={t('training-staff.mine.provider')} error={f.provider} />
            <InputField
              name="completedOn"
              type="date"
              max={view.today}
              label={t('training-staff.mine.date')}
              error={f.completedOn}
            />
            <InputField
              name="hours"
              type="number"
              step="0.25"
              min="0.25"
              max="100"
              label={t('training-staff.mine.hours')}
              error={f.hours}
            />
            <SelectField
              name="category"
              label={t('training-staff.mine.category')}
              error={f.category}
              options={categories.map((c) => ({ value: c, label: t(`training.category.${c}`) }))}
            />
            <div className={f.file ? 'ui-field ui-field--invalid' : 'ui-field'}>
              <label htmlFor="external-file">{t('training-staff.mine.file')}</label>
              <input
                id="external-file"
                type="file"
                name="file"
                accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
                aria-invalid={f.file ? true : undefined}
                aria-describedby={f.file ? 'external-file-error' : undefined}
              />
              {f.file ? (
                <p id="external-file-error" className="ui-field__error">
                  {f.file}
                </p>
              ) : null}
            </div>
            <div>
              <button
                type="submit"
                className="button button--primary"
                disabled={navigation.state === 'submitting'}
              >
                {t('training-staff.mine.submit')}
              </button>
            </div>
          </Form>
        )}
      </section>
    </div>
  );
}
