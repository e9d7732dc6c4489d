import { NOTIFICATION_READ_REFRESH_KIND, type SlackOutboxKind } from '@outpost/core';
import { committeeBallotKind } from './committee-ballot.ts';
import { committeeRefreshKind } from './committee-refresh.ts';
import { notificationReadRefreshKind } from './notification-read-refresh.ts';

/**
 * The Slack-shaped outbox rows the bot knows how to render, for the worker to deliver
 * (core delivers plain notifications itself). Rendering lives with the listeners that
 * update the same messages after a click, so both always draw them alike.
 */
export const committeeOutboxKinds: Record<string, SlackOutboxKind> = {
  committee_ballot: committeeBallotKind,
  committee_refresh: committeeRefreshKind,
  [NOTIFICATION_READ_REFRESH_KIND]: notificationReadRefreshKind,
};

/** The kinds that redraw a clicked message in place (what the bot's own refresher delivers). */
export const messageRefreshKinds = ['committee_refresh', NOTIFICATION_READ_REFRESH_KIND] as const;
