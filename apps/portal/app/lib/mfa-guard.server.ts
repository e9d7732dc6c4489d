import { mfaRequirement } from '@outpost/auth';
import { redirect, type RouterContextProvider } from 'react-router';
import { depsContext } from '../context';
import type { Viewer } from './viewer.server';

export const MFA_SETUP_PATH = '/account/mfa';

/**
 * A staff member whose role requires two-step sign-in (the `auth.mfa` setting) and who has not
 * set it up is sent to the setup from every signed-in page and form, until it is on
 * (decision record 043). Page loads and client-side data requests (`….data`) alike.
 */
export async function requireMfaWhenRequired(
  context: Pick<RouterContextProvider, 'get'>,
  request: Request,
  viewer: Viewer,
): Promise<void> {
  if (viewer.person.user.kind !== 'staff') return;
  const path = new URL(request.url).pathname.replace(/\.data$/, '');
  if (path === MFA_SETUP_PATH) return;
  const { required, enabled } = await mfaRequirement(context.get(depsContext).db, viewer.person.actor);
  if (required && !enabled) throw redirect(MFA_SETUP_PATH);
}
