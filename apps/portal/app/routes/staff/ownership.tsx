import { redirect } from 'react-router';
import { ownershipAction } from '../../lib/ownership/ownership.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/ownership';

/**
 * Where every page's "department and responsible person" form posts (decision record 050): the
 * partner, contract, alert and rectification pages share one handler; core checks the role and
 * audits the change. Nothing to show on its own.
 */
export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, { ownership: ownershipAction });
}

export function loader({ context, request }: Route.LoaderArgs) {
  // Staff only, like every page under /s (partners are refused, the signed-out sent to sign in).
  requireKind(context, request, 'staff');
  throw redirect('/s');
}
