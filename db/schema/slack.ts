import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { users } from './users.ts';

/** Links a staff user to their Slack user, so a click in Slack acts as that person. */
export const slackLinks = pgTable(
  'slack_links',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    slackUserId: text('slack_user_id').notNull(),
    slackTeamId: text('slack_team_id'),
    linkedVia: text('linked_via', { enum: ['email', 'portal'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('slack_links_slack_user_key').on(t.slackUserId)],
);

/**
 * A Slack user asking to take over a staff member's existing link (another Slack
 * account with the same e-mail). Nothing moves until the staff member confirms it on
 * their account page in the portal; until then the old link stays. One open request
 * per staff member (a newer one replaces it).
 */
export const slackLinkRequests = pgTable(
  'slack_link_requests',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    slackUserId: text('slack_user_id').notNull(),
    slackTeamId: text('slack_team_id'),
    createdAt: createdAt(),
    /** Set when confirmed or declined; open requests have neither. */
    resolvedAt: ts('resolved_at'),
    resolution: text('resolution', { enum: ['confirmed', 'declined'] }),
  },
  (t) => [index('slack_link_requests_user_idx').on(t.userId)],
);
