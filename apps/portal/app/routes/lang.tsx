import { setLocale } from '@outpost/core';
import { isLocale } from '@outpost/i18n';
import { redirect } from 'react-router';
import { depsContext, viewerContext } from '../context';
import { formText } from '../lib/app-error.server';
import { localeCookie } from '../lib/locale.server';
import { safeRedirectPath } from '../lib/safe-redirect';
import type { Route } from './+types/lang';

/**
 * The language switcher posts here. The choice is kept in a cookie for a year (it
 * applies before signing in, too) and, when signed in, saved as the person's
 * preference so Slack messages and e-mails use it as well. Then back to the page.
 */
export async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const back = safeRedirectPath(formText(form, 'redirectTo'), '/');
  const locale = formText(form, 'locale');
  if (!isLocale(locale)) return redirect(back);
  const viewer = context.get(viewerContext);
  if (viewer) await setLocale(context.get(depsContext).db, viewer.person.actor, locale);
  return redirect(back, { headers: { 'Set-Cookie': localeCookie(locale, request.url) } });
}

export function loader() {
  throw redirect('/');
}
