import {
  AppError,
  acknowledgeReview,
  answerAppeal,
  appealReview,
  draftQuarterlyReviews,
  finaliseReview,
  reopenRectificationItem,
  saveReviewDraft,
  submitRectificationItem,
  uploadRectificationEvidence,
  verifyRectificationItem,
} from '@outpost/core';
import { type Locale, translate } from '@outpost/i18n';
import { data, type RouterContextProvider } from 'react-router';
import { depsContext, localeContext, type PortalDeps } from '../../context';
import { formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { formatBytes } from '@outpost/i18n';
import { routeError } from '../route-error';
import { domainFormErrors, type FieldMessages } from '../staff/domain-errors.server';
import { requireKind } from '../viewer.server';
import { decisionFromForm, itemsFromForm } from './review-form';

/** What a review page's action answers: which form (and row) it was, and a notice or errors. */
export interface ReviewActionData {
  intent: string;
  target: string | null;
  notice: string | null;
  errors: FormErrors | null;
  at: number;
}

interface HandlerArgs {
  deps: PortalDeps;
  actor: Parameters<typeof saveReviewDraft>[1];
  locale: Locale;
  form: FormData;
  reviewId: string;
  target: string;
}
type Handler = (args: HandlerArgs) => Promise<{ notice: string }>;

const messages: Record<string, FieldMessages> = {
  draft: { quarter: 'errors.validation_failed' },
  save: { comments: 'reviews.fieldRequired' },
  finalise: { items: 'errors.rectification_items_required', decision: 'errors.review_decision_required' },
  answer: { response: 'reviews.reasonTooShort', outcome: 'reviews.fieldRequired' },
  appeal: { reason: 'reviews.reasonTooShort' },
  reopen: { reason: 'reviews.reasonTooShort' },
};

const completion = (form: FormData, reviewId: string) => ({
  reviewId,
  comments: formText(form, 'comments'),
  decision: decisionFromForm(form),
  items: itemsFromForm(form),
});

/** Staff forms on the list and detail pages, each calling one core service. */
export const staffHandlers: Record<string, Handler> = {
  async draft({ deps, actor, locale, form }) {
    const result = await draftQuarterlyReviews(deps.db, formText(form, 'quarter'), actor);
    return { notice: translate(locale, 'reviews.drafted', { ...result }) };
  },
  async save({ deps, actor, locale, form, reviewId }) {
    await saveReviewDraft(deps.db, actor, completion(form, reviewId));
    return { notice: translate(locale, 'reviews.saved') };
  },
  async finalise({ deps, actor, locale, form, reviewId }) {
    await finaliseReview(deps.db, actor, completion(form, reviewId));
    return { notice: translate(locale, 'reviews.finalised') };
  },
  async answer({ deps, actor, locale, form, reviewId }) {
    const outcome = formText(form, 'outcome') as 'upheld' | 'overturned';
    await answerAppeal(deps.db, actor, { reviewId, outcome, response: formText(form, 'response') });
    return { notice: translate(locale, 'reviews.answered') };
  },
  async verify({ deps, actor, locale, target }) {
    await verifyRectificationItem(deps.db, actor, target);
    return { notice: translate(locale, 'reviews.verified') };
  },
  async reopen({ deps, actor, locale, form, target }) {
    await reopenRectificationItem(deps.db, actor, { itemId: target, reason: formText(form, 'reason') });
    return { notice: translate(locale, 'reviews.reopened') };
  },
};

/** The partner's forms on its review page. */
export const partnerHandlers: Record<string, Handler> = {
  async acknowledge({ deps, actor, locale, reviewId }) {
    await acknowledgeReview(deps.db, actor, reviewId);
    return { notice: translate(locale, 'reviews.acknowledged') };
  },
  async appeal({ deps, actor, locale, form, reviewId }) {
    await appealReview(deps.db, actor, { reviewId, reason: formText(form, 'reason') });
    return { notice: translate(locale, 'reviews.appealed') };
  },
  async upload({ deps, actor, locale, form, target }) {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      throw new AppError('validation_failed', 'Attach a file.', {
        messageKey: 'errors.file_empty',
        details: { field: 'file' },
      });
    }
    await uploadRectificationEvidence(
      deps.db,
      actor,
      deps.storage,
      { itemId: target, fileName: file.name || 'evidence', bytes: new Uint8Array(await file.arrayBuffer()) },
      { maxBytes: deps.uploadMaxBytes },
    );
    return { notice: translate(locale, 'reviews.uploaded') };
  },
  async submit({ deps, actor, locale, target }) {
    await submitRectificationItem(deps.db, actor, target);
    return { notice: translate(locale, 'reviews.submitted') };
  },
};

/**
 * Runs the handler a review form names in its `intent` field and answers with what the page
 * shows next. Expected domain errors become translated form errors; anything else propagates.
 */
export async function runReviewAction(
  context: Pick<RouterContextProvider, 'get'>,
  request: Request,
  kind: 'staff' | 'partner',
  handlers: Record<string, Handler>,
  reviewId = '',
) {
  const { person } = requireKind(context, request, kind);
  const locale = context.get(localeContext);
  const deps = context.get(depsContext);
  // Refuse an oversize evidence upload before reading it into memory.
  if (Number(request.headers.get('content-length') ?? 0) > deps.uploadMaxBytes + 64 * 1024) {
    const form = translate(locale, 'errors.file_too_large', {
      size: formatBytes(locale, deps.uploadMaxBytes),
    });
    return data<ReviewActionData>(
      { intent: 'upload', target: null, notice: null, errors: { form }, at: Date.now() },
      { status: 413 },
    );
  }
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const target = formText(form, 'target');
  const handler = Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler) throw routeError(locale, 400, 'errors.refused');
  try {
    const { notice } = await handler({ deps, actor: person.actor, locale, form, reviewId, target });
    return data<ReviewActionData>({ intent, target: target || null, notice, errors: null, at: Date.now() });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, messages[intent] ?? {});
    if (!mapped) throw error;
    return data<ReviewActionData>(
      { intent, target: target || null, notice: null, errors: mapped.errors, at: Date.now() },
      { status: mapped.status },
    );
  }
}
