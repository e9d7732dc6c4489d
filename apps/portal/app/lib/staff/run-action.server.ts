import { data, type RouterContextProvider } from 'react-router';
import { depsContext, localeContext } from '../../context';
import { routeError } from '../route-error';
import { requireKind } from '../viewer.server';
import type { StaffActionData, StaffActionResult } from './action-result';
import { text } from './form-values';
import type { StaffActionArgs } from './staff-action';

/**
 * Runs the handler a staff form names in its hidden `intent` field and answers with
 * what the page shows next. An unknown intent is a 400 page (a hand-made request);
 * anything a handler does not expect propagates to the error boundary.
 */
export async function runStaffAction<Extra>(
  context: Pick<RouterContextProvider, 'get'>,
  request: Request,
  handlers: Record<string, (args: StaffActionArgs) => Promise<StaffActionResult<Extra>>>,
) {
  const viewer = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const form = await request.formData();
  const intent = text(form, 'intent');
  const handler = Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler) throw routeError(locale, 400, 'errors.refused');
  const result = await handler({ deps: context.get(depsContext), viewer, locale, form });
  const payload: StaffActionData<Extra> = {
    intent: result.intent,
    notice: result.notice ?? null,
    errors: result.errors ?? null,
    extra: result.extra ?? null,
    target: text(form, 'target') || null,
    at: Date.now(),
  };
  return data(payload, { status: result.status });
}
