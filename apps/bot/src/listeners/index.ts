import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { registerCommitteeVote } from './actions/committee-vote.ts';
import { registerContractApproval } from './actions/contract-approval.ts';
import { registerMarkRead } from './actions/mark-read.ts';
import { registerOpenLinks } from './actions/open-links.ts';
import { registerOutpostCommand } from './commands/outpost.ts';
import { registerCommitteeReject } from './views/committee-reject.ts';
import { registerContractReturn } from './views/contract-return.ts';
import { registerRiskAlertActions } from './actions/risk-alert.ts';
import { registerRiskResolve } from './views/risk-resolve.ts';
import { registerIncentiveApproval } from './actions/incentive-approval.ts';
import { registerIncentiveReject } from './views/incentive-reject.ts';
import { registerTerminationApproval } from './actions/termination-approval.ts';
import { registerTerminationReject } from './views/termination-reject.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerOutpostCommand(app, deps);
  registerMarkRead(app, deps);
  registerOpenLinks(app);
  registerCommitteeVote(app, deps);
  registerCommitteeReject(app, deps);
  registerContractApproval(app, deps);
  registerContractReturn(app, deps);
  registerRiskAlertActions(app, deps);
  registerRiskResolve(app, deps);
  registerIncentiveApproval(app, deps);
  registerIncentiveReject(app, deps);
  registerTerminationApproval(app, deps);
  registerTerminationReject(app, deps);
}
