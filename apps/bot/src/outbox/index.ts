import {
  NOTIFICATION_READ_REFRESH_KIND,
  RISK_ALERT_POST_KIND,
  RISK_ALERT_REFRESH_KIND,
  type SlackOutboxKind,
} from '@outpost/core';
import { BALLOT_KINDS } from '../ballots/kinds.ts';
import { type BallotOutbox, ballotOutboxKinds } from './ballot.ts';
import { committeeBallotOutbox } from './committee.ts';
import { notificationReadRefreshKind } from './notification-read-refresh.ts';
import { riskAlertPostKind, riskAlertRefreshKind } from './risk-alert.ts';

/**
 * Every ballot DM (decision record 058): the committee vote and the approval ballots —
 * contracts (decisions 040/047), incentives (048), terminations (049, the live tally).
 */
const ballots: readonly BallotOutbox[] = [committeeBallotOutbox, ...BALLOT_KINDS.map((k) => k.outbox)];

/**
 * The Slack-shaped outbox rows the bot knows how to render, for the worker to deliver
 * (core delivers plain notifications itself). Rendering lives with the listeners that
 * update the same messages after a click, so both always draw them alike.
 */
export const committeeOutboxKinds: Record<string, SlackOutboxKind> = {
  ...Object.assign({}, ...ballots.map(ballotOutboxKinds)),
  [NOTIFICATION_READ_REFRESH_KIND]: notificationReadRefreshKind,
  // Risk alerts (decision 034): the card per alert, posted and updated in place.
  [RISK_ALERT_POST_KIND]: riskAlertPostKind,
  [RISK_ALERT_REFRESH_KIND]: riskAlertRefreshKind,
};

/** The kinds that redraw a clicked message in place (what the bot's own refresher delivers). */
export const messageRefreshKinds: readonly string[] = [
  ...ballots.map((b) => b.refreshKind),
  NOTIFICATION_READ_REFRESH_KIND,
  RISK_ALERT_REFRESH_KIND,
];
