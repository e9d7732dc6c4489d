import { createBoltApp } from './app.ts';
import type { ListenerDeps, SlackEventsDeps } from './deps.ts';
import { createEventsHandler } from './http/events-handler.ts';
import { createMessageRefresher, noRefresher } from './refresher.ts';
import { createReplySender } from './replies.ts';

export { type CommitteeBallotState, loadCommitteeBallot } from './committee/ballot-state.ts';
export { COMMITTEE_REJECT_CALLBACK_ID, COMMITTEE_VOTE_ACTION_IDS } from './committee/ids.ts';
export { type CommitteeMessage, committeeMessage } from './committee/message.ts';
export type { SlackEventsDeps } from './deps.ts';
export { committeeOutboxKinds } from './outbox/index.ts';
export {
  createSlackGateway,
  type SlackGatewayOptions,
  type SlackUserProfile,
  type SlackWebGateway,
} from './gateway.ts';
export { verifySlackSignature } from './http/verify-signature.ts';
export { riskSlackPacing } from './outbox/risk-alert.ts';
export { RISK_ALERT_ACTION_IDS, RISK_RESOLVE_CALLBACK_ID } from './risk/ids.ts';

/**
 * The handler mounted at /slack/events: slash commands, interactions and Events API
 * callbacks, verified, routed through Bolt to the listeners under ./listeners.
 */
export function createSlackEventsHandler(deps: SlackEventsDeps): (request: Request) => Promise<Response> {
  const refresher = deps.inProcessRefresh === false ? noRefresher : createMessageRefresher(deps);
  const listenerDeps: ListenerDeps = {
    db: deps.db,
    slack: deps.slack,
    publicUrl: deps.publicUrl,
    refresher,
    replies: createReplySender(),
  };
  return createEventsHandler(createBoltApp(listenerDeps), deps);
}
