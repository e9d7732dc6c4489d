import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { registerCommitteeVote } from './actions/committee-vote.ts';
import { registerApprovalBallots } from './actions/approval-ballot.ts';
import { registerMarkRead } from './actions/mark-read.ts';
import { registerOpenLinks } from './actions/open-links.ts';
import { registerOutpostCommand } from './commands/outpost.ts';
import { registerCommitteeReject } from './views/committee-reject.ts';
import { registerBallotReason } from './views/ballot-reason.ts';
import { registerRiskAlertActions } from './actions/risk-alert.ts';
import { registerRiskResolve } from './views/risk-resolve.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerOutpostCommand(app, deps);
  registerMarkRead(app, deps);
  registerOpenLinks(app);
  registerCommitteeVote(app, deps);
  registerCommitteeReject(app, deps);
  registerApprovalBallots(app, deps);
  registerBallotReason(app, deps);
  registerRiskAlertActions(app, deps);
  registerRiskResolve(app, deps);
}
