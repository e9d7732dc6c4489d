import {
  CONTRACT_BALLOT_KIND,
  CONTRACT_REFRESH_KIND,
  NOTIFICATION_READ_REFRESH_KIND,
  RISK_ALERT_POST_KIND,
  RISK_ALERT_REFRESH_KIND,
  type SlackOutboxKind,
  INCENTIVE_BALLOT_KIND,
  INCENTIVE_REFRESH_KIND,
  TERMINATION_BALLOT_KIND,
  TERMINATION_REFRESH_KIND,
} from '@outpost/core';
import { incentiveBallotKind } from './incentive-ballot.ts';
import { incentiveRefreshKind } from './incentive-refresh.ts';
import { committeeBallotKind } from './committee-ballot.ts';
import { committeeRefreshKind } from './committee-refresh.ts';
import { contractBallotKind } from './contract-ballot.ts';
import { contractRefreshKind } from './contract-refresh.ts';
import { notificationReadRefreshKind } from './notification-read-refresh.ts';
import { riskAlertPostKind, riskAlertRefreshKind } from './risk-alert.ts';
import { terminationBallotKind, terminationRefreshKind } from './termination.ts';

/**
 * The Slack-shaped outbox rows the bot knows how to render, for the worker to deliver
 * (core delivers plain notifications itself). Rendering lives with the listeners that
 * update the same messages after a click, so both always draw them alike.
 */
export const committeeOutboxKinds: Record<string, SlackOutboxKind> = {
  committee_ballot: committeeBallotKind,
  committee_refresh: committeeRefreshKind,
  [NOTIFICATION_READ_REFRESH_KIND]: notificationReadRefreshKind,
  [CONTRACT_BALLOT_KIND]: contractBallotKind,
  [CONTRACT_REFRESH_KIND]: contractRefreshKind,
  // Risk alerts (decision 034): the card per alert, posted and updated in place.
  [RISK_ALERT_POST_KIND]: riskAlertPostKind,
  [RISK_ALERT_REFRESH_KIND]: riskAlertRefreshKind,
  // Incentive approvals (decision 048), drawn as contract ballots.
  [INCENTIVE_BALLOT_KIND]: incentiveBallotKind,
  [INCENTIVE_REFRESH_KIND]: incentiveRefreshKind,
  // Termination cases (decision 049): the approvers' ballots, redrawn with the live tally.
  [TERMINATION_BALLOT_KIND]: terminationBallotKind,
  [TERMINATION_REFRESH_KIND]: terminationRefreshKind,
};

/** The kinds that redraw a clicked message in place (what the bot's own refresher delivers). */
export const messageRefreshKinds = [
  'committee_refresh',
  NOTIFICATION_READ_REFRESH_KIND,
  CONTRACT_REFRESH_KIND,
  RISK_ALERT_REFRESH_KIND,
  INCENTIVE_REFRESH_KIND,
  TERMINATION_REFRESH_KIND,
] as const;
