import { createHash } from 'node:crypto';
import type { TrainingQuestion } from '@outpost/db';
import { z } from 'zod';
import { AppError } from '../errors.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** One question as staff write it; `correct` are option indexes (one for single choice, any number for multiple). */
export const questionInput = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,40}$/i)
      .optional(),
    kind: z.enum(['single', 'multiple']),
    promptZh: text(2000),
    promptEn: text(2000),
    options: z
      .array(z.object({ zh: text(500), en: text(500) }))
      .min(2)
      .max(8),
    correct: z.array(z.number().int().min(0).max(7)).min(1).max(8),
  })
  .superRefine((q, ctx) => {
    if (q.correct.some((i) => i >= q.options.length)) {
      ctx.addIssue({
        code: 'custom',
        path: ['correct'],
        message: 'A correct answer must be one of the options.',
      });
    }
    if (new Set(q.correct).size !== q.correct.length) {
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'List each correct option once.' });
    }
    if (q.kind === 'single' && q.correct.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['correct'],
        message: 'A single-choice question has exactly one answer.',
      });
    }
  });

/** Stable ids for questions that came without one (q1, q2, …), refusing duplicates. */
export function withQuestionIds(questions: z.output<typeof questionInput>[]): TrainingQuestion[] {
  const seen = new Set<string>();
  return questions.map((q, index) => {
    const id = q.id ?? `q${index + 1}`;
    if (seen.has(id)) {
      throw new AppError('validation_failed', `Question id ${id} is used twice.`, {
        messageKey: 'errors.training.question_id_twice',
        details: { fields: [{ path: `questions.${index}.id`, message: 'Each question needs its own id.' }] },
      });
    }
    seen.add(id);
    return { ...q, id, correct: [...q.correct].sort((a, b) => a - b) };
  });
}

/** What the person sees: no correct answers; options keep their original index as `value`. */
export interface PublicQuestion {
  id: string;
  kind: 'single' | 'multiple';
  promptZh: string;
  promptEn: string;
  options: { value: number; zh: string; en: string }[];
}

/** A deterministic permutation from a seed, so a reload shows the same order within one attempt. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  let state = createHash('sha256').update(seed).digest();
  let pos = 0;
  const next = () => {
    if (pos + 4 > state.length) {
      state = createHash('sha256').update(state).digest();
      pos = 0;
    }
    const value = state.readUInt32BE(pos);
    pos += 4;
    return value;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The assessment as the browser gets it. Correct answers are stripped here, on the server; with
 * shuffling, questions and options are ordered per person and attempt (`seed`).
 */
export function publicQuestions(
  questions: readonly TrainingQuestion[],
  options: { shuffle: boolean; seed: string },
): PublicQuestion[] {
  const visible = questions.map((q) => ({
    id: q.id,
    kind: q.kind,
    promptZh: q.promptZh,
    promptEn: q.promptEn,
    options: q.options.map((o, value) => ({ value, zh: o.zh, en: o.en })),
  }));
  if (!options.shuffle) return visible;
  return shuffled(visible, `${options.seed}:questions`).map((q) => ({
    ...q,
    options: shuffled(q.options, `${options.seed}:${q.id}`),
  }));
}

export const answersInput = z.record(z.string().max(40), z.array(z.number().int().min(0).max(7)).max(8));

export interface Scored {
  /** Percentage of questions answered exactly right, rounded down. */
  score: number;
  passed: boolean;
  /** Ids of the questions answered wrong or left out, for the result page. */
  wrong: string[];
}

/**
 * Scores answers against one version's questions. Answers naming a question the version does not
 * have (e.g. from another version) are refused rather than ignored; an unanswered question is wrong.
 */
export function scoreAnswers(
  questions: readonly TrainingQuestion[],
  answers: Record<string, number[]>,
  passMark: number,
): Scored {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const foreign = Object.keys(answers).filter((id) => !byId.has(id));
  if (foreign.length > 0) {
    throw new AppError(
      'validation_failed',
      'These answers are for questions this version of the course does not have.',
      {
        messageKey: 'errors.training.foreign_questions',
        details: {
          fields: foreign.map((id) => ({
            path: `answers.${id}`,
            message: 'Not a question of this version.',
          })),
        },
      },
    );
  }
  const wrong: string[] = [];
  for (const q of questions) {
    const given = [...new Set(answers[q.id] ?? [])].sort((a, b) => a - b);
    const right = given.length === q.correct.length && given.every((v, i) => v === q.correct[i]);
    if (!right) wrong.push(q.id);
  }
  const score =
    questions.length === 0 ? 100 : Math.floor(((questions.length - wrong.length) * 100) / questions.length);
  return { score, passed: score >= passMark, wrong };
}
