import { type Actor, asAppError, publishNotice } from '@outpost/core';
import { type Locale, translate } from '@outpost/i18n';
import type { PortalDeps } from '../../context';
import { appErrorToForm, formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { translateError } from '../translate-error';

/** What the notice form shows: strings as typed, so a refused form comes back as it was. */
export interface NoticeFormValues {
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  target: string;
  partnerId: string;
  serviceCategory: string;
  personId: string;
  requiresConfirmation: boolean;
  confirmBy: string;
}

export const emptyNoticeForm = (): NoticeFormValues => ({
  kind: 'regulation',
  titleZh: '',
  titleEn: '',
  bodyZh: '',
  bodyEn: '',
  target: 'partner',
  partnerId: '',
  serviceCategory: '',
  personId: '',
  requiresConfirmation: false,
  confirmBy: '',
});

const fieldNames = [
  'kind',
  'titleZh',
  'titleEn',
  'bodyZh',
  'bodyEn',
  'target',
  'partnerId',
  'serviceCategory',
  'personId',
  'confirmBy',
] as const;

function valuesFromForm(form: FormData): NoticeFormValues {
  const values = emptyNoticeForm();
  for (const name of fieldNames) values[name] = formText(form, name);
  values.requiresConfirmation = form.get('requiresConfirmation') === 'on';
  return values;
}

/** Labels for "<label>: <what to do>" field errors (decision record 025). */
const labels = (locale: Locale) =>
  Object.fromEntries(
    fieldNames.map((name) => [
      name,
      translate(locale, `training-notices.form.${name}` as 'training-notices.form.kind'),
    ]),
  );

export type NoticeFormResult =
  | { ok: true; noticeId: string }
  | { ok: false; status: number; errors: FormErrors; values: NoticeFormValues };

/** The new-notice form's action: publish, or the form back with each refused field named. */
export async function noticeFormAction(
  deps: PortalDeps,
  actor: Actor,
  form: FormData,
  locale: Locale,
): Promise<NoticeFormResult> {
  const values = valuesFromForm(form);
  try {
    const uploads = await Promise.all(
      form
        .getAll('attachments')
        .filter((f): f is File => f instanceof File && f.size > 0)
        .map(async (f) => ({
          fileName: f.name || 'attachment.pdf',
          bytes: new Uint8Array(await f.arrayBuffer()),
        })),
    );
    const blank = (s: string) => s.trim() || undefined;
    const notice = await publishNotice(
      deps.db,
      actor,
      {
        kind: values.kind as 'regulation',
        titleZh: values.titleZh,
        titleEn: values.titleEn,
        bodyZh: values.bodyZh,
        bodyEn: values.bodyEn,
        target: values.target as 'partner',
        // Only the field of the chosen target is sent, so a leftover choice in another select is ignored.
        partnerId: values.target === 'partner' ? blank(values.partnerId) : undefined,
        serviceCategory:
          values.target === 'category' ? (blank(values.serviceCategory) as 'agency' | undefined) : undefined,
        personId: values.target === 'person' ? blank(values.personId) : undefined,
        requiresConfirmation: values.requiresConfirmation,
        confirmBy: values.requiresConfirmation ? blank(values.confirmBy) : undefined,
      },
      { storage: deps.storage, uploads, maxBytes: deps.uploadMaxBytes },
    );
    return { ok: true, noticeId: notice.id };
  } catch (raw) {
    const error = asAppError(raw);
    if (
      error &&
      (error.code === 'payload_too_large' ||
        error.code === 'unsupported_media_type' ||
        error.messageKey === 'errors.training.too_many_attachments')
    ) {
      const message = `${translate(locale, 'training-notices.form.attachments')}: ${translateError(locale, error.messageKey ?? `errors.${error.code}`, {})}`;
      return {
        ok: false,
        status: error.status,
        errors: {
          fields: { attachments: message },
          form: translate(locale, 'training-notices.form.fixBelow'),
        },
        values,
      };
    }
    const mapped = appErrorToForm(raw, locale, labels(locale));
    if (!mapped) throw raw;
    return { ok: false, status: mapped.status, errors: mapped.errors, values };
  }
}
