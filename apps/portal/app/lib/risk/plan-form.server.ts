import { saveEmergencyPlan } from '@outpost/core';
import type { Database } from '@outpost/db';
import { type Locale, translate } from '@outpost/i18n';
import type { Actor } from '@outpost/core';
import { appErrorToForm, formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** Saves the plan form (a new plan without planId); the errors in the reader's language. */
export async function savePlanForm(
  db: Database,
  actor: Actor,
  locale: Locale,
  form: FormData,
  planId?: string,
): Promise<
  | { ok: true; planId: string; version: number }
  | { ok: false; status: number; errors: FormErrors; values: Record<string, string> }
> {
  const values = Object.fromEntries(
    ['scenario', 'titleZh', 'titleEn', 'bodyZh', 'bodyEn', 'stepsZh', 'stepsEn'].map((k) => [
      k,
      formText(form, k),
    ]),
  );
  try {
    const plan = await saveEmergencyPlan(db, actor, {
      ...(planId ? { planId } : {}),
      scenario: values.scenario as 'other',
      serviceCategories: form
        .getAll('serviceCategories')
        .filter((v): v is string => typeof v === 'string') as [],
      titleZh: values.titleZh ?? '',
      titleEn: values.titleEn ?? '',
      bodyZh: values.bodyZh ?? '',
      bodyEn: values.bodyEn ?? '',
      stepsZh: lines(values.stepsZh ?? ''),
      stepsEn: lines(values.stepsEn ?? ''),
      active: planId ? form.get('active') === 'on' : true,
    });
    return { ok: true, planId: plan.id, version: plan.version };
  } catch (raw) {
    const label = (k: string) => translate(locale, `risk.plan.field.${k}`);
    const mapped = appErrorToForm(raw, locale, {
      scenario: label('scenario'),
      serviceCategories: label('categories'),
      titleZh: label('titleZh'),
      titleEn: label('titleEn'),
      bodyZh: label('bodyZh'),
      bodyEn: label('bodyEn'),
      stepsZh: label('stepsZh'),
      stepsEn: label('stepsEn'),
    });
    if (!mapped) throw raw;
    return { ok: false, status: mapped.status, errors: mapped.errors, values };
  }
}
