import { type Actor, courseForLearner } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDay, type Locale } from '@outpost/i18n';
import { hours } from './training-view.server';

/** A course for the learner, in their language; the questions never carry their answers. */
export async function courseView(db: Database, actor: Actor, courseId: string, locale: Locale) {
  const c = await courseForLearner(db, actor, courseId);
  const en = locale === 'en';
  return {
    courseId: c.courseId,
    versionId: c.versionId,
    version: c.version,
    category: c.category,
    title: en ? c.titleEn : c.titleZh,
    body: en ? c.bodyEn : c.bodyZh,
    videoUrl: c.videoUrl,
    attachments: c.attachments.map((a) => ({ id: a.id, fileName: a.fileName })),
    hours: hours(c.creditMinutes),
    passMark: c.passMark,
    attemptLimit: c.attemptLimit,
    attempt: c.attempt,
    attemptsLeft: Math.max(c.attemptLimit - c.attemptsUsed, 0),
    due: formatDay(locale, c.dueDate) ?? c.dueDate,
    completedOn: c.completion ? formatDay(locale, c.completion.completedOn) : null,
    certificateCode: c.completion?.certificateCode ?? null,
    questions: c.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: en ? q.promptEn : q.promptZh,
      options: q.options.map((o) => ({ value: o.value, text: en ? o.en : o.zh })),
    })),
  };
}

/** `q:<id>` fields (radio or checkboxes) → `{ id: [option, …] }`; core checks the ids and values. */
export function answersFromForm(form: FormData): Record<string, number[]> {
  const answers: Record<string, number[]> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith('q:') || typeof value !== 'string') continue;
    const id = name.slice(2);
    const chosen = answers[id] ?? [];
    chosen.push(Number(value));
    answers[id] = chosen;
  }
  return answers;
}
