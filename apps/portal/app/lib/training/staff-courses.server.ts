import {
  type Actor,
  asAppError,
  assignCourse,
  cancelAssignment,
  createCourse,
  publishCourseVersion,
} from '@outpost/core';
import type { TrainingCourseVersion } from '@outpost/db';
import { type Locale, translate } from '@outpost/i18n';
import { appErrorToForm, formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { translateError } from '../translate-error';
import type { PortalDeps as AppDeps } from '../../context';

/** Options shown per question; blank ones are left out. */
export const OPTIONS_PER_QUESTION = 4;
const MAX_QUESTIONS = 100;

export interface QuestionValues {
  kind: 'single' | 'multiple';
  promptZh: string;
  promptEn: string;
  options: { zh: string; en: string }[];
  correct: number[];
}

/** What the course form shows: strings as typed, so a refused form comes back as it was. */
export interface CourseFormValues {
  category: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  creditHours: string;
  videoUrl: string;
  passMark: string;
  attemptLimit: string;
  shuffle: boolean;
  questions: QuestionValues[];
}

const blankQuestion = (): QuestionValues => ({
  kind: 'single',
  promptZh: '',
  promptEn: '',
  options: Array.from({ length: OPTIONS_PER_QUESTION }, () => ({ zh: '', en: '' })),
  correct: [],
});

export const emptyCourseForm = (): CourseFormValues => ({
  category: 'law_ethics',
  titleZh: '',
  titleEn: '',
  bodyZh: '',
  bodyEn: '',
  creditHours: '1',
  videoUrl: '',
  passMark: '80',
  attemptLimit: '3',
  shuffle: false,
  questions: [blankQuestion()],
});

/** The form prefilled from a published version (the start of the next one). */
export function formFromVersion(category: string, v: TrainingCourseVersion): CourseFormValues {
  return {
    category,
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    bodyZh: v.bodyZh,
    bodyEn: v.bodyEn,
    creditHours: String(v.creditMinutes / 60),
    videoUrl: v.videoUrl ?? '',
    passMark: String(v.passMark),
    attemptLimit: String(v.attemptLimit),
    shuffle: v.shuffle,
    questions: v.questions.map((q) => ({
      kind: q.kind,
      promptZh: q.promptZh,
      promptEn: q.promptEn,
      options: Array.from(
        { length: Math.max(OPTIONS_PER_QUESTION, q.options.length) },
        (_, i) => q.options[i] ?? { zh: '', en: '' },
      ),
      correct: q.correct,
    })),
  };
}

/** Reads the submitted form back into values (`q<i>.…` fields). */
export function valuesFromForm(form: FormData): CourseFormValues {
  const count = Math.min(Math.max(Number(formText(form, 'questionCount')) || 1, 1), MAX_QUESTIONS);
  const questions: QuestionValues[] = [];
  for (let i = 0; i < count; i++) {
    const optionCount = Math.min(
      Math.max(Number(formText(form, `q${i}.optionCount`)) || 0, OPTIONS_PER_QUESTION),
      8,
    );
    questions.push({
      kind: formText(form, `q${i}.kind`) === 'multiple' ? 'multiple' : 'single',
      promptZh: formText(form, `q${i}.promptZh`),
      promptEn: formText(form, `q${i}.promptEn`),
      options: Array.from({ length: optionCount }, (_, j) => ({
        zh: formText(form, `q${i}.o${j}.zh`),
        en: formText(form, `q${i}.o${j}.en`),
      })),
      correct: form
        .getAll(`q${i}.correct`)
        .map((v) => Number(v))
        .filter((n) => Number.isInteger(n) && n >= 0 && n < optionCount),
    });
  }
  return {
    category: formText(form, 'category'),
    titleZh: formText(form, 'titleZh'),
    titleEn: formText(form, 'titleEn'),
    bodyZh: formText(form, 'bodyZh'),
    bodyEn: formText(form, 'bodyEn'),
    creditHours: formText(form, 'creditHours'),
    videoUrl: formText(form, 'videoUrl'),
    passMark: formText(form, 'passMark'),
    attemptLimit: formText(form, 'attemptLimit'),
    shuffle: form.get('shuffle') === 'on',
    questions,
  };
}

const isBlank = (q: QuestionValues) =>
  !q.promptZh.trim() && !q.promptEn.trim() && q.options.every((o) => !o.zh.trim() && !o.en.trim());

/** The values as core's input; `origin[k]` is the form index of the k-th question sent. */
function toInput(values: CourseFormValues) {
  const origin: number[] = [];
  const questions = values.questions.flatMap((q, i) => {
    if (isBlank(q)) return [];
    origin.push(i);
    const kept: number[] = [];
    const options = q.options.filter((o, j) => {
      const used = o.zh.trim() !== '' || o.en.trim() !== '';
      if (used) kept.push(j);
      return used;
    });
    return [
      {
        kind: q.kind,
        promptZh: q.promptZh,
        promptEn: q.promptEn,
        options,
        correct: q.correct.filter((c) => kept.includes(c)).map((c) => kept.indexOf(c)),
      },
    ];
  });
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  return {
    origin,
    input: {
      category: values.category as 'law_ethics',
      titleZh: values.titleZh,
      titleEn: values.titleEn,
      bodyZh: values.bodyZh,
      bodyEn: values.bodyEn,
      creditHours: num(values.creditHours),
      videoUrl: values.videoUrl.trim() || undefined,
      passMark: num(values.passMark),
      attemptLimit: num(values.attemptLimit),
      shuffle: values.shuffle,
      questions,
    },
  };
}

const topFields = new Set([
  'category',
  'titleZh',
  'titleEn',
  'bodyZh',
  'bodyEn',
  'creditHours',
  'videoUrl',
  'passMark',
  'attemptLimit',
  'questions',
  'attachments',
]);

/** Field errors naming the field, in the reader's language, from core's list of refused paths. */
function courseFieldErrors(raw: unknown, locale: Locale, origin: number[]): FormErrors | null {
  const error = asAppError(raw);
  if (!error || error.status >= 500) return null;
  const listed = Array.isArray(error.details?.fields) ? (error.details.fields as { path: string }[]) : [];
  const fields: Record<string, string> = {};
  for (const f of listed) {
    const [head, index] = f.path.split('.');
    if (head === 'questions' && index !== undefined && /^\d+$/.test(index)) {
      const i = origin[Number(index)] ?? Number(index);
      fields[`q${i}`] = translate(locale, 'training-staff.error.question', { n: i + 1 });
    } else if (head === 'file' || head === 'attachments') {
      fields.attachments = error.messageKey
        ? `${translate(locale, 'training-staff.error.attachments')} ${translateError(locale, error.messageKey, {})}`
        : translate(locale, 'training-staff.error.attachments');
    } else if (head && topFields.has(head)) {
      fields[head] = translate(locale, `training-staff.error.${head}` as 'training-staff.error.category');
    }
  }
  if (error.code === 'payload_too_large' || error.code === 'unsupported_media_type') {
    fields.attachments ??= `${translate(locale, 'training-staff.error.attachments')} ${translateError(locale, error.messageKey ?? `errors.${error.code}`, {})}`;
  }
  if (Object.keys(fields).length > 0) {
    return { fields, form: translate(locale, 'training-staff.form.fixBelow') };
  }
  return appErrorToForm(raw, locale)?.errors ?? null;
}

export type CourseFormResult =
  | { ok: true; courseId: string; version: number }
  | { ok: false; status: number; errors: FormErrors; values: CourseFormValues };

function uploadsFrom(form: FormData) {
  return form
    .getAll('attachments')
    .filter((f): f is File => f instanceof File && f.size > 0)
    .map(async (f) => ({
      fileName: f.name || 'attachment.pdf',
      bytes: new Uint8Array(await f.arrayBuffer()),
    }));
}

/**
 * The course form's action: "add a question" re-renders the form with one more (no script
 * needed); otherwise the course (or its next version) is published.
 */
export async function courseFormAction(
  deps: AppDeps,
  actor: Actor,
  form: FormData,
  locale: Locale,
  courseId?: string,
): Promise<CourseFormResult> {
  const values = valuesFromForm(form);
  if (formText(form, 'intent') === 'addQuestion') {
    if (values.questions.length < MAX_QUESTIONS) values.questions.push(blankQuestion());
    return { ok: false, status: 200, errors: {}, values };
  }
  const { input, origin } = toInput(values);
  try {
    const files = {
      storage: deps.storage,
      uploads: await Promise.all(uploadsFrom(form)),
      maxBytes: deps.uploadMaxBytes,
    };
    if (courseId) {
      const { category: _c, ...versionInput } = input;
      const version = await publishCourseVersion(deps.db, actor, courseId, versionInput, {
        ...files,
        keep: form.getAll('keep').filter((k): k is string => typeof k === 'string'),
      });
      return { ok: true, courseId, version: version.version };
    }
    const created = await createCourse(deps.db, actor, input, files);
    return { ok: true, courseId: created.course.id, version: 1 };
  } catch (raw) {
    const errors = courseFieldErrors(raw, locale, origin);
    if (!errors) throw raw;
    return { ok: false, status: asAppError(raw)?.status ?? 422, errors, values };
  }
}

const assignFields: Record<string, string> = {
  partnerId: 'training-staff.error.assignPartner',
  serviceCategory: 'training-staff.error.assignCategory',
  personId: 'training-staff.error.assignPerson',
  dueDate: 'training-staff.error.assignDue',
  target: 'training-staff.error.assignTarget',
};

export type AssignResult =
  | { ok: true; intent: string; notice: string }
  | { ok: false; intent: string; status: number; errors: FormErrors };

/** Assign the course or cancel one of its assignments. */
export async function assignmentAction(
  deps: AppDeps,
  actor: Actor,
  form: FormData,
  locale: Locale,
  courseId: string,
): Promise<AssignResult> {
  const intent = formText(form, 'intent');
  try {
    if (intent === 'cancel') {
      await cancelAssignment(deps.db, actor, formText(form, 'assignmentId'));
      return { ok: true, intent, notice: translate(locale, 'training-staff.assign.cancelled') };
    }
    const target = formText(form, 'target');
    const dueDate = formText(form, 'dueDate');
    await assignCourse(
      deps.db,
      actor,
      target === 'category'
        ? { target, courseId, serviceCategory: formText(form, 'serviceCategory') as 'agency', dueDate }
        : target === 'person'
          ? { target, courseId, personId: formText(form, 'personId'), dueDate }
          : { target: target as 'partner', courseId, partnerId: formText(form, 'partnerId'), dueDate },
    );
    return { ok: true, intent, notice: translate(locale, 'training-staff.assign.added') };
  } catch (raw) {
    const error = asAppError(raw);
    const listed = Array.isArray(error?.details?.fields) ? (error.details.fields as { path: string }[]) : [];
    const fields: Record<string, string> = {};
    for (const f of listed) {
      const head = f.path.split('.')[0] ?? '';
      const key = assignFields[head];
      if (key) fields[head] = translate(locale, key as 'training-staff.error.assignDue');
    }
    if (error && Object.keys(fields).length > 0)
      return { ok: false, intent, status: error.status, errors: { fields } };
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return { ok: false, intent, status: mapped.status, errors: mapped.errors };
  }
}
